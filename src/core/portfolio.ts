/**
 * One line per project of `golive portfolio`: where its go-live stands, from its board and its
 * gate. Pure: boards and today in, summaries out.
 */
import type { Board, Progress } from "./board.js";
import { type CalendarDate, compareDates } from "./dates.js";
import { DEFAULT_POLICY, failures, runGate } from "./gate.js";
import { lastChangeAt } from "./history.js";
import type { Phase } from "./identity.js";

export interface ProjectSummary {
  /** The project's own name (golive.yaml's `name`), null when it has none. */
  project: string | null;
  /** Planning before go-live day, live from it, closed after `golive close`. */
  life: Phase;
  /** The day it was closed, when it was. */
  closedOn: CalendarDate | null;
  goLive: CalendarDate;
  daysToGoLive: number;
  progress: Progress;
  /** The open item due next that is not late yet, if any. */
  nextDue: { id: string; title: string; due: CalendarDate; daysUntilDue: number } | null;
  /** The latest change to any item or to the date, as recorded in golive.yaml. */
  lastChange: string | null;
  /** `golive check` with its default policy. */
  gate: { passed: boolean; failing: string[] };
}

export function summariseProject(
  board: Board,
  today: CalendarDate,
  slips: readonly { at?: string | undefined }[] = [],
): ProjectSummary {
  const upcoming = board.items
    .filter((v) => v.open && !v.late)
    .sort((a, b) => compareDates(a.window.due, b.window.due))[0];
  let lastChange: string | undefined;
  // A move of the date is a change too.
  const times = [...board.items.map(lastChangeAt), ...slips.map((s) => s.at)];
  for (const at of times) {
    if (at !== undefined && (lastChange === undefined || at > lastChange)) lastChange = at;
  }
  const result = runGate(board.items, today, DEFAULT_POLICY, undefined, board.life.closed);
  const { overdue, regressed } = failures(result);
  return {
    project: board.name ?? null,
    life: board.life.phase,
    closedOn: board.life.closed?.on ?? null,
    goLive: board.goLive,
    daysToGoLive: board.daysToGoLive,
    progress: { ...board.progress },
    nextDue: upcoming
      ? {
          id: upcoming.item.id,
          title: upcoming.item.title,
          due: upcoming.window.due,
          daysUntilDue: upcoming.daysUntilDue,
        }
      : null,
    lastChange: lastChange ?? null,
    gate: { passed: result.passed, failing: [...overdue, ...regressed].map((f) => f.view.item.id) },
  };
}
