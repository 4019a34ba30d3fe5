/**
 * `golive check` in plain text: the verdict and the offenders.
 */
import type { ItemView } from "../core/board.js";
import { date, plural, relativeDue, type Style, safe } from "./text.js";

export function renderCheck(style: Style, overdue: readonly ItemView[], checked: number): string {
  const c = style.chalk;
  if (overdue.length === 0) {
    return `${c.green("✓")} golive check passed: none of ${plural(checked, "item")} is overdue.\n`;
  }
  const lines = [
    `${c.red("✗")} golive check failed: ${plural(overdue.length, "item")} overdue.`,
    ...overdue.map((v) => {
      const owner = v.state.owner ? ` (owner ${safe(v.state.owner)})` : "";
      return `  ${c.bold(v.item.id)}  ${safe(v.item.title)}: ${relativeDue(v.daysUntilDue)}, was due ${date(v.window.due, true)}${owner}`;
    }),
    "Mark them done (`golive done ID`), not applicable (`golive skip ID --reason ...`), or move go-live (`golive reschedule`).",
  ];
  return `${lines.join("\n")}\n`;
}
