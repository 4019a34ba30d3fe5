/**
 * What `golive init` reports: the file it made and each phase's window.
 */
import type { Board } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { renderTable, wrapText } from "./table.js";
import { date, plural, type Style, safe } from "./text.js";

export function renderInit(
  style: Style,
  {
    shown,
    commit = shown,
    merges,
    catalogue,
    board,
  }: { shown: string; commit?: string; merges?: string; catalogue: Catalogue; board: Board },
): string {
  const c = style.chalk;
  const rows = board.phases.map((p) => [
    safe(p.phase.title),
    plural(p.progress.total, "item"),
    `${date(p.phase.opens, true)} – ${date(p.phase.due, true)}`,
  ]);
  const lines = [
    ...wrapText(
      `Created ${c.bold(safe(shown))}${board.name === undefined ? "" : ` for ${c.bold(safe(board.name))}`}: ${safe(catalogue.file.title)} (${safe(catalogue.file.version)}), ${plural(catalogue.items.length, "item")}, go-live ${c.bold(date(board.goLive, true))}.`,
      style.width,
    ),
    "",
    renderTable(
      style,
      [{ header: "Phase", flex: true }, { header: "Items" }, { header: "Window" }],
      rows,
    ),
    "",
    // Sentences wrap at the width, as the table above fits it.
    ...(merges ? wrapText(merges, style.width) : []),
    ...(board.name === undefined
      ? []
      : wrapText("The name is in every report's title; `golive rename` changes it.", style.width)),
    ...wrapText(
      `Next: commit ${safe(commit)}, then run \`golive status\` in your standups.`,
      style.width,
    ),
  ];
  const overdue = board.items.filter((v) => v.overdue).length;
  if (overdue > 0) {
    lines.push(
      c.yellow(
        `${plural(overdue, "item")} ${overdue === 1 ? "is" : "are"} already past due. Run \`golive status\`.`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
