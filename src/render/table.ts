/**
 * Borderless tables that fit the width they are given (a terminal's columns, or COLUMNS).
 * When the whole text fits, every column keeps its natural width. When it does not, columns
 * give way in stages: first the flexible ones (a title, cut with an ellipsis) and the wrapping
 * ones (a reason, a note, evidence: wrapped onto more lines), then the short phrases of the
 * other columns wrap at their spaces, and last any column but the first is cut. Output without
 * a width (piped, no COLUMNS) has an infinite one, and keeps every text whole.
 */
import Table from "cli-table3";
import stringWidth from "string-width";
import { maxOf, pushAll } from "../core/arrays.js";
import type { Style } from "./text.js";

export interface Column {
  header: string;
  /** Cut with an ellipsis when the table is too wide (one line per row: a title). */
  flex?: boolean;
  /** Wrapped onto more lines when the table is too wide (a reason, a note, evidence). */
  wrap?: boolean;
  /** A flexible or wrapping column gives way to this width before the other columns do. */
  min?: number;
}

const GAP = 2;
const INDENT = 2;

// Text whose every character takes one column (ASCII, Latin, Greek, Cyrillic, dashes and
// quotes, arrows, box drawing), measured by its length: string-width is slow, and rarely needed.
const NARROW =
  /^[\u0020-\u007e\u00a0-\u02ff\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u259f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes take no room
const COLOUR = /\u001b\[[0-9;]*m/g;

/**
 * The columns a line of text takes on a terminal: colour codes none, wide characters (CJK,
 * emoji) two; for several lines, the widest. The measure cli-table3 draws with (string-width),
 * so that a column sized here is the column drawn.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) {
    const bare = line.includes("\u001b") ? line.replace(COLOUR, "") : line;
    const w = NARROW.test(bare) ? bare.length : stringWidth(bare);
    if (w > widest) widest = w;
  }
  return widest;
}

/** Text cut to `width` columns, with an ellipsis when it was longer. */
export function cutText(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  return `${breakWord(text, Math.max(1, width - 1))[0] ?? ""}…`;
}

/** The widest word of a cell: below it, wrapping at spaces would have to cut. */
function widestWord(text: string): number {
  let widest = 0;
  for (const word of text.split(/[ \n]+/)) widest = Math.max(widest, displayWidth(word));
  return widest;
}

/** Breaks one word wider than `width` into pieces that fit; colour codes go with the text. */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let used = 0;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a colour code is one token
  for (const [token] of word.matchAll(/\u001b\[[0-9;]*m|[\s\S]/gu)) {
    const w = token.startsWith("\u001b") ? 0 : displayWidth(token);
    if (used + w > width && used > 0) {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += token;
    used += w;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}

/** Where a line ends by preference: after a dash, colon, semicolon, comma or a middle dot;
 * before a bracket. Written as escapes: the bundle stays ASCII (scripts/build.mjs). */
function strongBreak(word: string, next: string | undefined): boolean {
  return /[\u2013:;,\u00b7]$/.test(word) || next?.startsWith("(") === true;
}

/**
 * Wraps text to `width` columns at its spaces, keeping its own line breaks; a word wider than
 * the width is broken. A line breaks by preference after a dash, colon, semicolon or comma,
 * or before a bracket ("due in 3 days" / "(Mon 15 Feb)"), when that leaves it at least half full.
 * Colour codes are kept; cli-table3 reopens a colour on the next line.
 */
export function wrapText(text: string, width: number): string[] {
  if (!Number.isFinite(width)) return text.split("\n");
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    if (displayWidth(paragraph) <= w) {
      out.push(paragraph);
      continue;
    }
    const words = paragraph
      .split(" ")
      .flatMap((word) => (displayWidth(word) > w ? breakWord(word, w) : [word]));
    let line: string[] = [];
    let used = 0;
    for (const word of words) {
      const ww = displayWidth(word);
      if (line.length === 0 || used + 1 + ww <= w) {
        used += (line.length === 0 ? 0 : 1) + ww;
        line.push(word);
        continue;
      }
      // The line is full: end it at its last strong break instead, if it stays half full.
      let at = line.length;
      for (let j = line.length - 1; j > 0; j--) {
        if (!strongBreak(line[j - 1]!, line[j])) continue;
        if (displayWidth(line.slice(0, j).join(" ")) * 2 >= w) at = j;
        break;
      }
      out.push(line.slice(0, at).join(" "));
      line = line.slice(at);
      used = displayWidth(line.join(" "));
      if (line.length > 0 && used + 1 + ww > w) {
        out.push(line.join(" "));
        line = [];
      }
      used = line.length === 0 ? ww : used + 1 + ww;
      line.push(word);
    }
    out.push(line.join(" "));
  }
  return out;
}

/**
 * A line that fits `width`: `head` (a label, an ID) then `body`, wrapped under the body's
 * first column; on lines of their own, indented by 4, when the head leaves too little room.
 */
export function hangingLine(width: number, head: string, body: string): string {
  const start = displayWidth(head);
  if (!Number.isFinite(width) || start + displayWidth(body) <= width) return head + body;
  if (width - start >= 24)
    return head + wrapText(body, width - start).join(`\n${" ".repeat(start)}`);
  const indent = " ".repeat(4);
  return [head.trimEnd(), ...wrapText(body, width - 4).map((l) => indent + l)].join("\n");
}

/**
 * Lowers a common cap on the columns in `which`, never below their floor, until the widths
 * add up to `budget` or every such column is at its floor.
 */
function squeeze(
  widths: number[],
  which: (i: number) => boolean,
  floor: (i: number) => number,
  budget: number,
): number[] {
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (total(widths) <= budget) return widths;
  const capped = (cap: number) =>
    widths.map((w, i) => (which(i) ? Math.max(Math.min(floor(i), w), Math.min(w, cap)) : w));
  let low = 0;
  let high = maxOf(widths);
  // The widest cap that fits; at 0 every column in `which` is at its floor.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(capped(mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  return capped(low);
}

/** Each column's width for a table of `natural` widths that should fit `available` columns. */
function columnWidths(columns: Column[], cells: string[][], available: number): number[] {
  // A flexible column is never narrower than its `min` while the table fits: short titles
  // keep the layout of long ones.
  const natural = columns.map((col, i) =>
    maxOf(
      cells.map((r) => displayWidth(r[i] ?? "")),
      col.flex ? (col.min ?? 12) : 0,
    ),
  );
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural;
  const flex = (i: number) => columns[i]!.flex === true;
  const wrap = (i: number) => columns[i]!.wrap === true;
  // First the titles (cut) and the long texts (wrapped) give way, to their `min`.
  let widths = squeeze(
    natural,
    (i) => flex(i) || wrap(i),
    (i) => columns[i]!.min ?? (flex(i) ? 16 : 12),
    available,
  );
  // Then the other columns' short phrases ("overdue by 3 days") wrap at their spaces.
  const words = columns.map((_, i) => maxOf(cells.map((r) => widestWord(r[i] ?? ""))));
  widths = squeeze(
    widths,
    (i) => i > 0 && !flex(i) && !wrap(i),
    (i) => Math.min(words[i]!, 12),
    available,
  );
  widths = squeeze(
    widths,
    (i) => flex(i) || wrap(i),
    (i) => (flex(i) ? 8 : 6),
    available,
  );
  // Last, anything but the first column (the ID) is cut.
  return squeeze(
    widths,
    (i) => i > 0,
    () => 3,
    available,
  );
}

const CHARS = {
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
};

export function renderTable(style: Style, columns: Column[], rows: string[][]): string {
  const head = columns.map((c) => style.chalk.bold(c.header));
  const available = style.width - INDENT - GAP * (columns.length - 1);
  const widths = columnWidths(columns, [head, ...rows], available);
  // A cell narrower than its text is wrapped here, unless its column is cut (a title).
  const fitted = (row: string[]) =>
    row.map((cell, i) =>
      columns[i]!.flex || displayWidth(cell) <= widths[i]!
        ? cell
        : wrapText(cell, widths[i]!).join("\n"),
    );
  // cli-table3 lays a table out by checking each cell against every cell before it, which is
  // quadratic in the rows: 20,000 rows took 77 s. With the widths fixed above, the rows are
  // drawn in slices of CHUNK, each its own table without a header, and the lines joined: the
  // same text, in time linear in the rows.
  const lines: string[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += CHUNK) {
    const table = new Table({
      ...(start === 0 ? { head } : {}),
      colWidths: widths,
      wordWrap: false,
      truncate: "…",
      chars: CHARS,
      style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
    });
    for (const row of rows.slice(start, start + CHUNK)) table.push(fitted(row));
    const text = table.toString();
    if (text !== "") pushAll(lines, text.split("\n"));
  }
  return lines.map((line) => line.trimEnd()).join("\n");
}

/** Rows per slice of a long table (see renderTable). */
const CHUNK = 200;
