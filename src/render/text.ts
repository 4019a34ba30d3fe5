/**
 * Shared pieces of the terminal renderers: colours, safe user text, relative dates.
 */
import { Chalk, type ChalkInstance } from "chalk";
import type { ItemView, Progress } from "../core/board.js";
import { humanDate } from "../core/dates.js";
import { INVISIBLE, LONE_JOINER, safe } from "../core/escape.js";
import { leftEntryOf } from "../core/gate.js";
import { lastChangeAt } from "../core/history.js";
import type { GoLiveSlip } from "../core/report.js";
import { lastWithdrawal, previousState } from "../core/transitions.js";
import type { Closed, Status } from "../schema/state.js";

export { safe };

export interface Style {
  chalk: ChalkInstance;
  /** Columns the output fits (tables, wrapped lines); infinite when it has no width. */
  width: number;
}

/**
 * Colour follows the conventions: NO_COLOR switches it off, FORCE_COLOR on, and otherwise
 * it is on only when stdout is a terminal.
 */
export function colorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    const level = Number.parseInt(force, 10);
    return level >= 1 && level <= 3 ? (level as 1 | 2 | 3) : 1;
  }
  if (!isTTY || env.TERM === "dumb") return 0;
  return 1;
}

export function makeStyle(level: 0 | 1 | 2 | 3, width: number): Style {
  return { chalk: new Chalk({ level }), width };
}

/**
 * Text a person wrote over several lines (a note, a reason), safe for a terminal cell: each
 * line made safe on its own and kept as a line, instead of one line with a visible `\n`.
 */
export function multiline(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => safe(line))
    .join("\n");
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "due in 3 days", "due today", "overdue by 2 days". */
export function relativeDue(daysUntilDue: number): string {
  if (daysUntilDue === 0) return "due today";
  if (daysUntilDue === 1) return "due tomorrow";
  if (daysUntilDue > 0) return `due in ${plural(daysUntilDue, "day")}`;
  return `overdue by ${plural(-daysUntilDue, "day")}`;
}

/** "95 days to go", "go-live is today", "3 days after go-live". */
export function relativeGoLive(days: number): string {
  if (days === 0) return "go-live is today";
  if (days > 0) return `${plural(days, "day")} to go`;
  return `${plural(-days, "day")} after go-live`;
}

export function statusLabel(style: Style, status: Status): string {
  const c = style.chalk;
  switch (status) {
    case "done":
      return c.green("done");
    case "in-progress":
      return c.cyan("in progress");
    case "blocked":
      return c.red("blocked");
    case "not-applicable":
      return c.dim("n/a");
    default:
      return "todo";
  }
}

/**
 * The share of items closed, rounded to the nearest per cent; never 100 while an item is
 * open, nor 0 once one is closed (199 of 200 is 99%, not a finished launch).
 */
export function percent(progress: Progress): number {
  const { closed, total } = progress;
  if (total === 0 || closed === total) return 100;
  if (closed === 0) return 0;
  return Math.min(99, Math.max(1, Math.round((closed / total) * 100)));
}

/** A bar of `width` cells; filled cells show closed items. */
export function bar(style: Style, progress: Progress, width: number): string {
  const filled =
    progress.total === 0 ? width : Math.round((progress.closed / progress.total) * width);
  const c = style.chalk;
  const fill = progress.overdue > 0 ? c.yellow : c.green;
  return fill("█".repeat(filled)) + c.dim("░".repeat(width - filled));
}

export function date(d: string, withYear = false): string {
  return humanDate(d, withYear);
}

/**
 * Why an overdue item may not fail the gate, said beside it wherever it is listed:
 * "waived until 2027-02-08" or "optional". Empty when nothing softens it.
 */
export function lateNote(view: ItemView, today: string): string {
  const waiver = view.state.waiver;
  if (waiver && today <= waiver.until) return `waived until ${waiver.until}`;
  if (view.item.optional) return "optional";
  return "";
}

/**
 * Why a late item is not overdue: `lateNote`, else the project's close, which leaves every
 * open item to the team: "left open at the close: REASON", or "not left open at the close"
 * for one the close did not name. Never "optional" for an item that is not. `esc` escapes
 * the reason, text a person wrote, for the view's format.
 */
export function excusedNote(
  view: ItemView,
  today: string,
  closed: Closed | undefined,
  esc: (text: string) => string,
): string {
  const note = lateNote(view, today);
  if (note !== "" || closed === undefined) return note;
  const left = leftEntryOf(closed, view.item);
  return left ? `left open at the close: ${esc(left.reason)}` : "not left open at the close";
}

/**
 * Text a CI server prints to its log, made unable to run a workflow command: GitHub Actions
 * obeys a line that starts with `::` (after its leading spaces), Azure Pipelines and the
 * runner's legacy syntax `##[`. golive's own text never does either; a note or a reason can
 * ("waiting\n::error file=golive.yaml::Fake"), through a table cell, a wrapped line or an
 * error message. The escapes are the ones `safe` shows, and inside a JSON string they are
 * JSON's own: the report still parses to the text people wrote.
 */
export function ciSafe(text: string): string {
  return text.replace(/^([^\S\r\n]*)::/gm, "$1\\u003a:").replace(/##\[/g, "##\\u005b");
}

/** The invisible characters `safe` escapes, as a character class body, for other escapers. */
export const INVISIBLE_CHARS = INVISIBLE;

// Controls other than tab and line breaks, and the bidirectional overrides: nothing a report
// file needs, and what a terminal would obey when the file is printed.
const UNPRINTABLE = new RegExp(
  `[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${INVISIBLE}]|${LONE_JOINER}`,
  "gu",
);

/** Drops unprintable characters from text bound for a report file (CSV, ICS, Markdown). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, "");
}

/**
 * What an item's latest change did, from its previous state ("done", "owner Sam", "note
 * removed", "waived until 2027-02-08"), and who did it when. `text` escapes user text for the
 * output at hand; `word` names a status.
 */
export function describeChange(
  view: ItemView,
  text: (s: string) => string,
  word: (status: Status) => string,
): string {
  const waiver = view.state.waiver;
  if (waiver?.at !== undefined && lastChangeAt(view) === waiver.at && waiver.at !== view.state.at) {
    return `waived until ${waiver.until} by ${text(waiver.by ?? "?")} on ${waiver.at.slice(0, 10)}`;
  }
  const withdrawal = lastWithdrawal(view.state);
  if (
    withdrawal?.at !== undefined &&
    lastChangeAt(view) === withdrawal.at &&
    withdrawal.at !== view.state.at
  ) {
    return `waiver withdrawn by ${text(withdrawal.by ?? "?")} on ${withdrawal.at.slice(0, 10)}`;
  }
  const before = previousState(view.state);
  const parts: string[] = [];
  if ((before.status ?? "todo") !== view.status) parts.push(word(view.status));
  if (before.owner !== view.state.owner) {
    parts.push(view.state.owner ? `owner ${text(view.state.owner)}` : "owner removed");
  }
  if (before.note !== view.state.note) parts.push(view.state.note ? "note" : "note removed");
  if (before.reason !== view.state.reason && view.state.reason) parts.push("reason");
  const what = parts.length > 0 ? parts.join(", ") : word(view.status);
  return `${what} by ${text(view.state.by ?? "?")} on ${view.state.at?.slice(0, 10) ?? "?"}`;
}

/** "Go-live slipped from Mon 1 Mar 2027 to Mon 15 Mar 2027 (moved 2 times)". */
export function slipLine(slip: GoLiveSlip, day: (d: string) => string): string {
  const times = slip.moves > 1 ? ` (moved ${slip.moves} times)` : "";
  return `Go-live slipped from ${day(slip.from)} to ${day(slip.to)}${times}`;
}
