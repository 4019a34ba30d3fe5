/**
 * `golive list`: every item with its window, due date and status.
 */
import type { ItemView } from "../core/board.js";
import { renderTable } from "./table.js";
import { date, relativeDue, type Style, safe, statusLabel } from "./text.js";

export function renderList(style: Style, items: readonly ItemView[]): string {
  if (items.length === 0) return "No items match.\n";
  const c = style.chalk;
  const rows = items.map((v) => [
    c.bold(v.item.id),
    safe(v.item.title) + (v.item.optional ? c.dim(" (optional)") : ""),
    v.phase.id,
    `${date(v.window.opens)} – ${date(v.window.due)}`,
    statusLabel(style, v.status),
    v.state.owner ? safe(v.state.owner) : c.dim("—"),
    v.open ? due(style, v) : "",
  ]);
  return `${renderTable(
    style,
    [
      { header: "ID" },
      { header: "Title", flex: true, min: 16 },
      { header: "Phase" },
      { header: "Window" },
      { header: "Status" },
      { header: "Owner" },
      { header: "Due" },
    ],
    rows,
  )}\n`;
}

/** The Due column: late and failing in red; a waiver that holds said, as status says it. */
function due(style: Style, v: ItemView): string {
  const when = relativeDue(v.daysUntilDue);
  if (v.overdue) return style.chalk.red(when);
  return v.waived ? `${when}, waived until ${v.state.waiver!.until}` : when;
}
