/**
 * Borderless tables that fit the terminal: fixed columns keep their width, the flexible
 * one (usually the title) takes what is left and is cut with an ellipsis.
 */
import Table from "cli-table3";
import type { Style } from "./text.js";

export interface Column {
  header: string;
  /** Cells of a flexible column are truncated to fit the width; others keep theirs. */
  flex?: boolean;
  /** Never narrower than this. */
  min?: number;
}

const GAP = 2;
const INDENT = 2;

function visibleWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips colour codes to measure text
  return [...text.replace(/\u001b\[[0-9;]*m/g, "")].length;
}

export function renderTable(style: Style, columns: Column[], rows: string[][]): string {
  const natural = columns.map((col, i) =>
    Math.max(visibleWidth(col.header), ...rows.map((r) => visibleWidth(r[i] ?? ""))),
  );
  const fixed = natural.reduce((sum, w, i) => (columns[i]!.flex ? sum : sum + w), 0);
  const available = style.width - INDENT - GAP * (columns.length - 1) - fixed;
  const widths = natural.map((w, i) =>
    columns[i]!.flex ? Math.max(columns[i]!.min ?? 12, Math.min(w, available)) : w,
  );
  const table = new Table({
    head: columns.map((c) => style.chalk.bold(c.header)),
    colWidths: widths,
    wordWrap: false,
    truncate: "…",
    chars: {
      top: "",
      "top-mid": "",
      "top-left": "",
      "top-right": "",
      bottom: "",
      "bottom-mid": "",
      "bottom-left": "",
      "bottom-right": "",
      left: " ".repeat(INDENT),
      "left-mid": "",
      mid: "",
      "mid-mid": "",
      right: "",
      "right-mid": "",
      middle: " ".repeat(GAP),
    },
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  for (const row of rows) table.push(row);
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
}
