/**
 * `golive export --format ics`: every item's due date as an all-day event, and the go-live
 * day, for a calendar (RFC 5545). Lines end in CRLF and fold at 75 octets without splitting a
 * character; TEXT values escape backslash, semicolon, comma and newlines.
 *
 * Importing the file again must update what an earlier import created, never duplicate or
 * leave it stale:
 * - UID: `ID@YYYYMMDD.catalogue.golive`, with the project's original go-live date (see
 *   `originalGoLive`): stable across reschedules, and different for two projects that follow
 *   the same catalogue, whose events would otherwise overwrite each other in one calendar.
 * - An item's reminder (`reminder:` in the catalogue, e.g. tell Spryker about a load test three
 *   days before it may start) is an event of its own on its day, as status shows it: UID
 *   `ID-reminder@...`, cancelled once the item is closed or the reminder acknowledged.
 * - Closed items (done, not applicable) stay in the file with `STATUS:CANCELLED`, so a
 *   calendar that imported them while open removes or strikes them out; open ones say
 *   `STATUS:CONFIRMED`, so an item reopened later comes back.
 * - SEQUENCE (RFC 5545 §3.8.7.4) must grow with every significant revision, and a calendar
 *   ignores an update whose SEQUENCE is not higher. A due date moves for many reasons golive
 *   does not record (a reschedule, a catalogue upgrade, toggling `weekendShift`), and golive
 *   keeps no memory of what it exported before, so the one value certain to grow is time:
 *   SEQUENCE is the minutes from 2020-01-01T00:00Z to DTSTAMP. Each export is a revision of
 *   every event; re-importing an unchanged one merely rewrites it. It fits the 32-bit
 *   INTEGER for thousands of years. With today pinned (--today), DTSTAMP is midnight UTC, so
 *   two exports on the same pinned day carry the same SEQUENCE.
 */
import { pushAll } from "../core/arrays.js";
import type { Board, ItemView } from "../core/board.js";
import type { CalendarDate } from "../core/dates.js";
import { addDays } from "../core/dates.js";
import { printable } from "./text.js";

/** TEXT per RFC 5545 3.3.11: no control characters but tab; line breaks become `\n`. */
export function escapeText(text: string): string {
  return printable(text)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
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

/** An ISO date or timestamp as an instant; a bare date is taken as midnight UTC. */
function instantOf(when: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? new Date(`${when}T00:00:00Z`) : new Date(when);
}

/** `20270301T093000Z` from an ISO date or timestamp (a bare date is taken as midnight UTC). */
export function utcStamp(when: string): string {
  return `${instantOf(when).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

const SEQUENCE_EPOCH = Date.UTC(2020, 0, 1);

/** SEQUENCE from the export instant: minutes since 2020-01-01T00:00Z (see the header). */
export function sequenceAt(when: string): number {
  return Math.max(0, Math.floor((instantOf(when).getTime() - SEQUENCE_EPOCH) / 60_000));
}

export interface IcsOptions {
  /** The catalogue's name: part of every UID. */
  catalogueName: string;
  /** The project's original go-live date (`originalGoLive`): part of every UID. */
  originalGoLive: CalendarDate;
  /** The calendar's name, e.g. the catalogue's title. */
  title: string;
  /** The project's name: the go-live event's title, and every item event's prefix. */
  name?: string;
  /**
   * The name the project had first (`originalName`), part of every UID when it has one: two
   * projects with the same go-live date and catalogue must not overwrite each other's events.
   */
  uidName?: string;
  /** When the file was made (DTSTAMP, and SEQUENCE from it), ISO. */
  now: string;
  version: string;
}

function uid(name: string, o: IcsOptions): string {
  const project = o.uidName === undefined ? "" : `${o.uidName}.`;
  return escapeText(`${name}@${project}${basicDate(o.originalGoLive)}.${o.catalogueName}.golive`);
}

const CLOSED_LABEL = { done: "Done", "not-applicable": "Not applicable" } as const;

function event(lines: string[], fields: [string, string][]): void {
  pushAll(lines, ["BEGIN:VEVENT", ...fields.map(([k, v]) => `${k}:${v}`), "END:VEVENT"]);
}

function itemEvent(lines: string[], v: ItemView, o: IcsOptions, stamp: string): void {
  const label = v.open ? "Due" : CLOSED_LABEL[v.status as keyof typeof CLOSED_LABEL];
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
    ["UID", uid(v.item.id, o)],
    ["DTSTAMP", stamp],
    ["SEQUENCE", String(sequenceAt(o.now))],
    ["STATUS", v.open ? "CONFIRMED" : "CANCELLED"],
    ["DTSTART;VALUE=DATE", basicDate(v.window.due)],
    ["DTEND;VALUE=DATE", basicDate(addDays(v.window.due, 1))],
    [
      "SUMMARY",
      escapeText(
        `${o.name === undefined ? "" : `${o.name}: `}${label}: ${v.item.id} ${v.item.title}`,
      ),
    ],
    ["DESCRIPTION", escapeText(details.join("\n"))],
    ["CATEGORIES", escapeText(v.category.title)],
    ["TRANSP", "TRANSPARENT"],
  ]);
}

/** The reminder of an item that has one, on its day: cancelled when status no longer shows it. */
function reminderEvent(lines: string[], v: ItemView, o: IcsOptions, stamp: string): void {
  const r = v.window.reminder;
  if (r === undefined) return;
  const shown = v.open && v.state.reminded === undefined;
  const details = [
    r.text,
    `For ${v.item.id} ${v.item.title}, open from ${v.window.opens}, due ${v.window.due}`,
    v.state.reminded === undefined
      ? ""
      : `Acknowledged ${v.state.reminded.at}${v.state.reminded.by ? ` by ${v.state.reminded.by}` : ""}`,
  ].filter((s) => s !== "");
  event(lines, [
    ["UID", uid(`${v.item.id}-reminder`, o)],
    ["DTSTAMP", stamp],
    ["SEQUENCE", String(sequenceAt(o.now))],
    ["STATUS", shown ? "CONFIRMED" : "CANCELLED"],
    ["DTSTART;VALUE=DATE", basicDate(r.date)],
    ["DTEND;VALUE=DATE", basicDate(addDays(r.date, 1))],
    [
      "SUMMARY",
      escapeText(`${o.name === undefined ? "" : `${o.name}: `}Reminder: ${v.item.id} ${r.text}`),
    ],
    ["DESCRIPTION", escapeText(details.join("\n"))],
    ["CATEGORIES", escapeText(v.category.title)],
    ["TRANSP", "TRANSPARENT"],
  ]);
}

/** How many events `renderIcs` writes for `items`: the go-live day, each item, each reminder. */
export function icsEventCount(items: readonly ItemView[]): number {
  return 1 + items.length + items.filter((v) => v.window.reminder !== undefined).length;
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
    ["UID", uid("go-live", o)],
    ["DTSTAMP", stamp],
    ["SEQUENCE", String(sequenceAt(o.now))],
    ["STATUS", "CONFIRMED"],
    ["DTSTART;VALUE=DATE", basicDate(board.goLive)],
    ["DTEND;VALUE=DATE", basicDate(addDays(board.goLive, 1))],
    ["SUMMARY", escapeText(`Go-live: ${o.name ?? o.title}`)],
    ["TRANSP", "OPAQUE"],
  ]);
  for (const v of items) {
    itemEvent(lines, v, o, stamp);
    reminderEvent(lines, v, o, stamp);
  }
  lines.push("END:VCALENDAR");
  return lines.map((l) => `${foldLine(l)}\r\n`).join("");
}
