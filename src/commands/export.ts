/**
 * `golive export`: the reports people read outside the terminal: a Markdown summary, a
 * calendar, a spreadsheet, a status page, and the launch report handed to the client.
 */
import { resolve } from "node:path";
import { changedSince } from "../core/history.js";
import { originalName } from "../core/identity.js";
import { launchReport } from "../core/launch.js";
import { originalGoLive } from "../core/schedule.js";
import { GoliveError } from "../errors.js";
import { findRepoRoot } from "../io/locate.js";
import { writeReport } from "../io/report-file.js";
import { renderCsv } from "../render/csv.js";
import { renderHtml } from "../render/html.js";
import { renderIcs } from "../render/ics.js";
import { renderJiraCsv } from "../render/jira-csv.js";
import { renderLaunchHtml, renderLaunchMarkdown } from "../render/launch.js";
import { renderMarkdownSummary } from "../render/markdown.js";
import { plural, safe } from "../render/text.js";
import { VERSION } from "../version.js";
import { type Context, type Output, output, rawOutput } from "../work/context.js";
import type { ExportFormat } from "../work/formats.js";
import {
  boardWarnings,
  describeFilter,
  type FilterOptions,
  filtered,
  loadBoard,
  parseDateOrAge,
  readFiles,
  warningText,
} from "../work/shared.js";

export interface ExportOptions extends FilterOptions {
  format?: ExportFormat;
  output?: string;
  since?: string;
  /** `--no-bom` makes it false: a CSV without the byte order mark. */
  bom?: boolean;
}

export function exportReport(ctx: Context, options: ExportOptions): Output {
  const format = options.format ?? "markdown";
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
  const { workspace, board: whole } = loadBoard(ctx);
  const { filter, items, board } = filtered(ctx, workspace, whole, options);
  const since = options.since === undefined ? undefined : parseDateOrAge(ctx, options.since);
  const catalogue = workspace.catalogue;
  let text: string;
  let what: string;
  const uidName = originalName(workspace.state);
  switch (format) {
    case "ics":
      text = renderIcs(board, items, {
        catalogueName: catalogue.file.name,
        originalGoLive: originalGoLive(workspace.state),
        title: board.title,
        ...(board.name !== undefined ? { name: board.name } : {}),
        ...(uidName !== undefined ? { uidName } : {}),
        now: ctx.now(),
        version: VERSION,
      });
      what = plural(items.length + 1, "event");
      break;
    case "csv":
      text = renderCsv(items, {
        bom: options.bom !== false,
        ...(board.name !== undefined ? { project: board.name } : {}),
      });
      what = plural(items.length, "row");
      break;
    case "jira-csv":
      text = renderJiraCsv(items, board.name);
      what = plural(items.length, "issue");
      break;
    case "html":
      text = renderHtml(catalogue, board, items, { generated: ctx.now(), version: VERSION });
      what = `a page of ${plural(items.length, "item")}`;
      break;
    case "report":
    case "report-html": {
      const report = launchReport(board, items, workspace.state);
      text =
        format === "report"
          ? renderLaunchMarkdown(board.title, report)
          : renderLaunchHtml(board.title, report, {
              generated: ctx.now(),
              version: VERSION,
            });
      what = "the launch report";
      break;
    }
    default:
      text = renderMarkdownSummary(catalogue, board, {
        items,
        ...(since ? { since: { date: since, items: changedSince(items, since) } } : {}),
        ...(describeFilter(filter) ? { filterLabel: describeFilter(filter)! } : {}),
      });
      what = "the summary";
  }
  const warnings = warningText(ctx, boardWarnings(board));
  // A report on stdout is the file's bytes, as --output would write them.
  if (options.output === undefined) return rawOutput(text, warnings);
  const path = resolve(ctx.cwd, options.output);
  writeReport(path, text, readFiles(workspace), findRepoRoot(ctx.cwd));
  return output(`Wrote ${what} to ${safe(options.output)}.\n`, warnings);
}
