/**
 * The git repository around the state file: whether git holds the state file unmerged, and
 * which operation (merge, rebase, ...) is under way. The repository itself is found by
 * `findRepo()` (io/locate.ts); git's index is read by io/git-index.ts, and git is asked only
 * when the index is of a kind that reader does not walk, or is named by GIT_* variables.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gitUnmergedStages, runEnv } from "./git.js";
import { readIndex, splitIndex } from "./git-index.js";
import { findRepo, type GitRepo } from "./locate.js";
import { posixRelative } from "./posix-path.js";

/** A path as git names it in the index: relative to the work tree's root, with `/`. */
export function gitPath(repo: GitRepo, path: string): string {
  return posixRelative(repo.root, path);
}

/** Variables that make git use another index or repository than the one found on disk. */
const REDIRECTS = ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];

/** How `isUnmerged` found its answer: for tests and the bench. */
export interface UnmergedAnswer {
  unmerged: boolean;
  /** Whether git was asked (the index could not rule it out). */
  askedGit: boolean;
}

/** Whether git holds the file at `path` unmerged, and how that was found. */
export function unmergedCheck(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  repo = findRepo(dirname(resolve(path))),
): UnmergedAnswer {
  if (!repo) return { unmerged: false, askedGit: false };
  const rel = gitPath(repo, path);
  if (!REDIRECTS.some((name) => env[name]) && !splitIndex(repo.gitDir)) {
    const found = readIndex(join(repo.gitDir, "index"), rel);
    if (found !== undefined) return { unmerged: found, askedGit: false };
  }
  const stages = gitUnmergedStages(repo.root, rel);
  return { unmerged: (stages?.length ?? 0) > 0, askedGit: true };
}

/** Whether git holds the file at `path` unmerged (a merge, rebase, cherry-pick, stash stopped). */
export function isUnmerged(path: string, repo?: GitRepo): boolean {
  return unmergedCheck(path, runEnv(), repo ?? findRepo(dirname(resolve(path)))).unmerged;
}

export type GitOperation = "merge" | "rebase" | "cherry-pick" | "revert";

/** The operation that is waiting for conflicts to be resolved, by the files git keeps for it. */
export function gitOperation(repo: GitRepo): GitOperation | undefined {
  const has = (name: string) => existsSync(join(repo.gitDir, name));
  if (has("rebase-merge") || has("rebase-apply")) return "rebase";
  if (has("MERGE_HEAD")) return "merge";
  if (has("CHERRY_PICK_HEAD")) return "cherry-pick";
  if (has("REVERT_HEAD")) return "revert";
  return undefined;
}
