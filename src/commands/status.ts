import { changedSince } from "../core/board.js";
import { renderStatus } from "../render/status.js";
import { type Context, type Output, output } from "./context.js";
import type { StatusFormat } from "./formats.js";
import {
  boardWarnings,
  describeFilter,
  type FilterOptions,
  filtered,
  loadBoard,
  parseDateOrAge,
  warningText,
} from "./shared.js";

export interface StatusOptions extends FilterOptions {
  all?: boolean;
  since?: string;
  json?: boolean;
  /** `--json` is `--format json`; cli.ts refuses the two together. */
  format?: StatusFormat;
}

export async function status(ctx: Context, options: StatusOptions): Promise<Output> {
  const { workspace, board: whole } = await loadBoard(ctx);
  const { filter, items, board } = filtered(ctx, workspace, whole, options);
  const warnings = boardWarnings(board);
  const since = options.since === undefined ? undefined : parseDateOrAge(ctx, options.since);
  if (options.format === "markdown") {
    const { renderMarkdownSummary } = await import("../lazy-report.js");
    const label = describeFilter(filter);
    return output(
      renderMarkdownSummary(workspace.catalogue, board, {
        items,
        ...(since ? { since: { date: since, items: changedSince(items, since) } } : {}),
        ...(label ? { filterLabel: label } : {}),
      }),
      warningText(ctx, warnings),
    );
  }
  if (options.json || options.format === "json") {
    const { jsonReport, renderJson } = await import("../lazy-report.js");
    const report = {
      ...jsonReport("status", workspace.catalogue, board, items, warnings),
      ...(since ? { since, changed: changedSince(items, since).map((v) => v.item.id) } : {}),
    };
    return output(renderJson(report));
  }
  const text = renderStatus(ctx.style, workspace.catalogue, board, {
    items,
    all: options.all ?? false,
    filterLabel: describeFilter(filter),
    ...(since ? { since: { date: since, items: changedSince(items, since) } } : {}),
  });
  return output(text, warningText(ctx, warnings));
}
