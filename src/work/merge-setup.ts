/**
 * Naming golive to git as golive.yaml's merge driver in a clone: `golive setup` does it for a
 * clone, `golive init` for the clone it runs in.
 */

import type { MergeSetup } from "../core/setup.js";
import { GoliveError } from "../errors.js";
import { gitPath } from "../io/git-repo.js";
import type { GitRepo } from "../io/locate.js";
import { driverCommand, ensureAttributes, ensureDriver } from "../io/merge-setup.js";
import type { Context } from "./context.js";

function gitFailed(what: string): GoliveError {
  return new GoliveError("not-git", `git did not ${what}`, {
    hint: "check that git runs here (`git status`), then run `golive setup` again",
  });
}

/**
 * Writes the `.gitattributes` line and this clone's driver for the state file at `path`, in
 * `repo`. Needs to know how golive was started (ctx.runtime).
 */
export function setUpMerges(
  ctx: Context,
  repo: GitRepo,
  path: string,
  /** This clone's values of DRIVER_KEYS, when the caller read them already. */
  config?: ReadonlyMap<string, string>,
): MergeSetup {
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
  const driver = ensureDriver(repo, command, config);
  if (!driver) throw gitFailed("set the merge driver in this clone's config");
  return { path: rel, attributes, driver: { ...driver, command } };
}
