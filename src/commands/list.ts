import { boardWarnings } from "../core/warnings.js";
import { renderWarnings } from "../render/error.js";
import { jsonReport, renderJson } from "../render/json.js";
import { renderList } from "../render/list.js";
import { type Context, type Output, output } from "../work/context.js";
import { type FilterOptions, filtered } from "../work/select.js";
import { openState } from "../work/workspace.js";

export interface ListOptions extends FilterOptions {
  json?: boolean;
}

export function list(ctx: Context, options: ListOptions): Output {
  const { workspace, board: whole } = openState(ctx).board();
  const { items, board } = filtered(ctx, workspace, whole, options, true);
  const warnings = boardWarnings(board);
  if (options.json) {
    return output(renderJson(jsonReport("list", workspace.catalogue, board, items, warnings)));
  }
  return output(renderList(ctx.style, items), renderWarnings(ctx.style, warnings));
}
