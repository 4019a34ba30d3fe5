/**
 * What `golive notify` posts: the standup's lists that need people, as data. Pure.
 */
import type { Board, ItemView } from "./board.js";
import type { CalendarDate } from "./dates.js";
import { changedSince } from "./history.js";
import { type ReminderView, standup } from "./standup.js";

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
    since,
    changed: changedSince(board.items, since),
  };
}
