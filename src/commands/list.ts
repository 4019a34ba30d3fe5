import { renderList } from "../render/list.js";
import { type Context, type Output, output } from "./context.js";
import { boardWarnings, type FilterOptions, filtered, loadBoard, warningText } from "./shared.js";

export interface ListOptions extends FilterOptions {
  json?: boolean;
}

export async function list(ctx: Context, options: ListOptions): Promise<Output> {
  const { workspace, board: whole } = await loadBoard(ctx);
  const { items, board } = filtered(ctx, workspace, whole, options);
  const warnings = boardWarnings(board);
  if (options.json) {
    const { jsonReport, renderJson } = await import("../lazy-report.js");
    return output(renderJson(jsonReport("list", workspace.catalogue, board, items, warnings)));
  }
  return output(renderList(ctx.style, items), warningText(ctx, warnings));
}
