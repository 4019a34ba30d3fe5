import { buildBoardReport } from "../core/report.js";
import { boardWarnings } from "../core/warnings.js";
import { renderWarnings } from "../render/error.js";
import { describeFilter } from "../render/filter.js";
import type { StatusFormat } from "../render/formats.js";
import { statusFormats } from "../render/status-formats.js";
import { type Context, type Output, output } from "../work/context.js";
import { currentVerdicts, startEvidenceCheck } from "../work/current-evidence.js";
import { type DateOrAge, sinceDate } from "../work/dates.js";
import { type FilterOptions, filtered } from "../work/select.js";
import { openState } from "../work/workspace.js";

export interface StatusOptions extends FilterOptions {
  all?: boolean;
  since?: DateOrAge;
  json?: boolean;
  /** `--json` is `--format json`; cli/ refuses the two together. */
  format?: StatusFormat;
}

export async function status(ctx: Context, options: StatusOptions): Promise<Output> {
  const state = openState(ctx);
  // git stats the work tree for recorded evidence while golive.yaml is parsed.
  const early = startEvidenceCheck(state);
  const { workspace, board: whole } = state.board();
  const { filter, items, board } = filtered(ctx, workspace, whole, options, true);
  const warnings = boardWarnings(board);
  const since = options.since === undefined ? undefined : sinceDate(ctx, options.since);
  const report = buildBoardReport({
    catalogue: workspace.catalogue,
    board,
    items,
    state: workspace.state,
    warnings,
    current: await currentVerdicts(ctx, workspace, items, early),
    since,
    filterLabel: describeFilter(filter),
  });
  const format: StatusFormat = options.json ? "json" : (options.format ?? "text");
  const text = statusFormats({ style: ctx.style, all: options.all ?? false })[format](report);
  // JSON carries its warnings inside; the other formats say them on stderr.
  return format === "json" ? output(text) : output(text, renderWarnings(ctx.style, warnings));
}
