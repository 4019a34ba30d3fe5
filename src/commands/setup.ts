/**
 * `golive setup`: makes git merge golive.yaml with golive in this clone. `golive init` does the
 * same for the clone it runs in; every other clone runs `golive setup` once, since a clone's
 * git config is its own and no commit carries it. Running it again changes nothing.
 */

import { dirname } from "node:path";
import { EXIT, GoliveError } from "../errors.js";
import { findRepo } from "../io/locate.js";
import { renderSetup } from "../render/setup.js";
import { type Context, type Output, output } from "../work/context.js";
import { setUpMerges } from "../work/merge-setup.js";
import { statePath } from "../work/shared.js";

export function setup(ctx: Context): Output {
  // It works on a file git holds unmerged: setting up is one way out of that state.
  const path = statePath(ctx, { allowUnmerged: true });
  const repo = findRepo(dirname(path));
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
