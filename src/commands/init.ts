import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { buildBoard } from "../core/board.js";
import type { MergeSetup } from "../core/setup.js";
import { GoliveError } from "../errors.js";
import { catalogueRefFor, DEFAULT_CATALOGUE, loadCatalogue } from "../io/catalogue.js";
import { withLock, writeFileAtomic } from "../io/fs-atomic.js";
import { gitRepoOf } from "../io/git-repo.js";
import { findRepoRoot, STATE_FILE_NAME } from "../io/locate.js";
import { newStateText } from "../io/state-edit.js";
import { renderInit } from "../render/init.js";
import { renderInitMerge } from "../render/setup.js";
import { safe } from "../render/text.js";
import { type Context, type Output, output } from "./context.js";
import { setUpMerges } from "./setup.js";
import { pastGoLiveWarning, refuseUnmerged, requireDate } from "./shared.js";

export interface InitOptions {
  date: string;
  catalogue?: string;
  force?: boolean;
}

/** Creates golive.yaml at the repository root (or at --file) with every item todo. */
export function init(ctx: Context, options: InitOptions): Output {
  const goLive = requireDate(options.date, "--date");
  const path = ctx.file ? resolve(ctx.cwd, ctx.file) : join(findRepoRoot(ctx.cwd), STATE_FILE_NAME);
  const shown = relative(ctx.cwd, path) || path;
  const refuseExisting = () => {
    if (existsSync(path) && !options.force) {
      throw new GoliveError("state-exists", "the state file already exists", {
        location: { file: shown },
        hint: "use `golive reschedule --date` to move go-live, or `golive init --force` to start over",
      });
    }
  };
  refuseExisting();
  if (existsSync(path)) refuseUnmerged(ctx, path);
  if (!existsSync(dirname(path))) {
    throw new GoliveError(
      "usage",
      `the folder ${relative(ctx.cwd, dirname(path)) || "."} does not exist`,
      {
        location: { file: shown },
        hint: "create the folder first, or give --file a path in an existing folder",
      },
    );
  }
  const ref = options.catalogue ?? DEFAULT_CATALOGUE;
  const { catalogue } = loadCatalogue(ref, ctx.cwd);
  const text = newStateText(catalogue, catalogueRefFor(ref, dirname(path), ctx.cwd), goLive);
  // Under the lock, so that init --force cannot interleave with another command's write.
  withLock(path, () => {
    refuseExisting();
    writeFileAtomic(path, text);
  });

  // golive.yaml is written: a merge driver git could not be given is a warning, not a failure.
  const repo = gitRepoOf(path);
  let merge: MergeSetup | undefined;
  let warning = "";
  if (repo) {
    try {
      merge = setUpMerges(ctx, repo, path);
    } catch (error) {
      if (!(error instanceof GoliveError)) throw error;
      warning = `${ctx.style.chalk.yellow("warning:")} git's merge driver for ${safe(shown)} was not set up: ${safe(error.message)}; run \`golive setup\`\n`;
    }
  }
  const board = buildBoard(
    catalogue,
    { golive: 1, catalogue: { name: ref }, goLive, items: {} },
    ctx.today,
  );
  const commit = merge?.attributes.status === "added" ? `${shown} and .gitattributes` : shown;
  const merges = repo && !merge ? undefined : renderInitMerge(merge);
  return output(
    renderInit(ctx.style, { shown, commit, catalogue, board, ...(merges ? { merges } : {}) }),
    warning + pastGoLiveWarning(ctx, goLive),
  );
}
