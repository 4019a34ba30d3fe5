/**
 * What the standup shows, as data: shared by `status`, the Markdown summary, the HTML page and
 * the JSON report, so that every view counts and sorts alike. Pure: a board in, lists out.
 */
import type { Board, ItemView } from "./board.js";
import { addDays, type CalendarDate, compareDates } from "./dates.js";

/** How far ahead "due soon" and "reminders this week" look. */
export const SOON_DAYS = 7;

/** A reminder to show: upcoming this week, due today, or missed (past, not acknowledged). */
export interface ReminderView {
  view: ItemView;
  date: CalendarDate;
  text: string;
  when: "upcoming" | "today" | "missed";
}

/** A phase whose window opened in the last week: the team's kick-off for its items. */
export interface OpenedPhase {
  id: string;
  title: string;
  opens: CalendarDate;
  items: number;
  /** Of those, open items nobody owns yet. */
  unowned: number;
}

export interface Standup {
  /** What the CI gate fails on (see ItemView.overdue), most overdue first. */
  overdue: ItemView[];
  /** Late, but waived or optional: not failures, not hidden either. */
  lateExcused: ItemView[];
  /**
   * Once the project is live (from go-live day): the open items due on go-live day or after
   * it, not late, soonest first. The standup after launch is about them; an item with its own
   * window after go-live (GEN-10 opens T+3) opens inside a phase that opened on go-live day,
   * so no "phase opened" line ever announces it.
   */
  afterGoLive: ItemView[];
  /** Open, not late, due within SOON_DAYS (however recently the window opened), soonest first. */
  dueSoon: ItemView[];
  reminders: ReminderView[];
  blocked: ItemView[];
  inProgress: ItemView[];
  /** Open items with a waiver, held or expired; a closed item's waiver is history. */
  waivers: ItemView[];
  opened: OpenedPhase[];
}

const byDue = (a: ItemView, b: ItemView) => compareDates(a.window.due, b.window.due);

export function standup(board: Board, items: readonly ItemView[]): Standup {
  const today = board.today;
  const horizon = addDays(today, SOON_DAYS);
  const reminders: ReminderView[] = [];
  for (const view of items) {
    const r = view.window.reminder;
    if (!view.open || r === undefined || view.state.reminded !== undefined) continue;
    // Shown from a week before its date until the item is done or the reminder acknowledged:
    // a team that meets on Mondays still sees Friday's.
    if (r.date > horizon) continue;
    const when = r.date < today ? "missed" : r.date === today ? "today" : "upcoming";
    reminders.push({ view, date: r.date, text: r.text, when });
  }
  reminders.sort((a, b) => compareDates(a.date, b.date));
  const weekAgo = addDays(today, -(SOON_DAYS - 1));
  const opened: OpenedPhase[] = [];
  for (const { phase } of board.phases) {
    if (phase.opens > today || phase.opens < weekAgo) continue;
    const mine = items.filter((v) => v.phase.id === phase.id);
    if (mine.length === 0) continue;
    opened.push({
      id: phase.id,
      title: phase.title,
      opens: phase.opens,
      items: mine.length,
      unowned: mine.filter((v) => v.open && v.state.owner === undefined).length,
    });
  }
  const live = board.life.phase === "live";
  const afterGoLive = live
    ? items.filter((v) => v.open && !v.late && v.window.due >= board.goLive).sort(byDue)
    : [];
  const after = new Set(afterGoLive);
  return {
    overdue: items.filter((v) => v.overdue).sort(byDue),
    lateExcused: items.filter((v) => v.late && !v.overdue).sort(byDue),
    afterGoLive,
    dueSoon: items
      .filter((v) => v.open && !v.late && v.window.due <= horizon && !after.has(v))
      .sort(byDue),
    reminders,
    blocked: items.filter((v) => v.status === "blocked"),
    inProgress: items.filter((v) => v.status === "in-progress" && !v.late),
    waivers: items.filter((v) => v.open && v.state.waiver !== undefined),
    opened,
  };
}
