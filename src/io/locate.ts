/**
 * Finding the state file and the repository around it: plain file-system walks, kept apart
 * from the YAML reading so that every command can use them cheaply.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GoliveError } from "../errors.js";

export const STATE_FILE_NAME = "golive.yaml";

/**
 * Walks up from `from` to the first folder holding `golive.yaml`, as git does for `.git`, but
 * never out of the git repository it starts in: a parent project's file is not this one's.
 */
export function findStateFile(from: string): string {
  const start = resolve(from);
  let dir = start;
  let root: string | undefined;
  for (;;) {
    const candidate = join(dir, STATE_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, ".git"))) {
      root = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const searched =
    root === undefined
      ? `in ${start} or any parent folder`
      : root === start
        ? `in ${start}, the repository's root`
        : `between ${start} and the repository's root ${root}`;
  // A file above the repository (this one a submodule or nested checkout) is not used on its
  // own, but named, so that --file is one step away.
  const outside = root === undefined ? undefined : findAbove(dirname(root));
  throw new GoliveError("no-state-file", `no ${STATE_FILE_NAME} ${searched}`, {
    hint:
      outside === undefined
        ? "run `golive init --date YYYY-MM-DD` at your repository's root, or pass --file PATH"
        : `${outside} belongs to an enclosing folder; pass --file ${shellQuote(outside)} to use it, or run \`golive init --date YYYY-MM-DD\` here`,
  });
}

function findAbove(from: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = join(dir, STATE_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A path as it can be pasted into a POSIX shell. */
export function shellQuote(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/** The root of the git work tree holding `from`, or `from` itself outside git. */
export function findRepoRoot(from: string): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}
