/**
 * What `golive notify` posts: the standup's lists that need people, as data. Pure.
 */
import type { Board, ItemView } from "./board.js";
import { addDays, type CalendarDate, compareDates } from "./dates.js";
import { changedSince } from "./history.js";
import { type ReminderView, SOON_DAYS, standup } from "./standup.js";

export interface Digest {
  today: CalendarDate;
  goLive: CalendarDate;
  daysToGoLive: number;
  closed: number;
  total: number;
  overdue: ItemView[];
  dueThisWeek: ItemView[];
  blocked: ItemView[];
  missedReminders: ReminderView[];
  /** Open items whose waiver ends within SOON_DAYS (today included): soon they fail the gate. */
  expiringWaivers: ItemView[];
  since: CalendarDate;
  changed: ItemView[];
}

export function buildDigest(board: Board, since: CalendarDate): Digest {
  const day = standup(board, board.items);
  return {
    today: board.today,
    goLive: board.goLive,
    daysToGoLive: board.daysToGoLive,
    closed: board.progress.closed,
    total: board.progress.total,
    overdue: day.overdue,
    dueThisWeek: day.dueSoon,
    blocked: day.blocked,
    missedReminders: day.reminders.filter((r) => r.when === "missed"),
    expiringWaivers: day.waivers
      .filter((v) => v.waived && v.state.waiver!.until <= addDays(board.today, SOON_DAYS))
      .sort((a, b) => compareDates(a.state.waiver!.until, b.state.waiver!.until)),
    since,
    changed: changedSince(board.items, since),
  };
}

/** Nothing for anyone to act on or read: not posted unless asked (`notify --post-empty`). */
export function digestEmpty(d: Digest): boolean {
  return (
    d.overdue.length +
      d.dueThisWeek.length +
      d.blocked.length +
      d.missedReminders.length +
      d.expiringWaivers.length +
      d.changed.length ===
    0
  );
}
