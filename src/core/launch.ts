/**
 * The launch report (`golive export --format report`): what an agency hands the client after
 * go-live. What was done on time and what late, what was waived (reason, approver, expiry) or
 * skipped, every move of the go-live date, and the evidence `golive verify --record` left.
 * Pure: the board, the date's moves and today in; one value out, which each format words.
 */
import type { Closed, Evidence, Slip, Waiver } from "../schema/state.js";
import type { Board, ItemView } from "./board.js";
import { waiverExpired } from "./board.js";
import { type CalendarDate, compareDates, daysBetween } from "./dates.js";
import { closedSpans } from "./pace.js";
import { originalGoLive } from "./schedule.js";

export interface DoneItem {
  view: ItemView;
  /** The day it was last marked done; undefined when golive.yaml does not say. */
  doneOn?: CalendarDate;
  /** Days after its due date it was done: 0 or less is on time. */
  daysLate?: number;
}

export interface LaunchReport {
  goLive: CalendarDate;
  /** The date the project was planned with, before any slip. */
  plannedGoLive: CalendarDate;
  today: CalendarDate;
  /** Items that apply (those the answers rule out are under `skipped`). */
  scope: number;
  onTime: DoneItem[];
  late: DoneItem[];
  /** Done, but golive.yaml does not say when. */
  undated: DoneItem[];
  /** Every item with a waiver, open or closed: the waiver held or expired today. */
  waived: { view: ItemView; waiver: Waiver; expired: boolean }[];
  /** Not applicable: marked so by someone (with their reason), or ruled out by an answer. */
  skipped: { view: ItemView; ruledOut: boolean }[];
  /** Still open, in due-date order. */
  open: ItemView[];
  /** Every move of the go-live date, oldest first. */
  slips: Slip[];
  /** The close (`golive close`), when the project has ended: why, by whom, what was left open. */
  closed?: Closed;
  /** What verify recorded, by item, in catalogue order. */
  evidence: { view: ItemView; evidence: Evidence }[];
}

function byDue(a: ItemView, b: ItemView): number {
  return compareDates(a.window.due, b.window.due);
}

export function launchReport(
  board: Pick<Board, "today" | "goLive" | "life">,
  items: readonly ItemView[],
  state: { goLive: CalendarDate; slips?: Slip[] | undefined },
): LaunchReport {
  const onTime: DoneItem[] = [];
  const late: DoneItem[] = [];
  const undated: DoneItem[] = [];
  for (const view of items) {
    if (view.status !== "done") continue;
    // The day of the close that still holds: the last span's start ("" when not dated).
    const doneOn = closedSpans(view.state, "").at(-1)?.from;
    if (doneOn === undefined || doneOn === "") {
      undated.push({ view });
      continue;
    }
    const daysLate = daysBetween(view.window.due, doneOn);
    (daysLate > 0 ? late : onTime).push({ view, doneOn, daysLate });
  }
  late.sort((a, b) => b.daysLate! - a.daysLate! || byDue(a.view, b.view));
  return {
    goLive: board.goLive,
    plannedGoLive: originalGoLive(state),
    today: board.today,
    scope: items.filter((v) => v.doesNotApply === undefined).length,
    onTime,
    late,
    undated,
    waived: items.flatMap((view) =>
      view.state.waiver
        ? [
            {
              view,
              waiver: view.state.waiver,
              expired: waiverExpired(view.state.waiver, board.today),
            },
          ]
        : [],
    ),
    skipped: items
      .filter((v) => v.status === "not-applicable")
      .map((view) => ({ view, ruledOut: view.doesNotApply !== undefined })),
    open: items.filter((v) => v.open).sort(byDue),
    slips: [...(state.slips ?? [])],
    ...(board.life.closed ? { closed: board.life.closed } : {}),
    evidence: items.flatMap((view) =>
      view.state.evidence ? [{ view, evidence: view.state.evidence }] : [],
    ),
  };
}
