/**
 * The project's pace, for the page a project manager opens every morning: a burn-up (items
 * closed per day, read from each item's history in golive.yaml, against the plan the due dates
 * draw), a forecast at the pace of the last 14 days, the open items per owner per week, and
 * what opens next week. Pure: today, go-live and the items in; numbers out.
 *
 * Scope is every item that applies: items the answers rule out are left out of every line
 * (they were never work); items a person marked not applicable count as closed from that day.
 */
import type { ItemState, Status } from "../schema/state.js";
import type { Board, ItemView } from "./board.js";
import { addDays, type CalendarDate, compareDates, daysBetween } from "./dates.js";

/** How many days back the pace is measured. */
export const PACE_DAYS = 14;

/**
 * How far before the first window the chart reaches for early changes: a close recorded
 * earlier counts from the chart's first day, so one stray timestamp cannot stretch it by years.
 */
export const EARLY_DAYS = 28;

/** The weeks the owner table shows, this week first; items due later share one column. */
export const OWNER_WEEKS = 8;

export interface BurnPoint {
  date: CalendarDate;
  /** Items closed (done or not applicable) at the end of that day. */
  closed: number;
  /** Items due by that day: where the plan says the team should be. */
  planned: number;
}

export interface Forecast {
  /** Open items today. */
  open: number;
  /** Items closed in the last PACE_DAYS days (less those reopened), and that pace per day. */
  closedRecently: number;
  perDay: number;
  /** The day the open items close at that pace; undefined when nothing closed lately. */
  closesOn?: CalendarDate;
  /** Open items due on or before go-live: what go-live waits for. */
  dueByGoLive: number;
  /**
   * The day those close at that pace, taking open items in due-date order (today when none
   * is open); undefined when nothing closed lately and some are open.
   */
  readyOn?: CalendarDate;
  /** readyOn is on or before go-live. */
  onTime: boolean;
  /**
   * Open items that close after their due date at this pace, taking them in due-date order:
   * the late ones, then those the pace does not reach in time. Every open item when the pace
   * is zero.
   */
  atRisk: ItemView[];
}

export interface Pace {
  /**
   * One point per day, from the first window (or the first recorded change, at most
   * EARLY_DAYS earlier) to the latest of go-live + 7 days, the last due date and today.
   */
  points: BurnPoint[];
  /** Items in scope: what both lines climb to. */
  scope: number;
  forecast: Forecast;
}

type When = Pick<Board, "today" | "goLive">;

function isClosed(status: Status | undefined): boolean {
  return status === "done" || status === "not-applicable";
}

/**
 * Each stretch of days the item was closed, from its history. A history entry is an earlier
 * state, dated by the `at` of the change that made it; the item's own fields are the current
 * state. A state with no date (written by hand) counts from `fallback`, the chart's first day.
 */
export function closedSpans(
  state: ItemState,
  fallback: CalendarDate,
): { from: CalendarDate; to?: CalendarDate }[] {
  const spans: { from: CalendarDate; to?: CalendarDate }[] = [];
  let from: CalendarDate | undefined;
  for (const entry of [...(state.history ?? []), state]) {
    const day = entry.at?.slice(0, 10) ?? fallback;
    if (isClosed(entry.status)) {
      from ??= day;
    } else if (from !== undefined) {
      // Closed and reopened on the same day: not closed at the end of it, no span.
      if (compareDates(from, day) < 0) spans.push({ from, to: day });
      from = undefined;
    }
  }
  if (from !== undefined) spans.push({ from });
  return spans;
}

/** Items that are work: everything the answers do not rule out. */
export function inScope(items: readonly ItemView[]): ItemView[] {
  return items.filter((v) => v.doesNotApply === undefined);
}

function latest(dates: readonly CalendarDate[]): CalendarDate {
  return dates.reduce((max, d) => (compareDates(d, max) > 0 ? d : max));
}

function earliest(dates: readonly CalendarDate[]): CalendarDate {
  return dates.reduce((min, d) => (compareDates(d, min) < 0 ? d : min));
}

/** The burn-up and the forecast of `items` (the board's, or a filter's). */
export function paceOf(board: When, all: readonly ItemView[]): Pace {
  const items = inScope(all);
  const firstOpen = earliest([board.goLive, ...items.map((v) => v.window.opens)]);
  const changed = items.flatMap((v) =>
    [...(v.state.history ?? []), v.state].flatMap((c) => (c.at ? [c.at.slice(0, 10)] : [])),
  );
  const start = latest([earliest([firstOpen, ...changed]), addDays(firstOpen, -EARLY_DAYS)]);
  const dues = items.map((v) => v.window.due).sort(compareDates);
  const lastDay = latest([addDays(board.goLive, 7), board.today, ...dues]);
  const spans = items.map((v) => closedSpans(v.state, start));
  const points: BurnPoint[] = [];
  let planned = 0;
  for (let day = start; compareDates(day, lastDay) <= 0; day = addDays(day, 1)) {
    while (planned < dues.length && compareDates(dues[planned]!, day) <= 0) planned++;
    // Closed at the end of `day`: in a span that began by then and had not ended by then.
    let closed = 0;
    for (const s of spans) {
      if (s.some((span) => span.from <= day && (span.to === undefined || span.to > day))) closed++;
    }
    points.push({ date: day, closed, planned });
  }
  return { points, scope: items.length, forecast: forecast(board, items, points) };
}

/** Closed at the end of `day`: the last point on or before it (0 before the chart starts). */
function closedOn(points: readonly BurnPoint[], day: CalendarDate): number {
  let closed = 0;
  for (const p of points) {
    if (p.date > day) break;
    closed = p.closed;
  }
  return closed;
}

/** The day the n-th item (from 1) in line closes at `perDay`: the first from tomorrow on. */
function reached(today: CalendarDate, n: number, perDay: number): CalendarDate {
  return addDays(today, Math.ceil(n / perDay));
}

function forecast(board: When, items: readonly ItemView[], points: readonly BurnPoint[]): Forecast {
  const today = board.today;
  const byDue = items
    .filter((v) => v.open)
    .sort((a, b) => compareDates(a.window.due, b.window.due));
  const closedRecently = Math.max(
    0,
    closedOn(points, today) - closedOn(points, addDays(today, -PACE_DAYS)),
  );
  const perDay = closedRecently / PACE_DAYS;
  const dueByGoLive = byDue.filter((v) => compareDates(v.window.due, board.goLive) <= 0).length;
  const base = { open: byDue.length, closedRecently, perDay, dueByGoLive };
  if (byDue.length === 0)
    return { ...base, closesOn: today, readyOn: today, onTime: true, atRisk: [] };
  if (perDay === 0) {
    return {
      ...base,
      ...(dueByGoLive === 0 ? { readyOn: today } : {}),
      onTime: dueByGoLive === 0,
      atRisk: byDue,
    };
  }
  const readyOn = dueByGoLive === 0 ? today : reached(today, dueByGoLive, perDay);
  return {
    ...base,
    closesOn: reached(today, byDue.length, perDay),
    readyOn,
    onTime: compareDates(readyOn, board.goLive) <= 0,
    atRisk: byDue.filter(
      (v, k) => v.daysUntilDue < 0 || compareDates(reached(today, k + 1, perDay), v.window.due) > 0,
    ),
  };
}

/** The Monday of the week that holds `day`. */
export function mondayOf(day: CalendarDate): CalendarDate {
  // 2024-01-01 was a Monday: the distance from it, modulo 7, is the weekday.
  const weekday = ((daysBetween("2024-01-01", day) % 7) + 7) % 7;
  return addDays(day, -weekday);
}

export interface OwnerRow {
  /** The owner as first written (owners differing in case are one); undefined: nobody. */
  owner?: string;
  /** Open items already past due. */
  late: number;
  /** Open items due in each week of `weeks`. */
  perWeek: number[];
  /** Open items due after the last week shown. */
  later: number;
}

export interface OwnerWeeks {
  /** Mondays of the weeks shown: this week to go-live's, at most OWNER_WEEKS. */
  weeks: CalendarDate[];
  /** Named owners by name, then the items nobody owns. */
  rows: OwnerRow[];
}

/** Open items per owner per week of their due date, from this week to go-live's. */
export function ownerWeeks(board: When, items: readonly ItemView[]): OwnerWeeks {
  const first = mondayOf(board.today);
  const last = mondayOf(latest([board.goLive, board.today]));
  const weeks: CalendarDate[] = [];
  for (let w = first; compareDates(w, last) <= 0 && weeks.length < OWNER_WEEKS; w = addDays(w, 7)) {
    weeks.push(w);
  }
  const rows = new Map<string, OwnerRow>();
  for (const v of inScope(items)) {
    if (!v.open) continue;
    const owner = v.state.owner;
    // Owners are matched without case everywhere else (filters, `golive mine`).
    const key = owner === undefined ? "" : `=${owner.toLowerCase()}`;
    let row = rows.get(key);
    if (row === undefined) {
      row = {
        ...(owner !== undefined ? { owner } : {}),
        late: 0,
        perWeek: weeks.map(() => 0),
        later: 0,
      };
      rows.set(key, row);
    }
    if (v.daysUntilDue < 0) row.late++;
    else {
      const k = weeks.indexOf(mondayOf(v.window.due));
      if (k >= 0) row.perWeek[k]!++;
      else row.later++;
    }
  }
  const sorted = [...rows.entries()]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
  return { weeks, rows: sorted };
}

/** Open items whose window opens in the calendar week after this one, by opening day. */
export function openingNextWeek(
  board: When,
  items: readonly ItemView[],
): { from: CalendarDate; to: CalendarDate; items: ItemView[] } {
  const from = addDays(mondayOf(board.today), 7);
  const to = addDays(from, 6);
  const opening = inScope(items)
    .filter((v) => v.open && v.window.opens >= from && v.window.opens <= to)
    .sort((a, b) => compareDates(a.window.opens, b.window.opens));
  return { from, to, items: opening };
}
