import { GoliveError } from "../errors.js";
import { jsonReport, renderJson } from "../render/json.js";
import { renderList } from "../render/list.js";
import { StatusSchema } from "../schema/state.js";
import { type Context, type Output, output } from "./context.js";
import { boardWarnings, type FilterOptions, filtered, loadBoard, warningText } from "./shared.js";

export interface ListOptions extends FilterOptions {
  status?: string;
  json?: boolean;
}

export function list(ctx: Context, options: ListOptions): Output {
  const { workspace, board } = loadBoard(ctx);
  let { items } = filtered(ctx, workspace, board, options);
  if (options.status !== undefined) {
    const wanted = StatusSchema.safeParse(options.status.toLowerCase());
    if (!wanted.success) {
      throw new GoliveError("usage", `unknown status "${options.status}"`, {
        hint: `use one of: ${StatusSchema.options.join(", ")}`,
      });
    }
    items = items.filter((v) => v.status === wanted.data);
  }
  const warnings = boardWarnings(board);
  if (options.json) {
    return output(renderJson(jsonReport("list", workspace.catalogue, board, items, warnings)));
  }
  return output(renderList(ctx.style, items), warningText(ctx, warnings));
}
