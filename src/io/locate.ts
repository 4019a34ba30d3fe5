/**
 * Finding the state file and the repository around it: plain walks up the folders, kept apart
 * from the YAML reading so that every command can use them cheaply.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GoliveError } from "../errors.js";

export const STATE_FILE_NAME = "golive.yaml";

/**
 * The folders from `from` up to the file system's root, nearest first, stopping after the one
 * for which `stop` is true. The one walk up that every search here makes.
 */
export function foldersUp(from: string, stop: (dir: string) => boolean = () => false): string[] {
  const folders: string[] = [];
  let dir = resolve(from);
  for (;;) {
    folders.push(dir);
    const parent = dirname(dir);
    if (stop(dir) || parent === dir) return folders;
    dir = parent;
  }
}

const isRepoRoot = (dir: string) => existsSync(join(dir, ".git"));

/** The root of the git work tree holding `from`, or `from` itself outside git. */
export function findRepoRoot(from: string): string {
  const folders = foldersUp(from, isRepoRoot);
  const last = folders[folders.length - 1]!;
  return isRepoRoot(last) ? last : resolve(from);
}

/**
 * Walks up from `from` to the first folder holding `golive.yaml`, as git does for `.git`, but
 * never out of the git repository it starts in: a parent project's file is not this one's.
 */
export function findStateFile(from: string): string {
  const start = resolve(from);
  const folders = foldersUp(start, isRepoRoot);
  const found = folders.map((dir) => join(dir, STATE_FILE_NAME)).find((f) => existsSync(f));
  if (found) return found;
  const last = folders[folders.length - 1]!;
  const root = isRepoRoot(last) ? last : undefined;
  const searched =
    root === undefined
      ? `in ${start} or any parent folder`
      : root === start
        ? `in ${start}, the repository's root`
        : `between ${start} and the repository's root ${root}`;
  // A file above the repository (this one a submodule or nested checkout) is not used on its
  // own, but named, so that --file is one step away.
  const outside =
    root === undefined
      ? undefined
      : foldersUp(dirname(root))
          .map((dir) => join(dir, STATE_FILE_NAME))
          .find((f) => existsSync(f));
  throw new GoliveError("no-state-file", `no ${STATE_FILE_NAME} ${searched}`, {
    hint:
      outside === undefined
        ? "run `golive init --date YYYY-MM-DD` at your repository's root, or pass --file PATH"
        : `${outside} belongs to an enclosing folder; pass --file ${shellQuote(outside)} to use it, or run \`golive init --date YYYY-MM-DD\` here`,
  });
}

/** A path as it can be pasted into a POSIX shell. */
export function shellQuote(path: string): string {
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
