/**
 * `golive export --format ics`: every open item's due date as an all-day event, and the
 * go-live day, for a calendar (RFC 5545). Lines end in CRLF and fold at 75 octets without
 * splitting a character; TEXT values escape backslash, semicolon, comma and newlines. Each
 * item keeps one UID, so importing the file again updates the events instead of adding more.
 */
import type { Board, ItemView } from "../core/board.js";
import { addDays } from "../core/dates.js";

// TEXT may not hold control characters other than tab (newlines are escaped first).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(CONTROL, "");
}

/** Folds a content line at 75 octets; continuation lines start with one space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // The first line holds 75 octets; the others 74 after their leading space.
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

function basicDate(date: string): string {
  return date.replace(/-/g, "");
}

/** `20270301T093000Z` from an ISO date or timestamp (a bare date is taken as midnight UTC). */
export function utcStamp(when: string): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(when) ? new Date(`${when}T00:00:00Z`) : new Date(when);
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

export interface IcsOptions {
  /** The catalogue's name: part of every UID. */
  catalogueName: string;
  /** The calendar's name, e.g. the catalogue's title. */
  title: string;
  /** When the file was made (DTSTAMP), ISO. */
  now: string;
  /** Bumped on every reschedule so calendars accept the moved dates. */
  sequence: number;
  version: string;
}

function event(lines: string[], fields: [string, string][]): void {
  lines.push("BEGIN:VEVENT", ...fields.map(([k, v]) => `${k}:${v}`), "END:VEVENT");
}

function itemEvent(lines: string[], v: ItemView, o: IcsOptions, stamp: string): void {
  const details = [
    `${v.item.title} (${v.category.title}, ${v.phase.title})`,
    `Status: ${v.status}${v.overdue ? " (overdue)" : ""}`,
    v.state.owner ? `Owner: ${v.state.owner}` : "",
    v.state.reason ? `Reason: ${v.state.reason}` : "",
    v.state.note ? `Note: ${v.state.note}` : "",
    v.state.waiver
      ? `Waiver until ${v.state.waiver.until}${v.state.waiver.approver ? ` (approved by ${v.state.waiver.approver})` : ""}: ${v.state.waiver.reason}`
      : "",
    `Window: ${v.window.opens} to ${v.window.due}`,
    v.item.summary.trim(),
  ].filter((s) => s !== "");
  event(lines, [
    ["UID", `${v.item.id}@${o.catalogueName}.golive`],
    ["DTSTAMP", stamp],
    ["SEQUENCE", String(o.sequence)],
    ["DTSTART;VALUE=DATE", basicDate(v.window.due)],
    ["DTEND;VALUE=DATE", basicDate(addDays(v.window.due, 1))],
    ["SUMMARY", escapeText(`Due: ${v.item.id} ${v.item.title}`)],
    ["DESCRIPTION", escapeText(details.join("\n"))],
    ["CATEGORIES", escapeText(v.category.title)],
    ["TRANSP", "TRANSPARENT"],
  ]);
}

export function renderIcs(board: Board, items: readonly ItemView[], o: IcsOptions): string {
  const stamp = utcStamp(o.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:-//golive//golive ${escapeText(o.version)}//EN`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(o.title)}`,
  ];
  event(lines, [
    ["UID", `go-live@${o.catalogueName}.golive`],
    ["DTSTAMP", stamp],
    ["SEQUENCE", String(o.sequence)],
    ["DTSTART;VALUE=DATE", basicDate(board.goLive)],
    ["DTEND;VALUE=DATE", basicDate(addDays(board.goLive, 1))],
    ["SUMMARY", escapeText(`Go-live: ${o.title}`)],
    ["TRANSP", "OPAQUE"],
  ]);
  for (const v of items) if (v.open) itemEvent(lines, v, o, stamp);
  lines.push("END:VCALENDAR");
  return lines.map((l) => `${foldLine(l)}\r\n`).join("");
}
