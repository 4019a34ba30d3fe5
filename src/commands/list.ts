import { jsonReport, renderJson } from "../render/json.js";
import { renderList } from "../render/list.js";
import { type Context, type Output, output } from "../work/context.js";
import {
  boardWarnings,
  type FilterOptions,
  filtered,
  loadBoard,
  warningText,
} from "../work/shared.js";

export interface ListOptions extends FilterOptions {
  json?: boolean;
}

export function list(ctx: Context, options: ListOptions): Output {
  const { workspace, board: whole } = loadBoard(ctx);
  const { items, board } = filtered(ctx, workspace, whole, options, true);
  const warnings = boardWarnings(board);
  if (options.json) {
    return output(renderJson(jsonReport("list", workspace.catalogue, board, items, warnings)));
  }
  return output(renderList(ctx.style, items), warningText(ctx, warnings));
}
