import { changedSince } from "../core/board.js";
import { jsonReport, renderJson } from "../render/json.js";
import { renderMarkdownSummary } from "../render/markdown.js";
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

export function status(ctx: Context, options: StatusOptions): Output {
  const { workspace, board: whole } = loadBoard(ctx);
  const { filter, items, board } = filtered(ctx, workspace, whole, options);
  const warnings = boardWarnings(board);
  const since = options.since === undefined ? undefined : parseDateOrAge(ctx, options.since);
  if (options.format === "markdown") {
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
