import { EXIT } from "../errors.js";
import { renderCheck } from "../render/check.js";
import { jsonReport, renderJson } from "../render/json.js";
import { renderVerifyGate } from "../render/verify.js";
import { type Context, type Output, output } from "./context.js";
import { boardWarnings, type FilterOptions, filtered, loadBoard, warningText } from "./shared.js";
import { verifyGate } from "./verify.js";

export interface CheckOptions extends FilterOptions {
  json?: boolean;
  /** Also run `golive verify`: a done item whose check fails is a regression. */
  verify?: boolean;
}

/** The CI gate: exit 1 while any open item is past its due date. */
export function check(ctx: Context, options: CheckOptions): Output {
  const { workspace, board } = loadBoard(ctx);
  const { items } = filtered(ctx, workspace, board, options);
  const overdue = items.filter((v) => v.overdue);
  const gate = options.verify ? verifyGate(ctx, workspace, board, items) : undefined;
  const failed = overdue.length > 0 || (gate?.regressed.length ?? 0) > 0;
  const exitCode = failed ? EXIT.findings : EXIT.ok;
  const warnings = boardWarnings(board);
  if (options.json) {
    const report = {
      ...jsonReport("check", workspace.catalogue, board, items, warnings),
      passed: !failed,
      overdue: overdue.map((v) => v.item.id),
      ...(gate
        ? {
            regressed: gate.regressed.map((r) => r.view.item.id),
            readyToTick: gate.ready.map((r) => r.view.item.id),
          }
        : {}),
    };
    return output(renderJson(report), "", exitCode);
  }
  const verified = gate ? renderVerifyGate(ctx.style, gate.regressed, gate.ready) : undefined;
  return output(
    renderCheck(ctx.style, overdue, items.length) + (verified?.stdout ?? ""),
    warningText(ctx, warnings) + (verified?.stderr ?? ""),
    exitCode,
  );
}
