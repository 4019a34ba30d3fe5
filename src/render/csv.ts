/**
 * `golive export --format csv`: one row per item, RFC 4180 (CRLF rows, fields quoted when they
 * hold a quote, comma or line break, quotes doubled). A cell a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR, after spaces too, or with a fullwidth ＝ ＋ － ＠)
 * gets a leading apostrophe, so it stays text.
 * `golive export` starts it with a UTF-8 byte order mark (unless --no-bom): without one, Excel
 * opens a double-clicked CSV file in the machine's legacy code page, and "Zoë" shows as "ZoÃ«".
 */
import type { ItemView } from "../core/board.js";
import { printable } from "./text.js";

// Spreadsheets skip leading spaces before a formula (" =1+1"), and some read the fullwidth
// signs (＝ ＋ － ＠) as their ASCII selves.
const FORMULA = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
const NUMBER = /^-?\d+$/;

/** One field: neutralised when it could be a formula, quoted when RFC 4180 needs it. */
export function csvField(raw: string): string {
  const value = printable(raw);
  // Numbers golive writes itself (days until due) stay numbers.
  const safe = FORMULA.test(value) && !NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = [
  "id",
  "title",
  "category",
  "phase",
  "status",
  "optional",
  "opens",
  "due",
  "days_until_due",
  "overdue",
  "owner",
  "note",
  "reason",
  "waiver_until",
  "waiver_reason",
  "waiver_approver",
  "changed_by",
  "changed_at",
  "links",
  // Last, so that sheets built on the columns before it keep working.
  "project",
] as const;

function row(v: ItemView, project: string): string[] {
  const w = v.state.waiver;
  return [
    v.item.id,
    v.item.title,
    v.category.id,
    v.phase.id,
    v.status,
    v.item.optional ? "yes" : "no",
    v.window.opens,
    v.window.due,
    String(v.daysUntilDue),
    v.overdue ? "yes" : "no",
    v.state.owner ?? "",
    v.state.note ?? "",
    v.state.reason ?? "",
    w?.until ?? "",
    w?.reason ?? "",
    w?.approver ?? "",
    v.state.by ?? "",
    v.state.at ?? "",
    // One cell: each reference's URL when golive knows it, else the reference itself.
    v.tickets.map((t) => t.url ?? t.ref).join(" "),
    project,
  ];
}

/** The UTF-8 byte order mark, as the first character of the text. */
export const BOM = "\ufeff";

/** `project`: the project's name, in every row (empty for a project without one). */
export function renderCsv(
  items: readonly ItemView[],
  options: { bom?: boolean; project?: string } = {},
): string {
  const rows = [[...CSV_COLUMNS], ...items.map((v) => row(v, options.project ?? ""))];
  const text = rows.map((r) => `${r.map(csvField).join(",")}\r\n`).join("");
  return options.bom === true ? BOM + text : text;
}
