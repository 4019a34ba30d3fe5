import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { buildBoard } from "../core/board.js";
import { GoliveError } from "../errors.js";
import { catalogueRefFor, DEFAULT_CATALOGUE, loadCatalogue } from "../io/catalogue.js";
import { withLock, writeFileAtomic } from "../io/fs-atomic.js";
import { findRepoRoot, STATE_FILE_NAME } from "../io/locate.js";
import { newStateText } from "../io/state-edit.js";
import { renderInit } from "../render/init.js";
import { type Context, type Output, output } from "./context.js";
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

  const board = buildBoard(
    catalogue,
    { golive: 1, catalogue: { name: ref }, goLive, items: {} },
    ctx.today,
  );
  return output(renderInit(ctx.style, { shown, catalogue, board }), pastGoLiveWarning(ctx, goLive));
}
