import { diffStates } from "../core/diff.js";
import { echo } from "../core/escape.js";
import { GoliveError } from "../errors.js";
import { GitError, gitCommitOf, gitDefaultBranch, gitFileAt, gitMergeBase } from "../io/git.js";
import { gitPath } from "../io/git-repo.js";
import { parseState } from "../io/state-read.js";
import {
  type DiffBase,
  renderDiffJson,
  renderDiffMarkdown,
  renderDiffText,
} from "../render/diff.js";
import type { DiffFormat } from "../render/formats.js";
import { type Context, type Output, output } from "../work/context.js";
import { openState } from "../work/workspace.js";

export interface DiffOptions {
  format?: DiffFormat;
}

/**
 * `golive diff [BASE]`: what golive.yaml as it is now (the working file, uncommitted changes
 * included) changes against BASE, by default the merge base with the default branch: what a
 * pull request does to the checklist.
 */
export function diff(ctx: Context, baseRef: string | undefined, options: DiffOptions): Output {
  const state = openState(ctx);
  const { workspace, board } = state.board();
  const repo = state.repo;
  if (repo === undefined) {
    throw new GoliveError(
      "not-git",
      "golive diff compares golive.yaml with a commit: this folder is not in a git repository",
      {
        hint: "run it in the repository that holds golive.yaml",
      },
    );
  }
  const base = findBase(repo.root, baseRef, gitPath(repo, workspace.statePath));
  const before = readBase(repo.root, base);
  const changes = diffStates(workspace.catalogue, before, workspace.state, board.today);
  switch (options.format ?? "text") {
    case "json":
      return output(renderDiffJson(changes, base, board.today));
    case "markdown":
      return output(renderDiffMarkdown(changes, base));
    default:
      return output(renderDiffText(ctx.style, changes, base));
  }
}

function findBase(root: string, given: string | undefined, path: string): DiffBase {
  try {
    if (given !== undefined) {
      const commit = gitCommitOf(root, given);
      if (commit === undefined) {
        throw new GoliveError("usage", `"${echo(given)}" names no commit in this repository`, {
          hint: "give a branch, tag or commit (git log --oneline shows them), or leave it out to compare with the default branch",
        });
      }
      return { ref: given, commit, path };
    }
    const branch = gitDefaultBranch(root);
    const head = gitCommitOf(root, "HEAD");
    if (branch === undefined || head === undefined) {
      throw new GoliveError("usage", "golive diff found no default branch to compare with", {
        hint: "name the commit to compare with: golive diff main (or origin/main in CI; fetch it first with fetch-depth: 0)",
      });
    }
    const commit = gitMergeBase(root, head, branch);
    if (commit === undefined) {
      throw new GoliveError("usage", `HEAD and ${branch} share no commit`, {
        hint: "name the commit to compare with, e.g. golive diff HEAD~1; in CI, fetch the history (fetch-depth: 0)",
      });
    }
    return { ref: `merge base with ${branch}`, commit, path };
  } catch (error) {
    throw gitFailure(error);
  }
}

function readBase(root: string, base: DiffBase) {
  let text: string | undefined;
  try {
    text = gitFileAt(root, base.commit, base.path);
  } catch (error) {
    throw gitFailure(error);
  }
  if (text === undefined) return undefined;
  return parseState(text, `${base.commit.slice(0, 7)}:${base.path}`).state;
}

function gitFailure(error: unknown): unknown {
  if (!(error instanceof GitError)) return error;
  return new GoliveError("not-git", `git failed: ${error.message}`, {
    hint: "check that git works in this repository (git status)",
  });
}
