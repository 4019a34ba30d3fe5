/**
 * The names recorded evidence gives what its checks read (verify/inputs.ts): kept apart, with
 * no imports, so that `status` reads recorded inputs without loading the sets' matchers.
 */

/** A set of files a rule went through: every file, every deploy file, or a glob's matches. */
export type InputSet = "all" | "deploy" | `glob:${string}`;

/** A value of the run's context (`VerifyContext`) a rule read. */
export type ContextInput = "today" | "goLive" | "allow" | "latestRelease";

export const CONTEXT_INPUTS: readonly ContextInput[] = [
  "today",
  "goLive",
  "allow",
  "latestRelease",
];

/** Whether a set's name is one this version knows (golive.yaml may hold any text). */
export function knownSet(name: string): name is InputSet {
  return name === "all" || name === "deploy" || (name.startsWith("glob:") && name.length > 5);
}
