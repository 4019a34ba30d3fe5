/**
 * Finding the state file and the repository around it: plain walks up the folders, kept apart
 * from the YAML reading so that every command can use them cheaply. `findRepo()` is the one
 * way golive finds a repository.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
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

export interface GitRepo {
  /** The work tree's root: the folder holding `.git`. */
  root: string;
  /** The git folder: `.git`, or where a `.git` file points (worktrees, submodules). */
  gitDir: string;
}

/**
 * The repository whose work tree holds the folder `from`, or undefined outside git: the
 * nearest `.git` up from it, a folder, or a file that points to one (`gitdir: PATH`, as
 * worktrees and submodules have). A `.git` file without a pointer is no repository git could
 * use, and ends the search.
 */
export function findRepo(from: string): GitRepo | undefined {
  for (const dir of foldersUp(from)) {
    const dotGit = join(dir, ".git");
    let isDir: boolean;
    try {
      isDir = statSync(dotGit).isDirectory();
    } catch {
      continue;
    }
    if (isDir) return { root: dir, gitDir: dotGit };
    try {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, "utf8"))?.[1];
      if (pointer) {
        return { root: dir, gitDir: isAbsolute(pointer) ? pointer : resolve(dir, pointer) };
      }
    } catch {
      // An unreadable .git file: git could not use it either.
    }
    return undefined;
  }
  return undefined;
}

/** The root of the git work tree holding `from`, or `from` itself outside git. */
export function findRepoRoot(from: string): string {
  return findRepo(from)?.root ?? resolve(from);
}

/**
 * Walks up from `from` to the first folder holding `golive.yaml`, as git does for `.git`, but
 * never out of the git repository it starts in: a parent project's file is not this one's.
 */
export function findStateFile(from: string): string {
  const start = resolve(from);
  const root = findRepo(start)?.root;
  const folders = foldersUp(start, (dir) => dir === root);
  const found = folders.map((dir) => join(dir, STATE_FILE_NAME)).find((f) => existsSync(f));
  if (found) return found;
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
