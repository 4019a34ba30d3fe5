import { EXIT } from "../errors.js";
import { renderCheck } from "../render/check.js";
import { jsonReport, renderJson } from "../render/json.js";
import { type Context, type Output, output } from "./context.js";
import { boardWarnings, type FilterOptions, filtered, loadBoard, warningText } from "./shared.js";

export interface CheckOptions extends FilterOptions {
  json?: boolean;
}

/** The CI gate: exit 1 while any open item is past its due date. */
export function check(ctx: Context, options: CheckOptions): Output {
  const { workspace, board } = loadBoard(ctx);
  const { items } = filtered(ctx, workspace, board, options);
  const overdue = items.filter((v) => v.overdue);
  const exitCode = overdue.length > 0 ? EXIT.findings : EXIT.ok;
  const warnings = boardWarnings(board);
  if (options.json) {
    const report = {
      ...jsonReport("check", workspace.catalogue, board, items, warnings),
      passed: overdue.length === 0,
      overdue: overdue.map((v) => v.item.id),
    };
    return output(renderJson(report), "", exitCode);
  }
  return output(
    renderCheck(ctx.style, overdue, items.length),
    warningText(ctx, warnings),
    exitCode,
  );
}
