/**
 * What an item's checks read, so that recorded evidence can say whether it still holds without
 * running the checks again: the files read or looked for by name, the sets of files a rule went
 * through (a glob, every deploy file, every file), and the values of the run's context that
 * decided something (today, go-live, `verify.allow`, `--latest-release`). Facts collects them
 * while the rules run; `work/evidence-inputs.ts` turns them into one digest over git blob IDs.
 * Pure.
 */
import { isDeployName } from "./deploy.js";
import { filesMatching, globMatcher } from "./glob.js";
import type { ContextInput, InputSet } from "./input-names.js";

export { CONTEXT_INPUTS, type ContextInput, type InputSet, knownSet } from "./input-names.js";

/** What one item's checks read. Files covered by one of the sets are not listed again. */
export interface InputKeys {
  files: string[];
  sets: InputSet[];
  context: ContextInput[];
  /**
   * With `today` among the context: the day the verdict may first change by the date alone (an
   * end of support, a release, go-live day), so that status runs the checks again from that
   * day instead of every day; `9999-12-31` when no date changes it.
   */
  until?: string;
}

/** The key of a read of today that no rule has yet said how long its answer holds. */
const TODAY_OPEN = "t:open";

/** `until` for an answer no date changes. */
export const NEVER = "9999-12-31";

/** More named files than this, and the item depends on every file instead (one set, not a list). */
export const MAX_INPUT_FILES = 200;

/** The files of `files` (sorted, tracked) in the set. */
export function setMembers(set: InputSet, files: readonly string[]): readonly string[] {
  if (set === "all") return files;
  if (set === "deploy") return files.filter(isDeployName);
  return filesMatching(files, set.slice("glob:".length).split("\n"));
}

function covers(set: InputSet, path: string): boolean {
  if (set === "all") return true;
  if (set === "deploy") return isDeployName(path);
  return set
    .slice("glob:".length)
    .split("\n")
    .some((g) => g === path || globMatcher(g).test(path));
}

/** A set's name for one glob or several (several are one set: the files matching any). */
export function globSet(glob: string | readonly string[]): InputSet {
  return `glob:${typeof glob === "string" ? glob : glob.join("\n")}`;
}

/**
 * Collects input keys: one frame per item, and one per fact computed once and reused (a fact's
 * keys are added to every item that uses it, whether it computed the fact or found it made).
 */
export class InputTracker {
  private readonly frames: Set<string>[] = [];

  /** Records a key in the innermost frame: `f:path`, `s:set` or `c:context`. */
  touch(key: string): void {
    this.frames[this.frames.length - 1]?.add(key);
  }

  /** A read of today: the item depends on the date until a rule says how long (`until`). */
  readToday(): void {
    this.touch("c:today");
    this.touch(TODAY_OPEN);
  }

  /**
   * The answer made from today's date holds until `date` (undefined: no date changes it).
   * Said after the rule's last read of today; a read no rule speaks for keeps the item daily.
   */
  until(date: string | undefined): void {
    this.frames[this.frames.length - 1]?.delete(TODAY_OPEN);
    this.touch(`u:${date ?? NEVER}`);
  }

  /** Runs `fn` in a frame of its own; returns its result and the keys it touched. */
  collect<T>(fn: () => T): { value: T; keys: Set<string> } {
    const frame = new Set<string>();
    this.frames.push(frame);
    try {
      return { value: fn(), keys: frame };
    } finally {
      this.frames.pop();
      for (const k of frame) this.touch(k);
    }
  }

  get active(): boolean {
    return this.frames.length > 0;
  }
}

/** An item's frame as `InputKeys`: sets, context, then the named files no set covers, sorted. */
export function inputKeys(keys: ReadonlySet<string>): InputKeys {
  const sets: InputSet[] = [];
  const context: ContextInput[] = [];
  const named: string[] = [];
  let until: string | undefined;
  for (const key of keys) {
    const value = key.slice(2);
    if (key.startsWith("s:")) sets.push(value as InputSet);
    else if (key.startsWith("c:")) context.push(value as ContextInput);
    else if (key.startsWith("u:")) until = until === undefined || value < until ? value : until;
    else if (key.startsWith("f:")) named.push(value);
  }
  if (keys.has(TODAY_OPEN) || !context.includes("today")) until = undefined;
  let files = named.filter((f) => !sets.some((s) => covers(s, f)));
  if (files.length > MAX_INPUT_FILES) {
    files = [];
    sets.splice(0, sets.length, "all");
  }
  return {
    files: files.sort(),
    sets: sets.sort(),
    context: context.sort(),
    ...(until !== undefined ? { until } : {}),
  };
}
