import type { ItemView } from "../core/board.js";
import { changedSince } from "../core/history.js";
import type { ItemVerdict } from "../core/verdict.js";
import { GoliveError } from "../errors.js";
import type { Workspace } from "../io/state-read.js";
import { jsonReport, renderJson } from "../render/json.js";
import { renderMarkdownSummary } from "../render/markdown.js";
import { renderStatus } from "../render/status.js";
import { type Context, type Output, output } from "../work/context.js";
import type { StatusFormat } from "../work/formats.js";
import {
  boardWarnings,
  describeFilter,
  type FilterOptions,
  filtered,
  loadBoard,
  parseDateOrAge,
  warningText,
} from "../work/shared.js";

export interface StatusOptions extends FilterOptions {
  all?: boolean;
  since?: string;
  json?: boolean;
  /** `--json` is `--format json`; cli.ts refuses the two together. */
  format?: StatusFormat;
}

/**
 * What the repository's checks say now about the items with recorded evidence, so that status
 * shows evidence the repository no longer bears out as stale; undefined when no item has any
 * (then no check runs and status reads nothing but golive.yaml and the catalogue), or when the
 * repository cannot be read (the evidence is then shown as recorded). Only the checks whose
 * recorded inputs changed run again (work/evidence-inputs.ts).
 */
async function currentVerdicts(
  ctx: Context,
  workspace: Workspace,
  items: readonly ItemView[],
): Promise<Map<string, ItemVerdict> | undefined> {
  const recorded = items.filter((v) => v.state.evidence !== undefined && v.item.checks);
  if (recorded.length === 0) return undefined;
  try {
    const { currentEvidence } = await import("../work/evidence-inputs.js");
    return (await currentEvidence(ctx, workspace, recorded)).verdicts;
  } catch (error) {
    if (error instanceof GoliveError) return undefined;
    throw error;
  }
}

export async function status(ctx: Context, options: StatusOptions): Promise<Output> {
  const { workspace, board: whole } = loadBoard(ctx);
  const { filter, items, board } = filtered(ctx, workspace, whole, options, true);
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
  const current = await currentVerdicts(ctx, workspace, items);
  if (options.json || options.format === "json") {
    const report = {
      ...jsonReport("status", workspace.catalogue, board, items, warnings, current),
      ...(since ? { since, changed: changedSince(items, since).map((v) => v.item.id) } : {}),
    };
    return output(renderJson(report));
  }
  const text = renderStatus(ctx.style, workspace.catalogue, board, {
    items,
    all: options.all ?? false,
    filterLabel: describeFilter(filter),
    ...(since ? { since: { date: since, items: changedSince(items, since) } } : {}),
    ...(current ? { current } : {}),
  });
  return output(text, warningText(ctx, warnings));
}
