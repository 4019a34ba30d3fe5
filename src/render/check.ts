/**
 * `golive check` in plain text: the verdict, then failures, warnings and waivers.
 */
import { maxOf, pushAll } from "../core/arrays.js";
import type { ItemView } from "../core/board.js";
import { failures, type GateResult, notable } from "../core/gate.js";
import { findingReason, verdictLine } from "./gate-words.js";
import { hangingLine, wrapText } from "./table.js";
import { type Style, safe } from "./text.js";

export function renderCheck(style: Style, result: GateResult): string {
  const c = style.chalk;
  const mark = result.passed ? c.green("✓") : c.red("✗");
  const lines = [hangingLine(style.width, `${mark} `, `${verdictLine(result)}.`)];
  const shown = notable(result);
  // The IDs padded to the longest shown, so that the titles after them line up.
  const idWidth = maxOf(
    shown.map((f) => f.view.item.id.length),
    0,
  );
  for (const f of shown) {
    const label =
      f.verdict === "fail"
        ? c.red("FAIL")
        : f.verdict === "warn"
          ? c.yellow("WARN")
          : f.code === "left-open"
            ? c.dim("LEFT")
            : c.dim("WAIVED");
    const owner = f.view.state.owner ? ` (owner ${safe(f.view.state.owner)})` : "";
    // Long reasons wrap under the title, within the terminal's width.
    lines.push(
      hangingLine(
        style.width,
        `  ${label.padEnd(6 + (label.length - stripLen(label)))} ${c.bold(f.view.item.id)}${" ".repeat(idWidth - f.view.item.id.length)}  `,
        `${safe(f.view.item.title)}: ${safe(findingReason(f, result.policy.grace))}${owner}`,
      ),
    );
  }
  const { overdue, regressed, failsCheck } = failures(result);
  if (overdue.length > 0) {
    pushAll(
      lines,
      wrapText(
        "Mark them done (`golive done ID`), not applicable (`golive skip ID --reason ...`), waive them (`golive waive ID --reason ... --until DATE`), or move go-live (`golive reschedule`).",
        style.width,
      ),
    );
  }
  if (regressed.length + failsCheck.length > 0) {
    pushAll(
      lines,
      wrapText(
        "Fix what the checks found, or reopen the item (`golive reopen ID`), or waive the reviewed finding (`golive waive ID`); `golive verify --item ID` shows the evidence.",
        style.width,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

function stripLen(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: measures text without colour codes
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}

/**
 * `check --verify`'s warnings: open items whose check passes. Regressed items are findings of
 * the gate itself, so every format of `check` shows them.
 */
export function renderReadyToTick(style: Style, ready: readonly { view: ItemView }[]): string {
  const c = style.chalk;
  return ready
    .map(
      (r) =>
        `${c.yellow("warning:")} ${r.view.item.id} passes its check but is still ${r.view.status}: ready to tick (\`golive done ${r.view.item.id}\`)\n`,
    )
    .join("");
}
