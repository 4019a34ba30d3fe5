/**
 * `golive setup`: makes git merge golive.yaml with golive in this clone. `golive init` does the
 * same for the clone it runs in; every other clone runs `golive setup` once, since a clone's
 * git config is its own and no commit carries it. Running it again changes nothing.
 */

import type { MergeSetup } from "../core/setup.js";
import { EXIT, GoliveError } from "../errors.js";
import { type GitRepo, gitPath, gitRepoOf } from "../io/git-repo.js";
import { driverCommand, ensureAttributes, ensureDriver } from "../io/merge-setup.js";
import { renderSetup } from "../render/setup.js";
import { type Context, type Output, output } from "./context.js";
import { statePath } from "./shared.js";

function gitFailed(what: string): GoliveError {
  return new GoliveError("not-git", `git did not ${what}`, {
    hint: "check that git runs here (`git status`), then run `golive setup` again",
  });
}

/**
 * Writes the `.gitattributes` line and this clone's driver for the state file at `path`, in
 * `repo`. Needs to know how golive was started (ctx.runtime).
 */
export function setUpMerges(ctx: Context, repo: GitRepo, path: string): MergeSetup {
  if (!ctx.runtime) {
    throw new GoliveError(
      "usage",
      "this golive cannot tell which Node.js and which golive file run it, so it cannot name itself to git",
      { hint: "run `golive setup` from the golive command or file itself" },
    );
  }
  const rel = gitPath(repo, path);
  const command = driverCommand(ctx.runtime);
  const attributes = ensureAttributes(repo, rel);
  if (!attributes) throw gitFailed("say which merge driver .gitattributes gives golive.yaml");
  const driver = ensureDriver(repo, command);
  if (!driver) throw gitFailed("set the merge driver in this clone's config");
  return { path: rel, attributes, driver: { ...driver, command } };
}

export function setup(ctx: Context): Output {
  // It works on a file git holds unmerged: setting up is one way out of that state.
  const path = statePath(ctx, { allowUnmerged: true });
  const repo = gitRepoOf(path);
  if (!repo) {
    throw new GoliveError(
      "not-git",
      "golive.yaml is not in a git repository: there is nothing to set up",
      {
        hint: "run `golive setup` again after `git init` (or in your clone)",
      },
    );
  }
  const done = setUpMerges(ctx, repo, path);
  return output(
    renderSetup(ctx.style, done),
    "",
    done.attributes.status === "overridden" ? EXIT.findings : EXIT.ok,
  );
}
