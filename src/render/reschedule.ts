/**
 * What `golive reschedule` reports: the move, and what it made late or urgent.
 */
import type { ItemView } from "../core/board.js";
import { renderTable } from "./table.js";
import { date, plural, relativeDue, relativeGoLive, type Style, safe } from "./text.js";

export interface RescheduleResult {
  from: string;
  to: string;
  daysToGoLive: number;
  /** Open items that the move made overdue or due within `soonDays`. */
  urgent: ItemView[];
  soonDays: number;
}

export function renderReschedule(style: Style, result: RescheduleResult): string {
  const c = style.chalk;
  if (result.from === result.to) {
    return `Go-live is already ${date(result.to, true)}; nothing changed.\n`;
  }
  const lines = [
    `Go-live moved from ${date(result.from, true)} to ${c.bold(date(result.to, true))} (${relativeGoLive(result.daysToGoLive)}). Every status is kept.`,
  ];
  if (result.urgent.length > 0) {
    lines.push(
      "",
      c.bold(
        `${plural(result.urgent.length, "item")} now overdue or due within ${result.soonDays} days because of the move:`,
      ),
      renderTable(
        style,
        [{ header: "ID" }, { header: "Title", flex: true }, { header: "Owner" }, { header: "Due" }],
        result.urgent.map((v) => [
          c.bold(v.item.id),
          safe(v.item.title),
          v.state.owner ? safe(v.state.owner) : "—",
          v.overdue ? c.red(relativeDue(v.daysUntilDue)) : relativeDue(v.daysUntilDue),
        ]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
