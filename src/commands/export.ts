/**
 * `golive export`: the reports people read outside the terminal: a Markdown summary, a
 * calendar, a spreadsheet, a status page, and the launch report handed to the client.
 */
import { resolve } from "node:path";
import { buildBoardReport } from "../core/report.js";
import { boardWarnings } from "../core/warnings.js";
import { GoliveError } from "../errors.js";
import { findRepoRoot } from "../io/locate.js";
import { writeReport } from "../io/report-file.js";
import { renderWarnings } from "../render/error.js";
import { EXPORT_WRITTEN, exportFormats } from "../render/export-formats.js";
import { describeFilter } from "../render/filter.js";
import type { ExportFormat } from "../render/formats.js";
import { safe } from "../render/text.js";
import { VERSION } from "../version.js";
import { type Context, type Output, output, rawOutput } from "../work/context.js";
import { currentVerdicts } from "../work/current-evidence.js";
import { type DateOrAge, sinceDate } from "../work/dates.js";
import { type FilterOptions, filtered } from "../work/select.js";
import { openState, readFiles } from "../work/workspace.js";

export interface ExportOptions extends FilterOptions {
  /** cli/ gives the default, markdown. */
  format: ExportFormat;
  output?: string;
  since?: DateOrAge;
  /** `--no-bom` makes it false: a CSV without the byte order mark. */
  bom?: boolean;
}

export async function exportReport(ctx: Context, options: ExportOptions): Promise<Output> {
  const { format } = options;
  // Only the summary has a "changed since" section: elsewhere --since would be ignored silently.
  if (options.since !== undefined && format !== "markdown") {
    throw new GoliveError("usage", `--since only applies to --format markdown, not ${format}`, {
      hint: "drop --since, or use --format markdown (the csv and json reports carry each item's `at`)",
    });
  }
  if (options.bom === false && format !== "csv") {
    throw new GoliveError("usage", `--no-bom only applies to --format csv, not ${format}`, {
      hint: "drop --no-bom; only the CSV sheet starts with a byte order mark",
    });
  }
  const { workspace, board: whole } = openState(ctx).board();
  const { filter, items, board } = filtered(ctx, workspace, whole, options);
  const since = options.since === undefined ? undefined : sinceDate(ctx, options.since);
  const report = buildBoardReport({
    catalogue: workspace.catalogue,
    board,
    items,
    state: workspace.state,
    warnings: boardWarnings(board),
    // Only the reports that show evidence (the summary, the page) read the repository's checks.
    current:
      format === "markdown" || format === "html"
        ? await currentVerdicts(ctx, workspace, items)
        : undefined,
    since,
    filterLabel: describeFilter(filter),
  });
  const text = exportFormats({ now: ctx.now(), version: VERSION, bom: options.bom !== false })[
    format
  ](report);
  const what = EXPORT_WRITTEN[format](report);
  const warnings = renderWarnings(ctx.style, report.warnings);
  // A report on stdout is the file's bytes, as --output would write them.
  if (options.output === undefined) return rawOutput(text, warnings);
  const path = resolve(ctx.cwd, options.output);
  writeReport(path, text, readFiles(workspace), findRepoRoot(ctx.cwd));
  return output(`Wrote ${what} to ${safe(options.output)}.\n`, warnings);
}
