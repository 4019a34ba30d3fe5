/**
 * The one value `status` and `export` render: the board as selected, its standup lists, what
 * the recorded evidence says, what changed since a date and how far go-live moved. Every
 * format (text, Markdown, JSON, HTML, CSV, calendar, tracker sheet) is a function of it, so
 * that no view counts or sorts on its own (STYLE.md 22). Pure.
 */
import type { StateData } from "../schema/state.js";
import type { Board, ItemView } from "./board.js";
import type { Catalogue } from "./catalogue.js";
import type { CalendarDate } from "./dates.js";
import { changedSince, type ProjectChange, projectChangesSince } from "./history.js";
import { originalGoLive } from "./schedule.js";
import { type Standup, standup } from "./standup.js";
import { evidenceStale, type ItemVerdict } from "./verdict.js";
import type { Warning } from "./warnings.js";

/** How far go-live moved since the project was planned: the first date, the current one. */
export interface GoLiveSlip {
  from: CalendarDate;
  to: CalendarDate;
  /** How many times it moved (golive reschedule). */
  moves: number;
}

/** What the recorded evidence (golive verify --record) says, read against today's checks. */
export interface EvidenceLists {
  /** Recorded as failing, and the repository (when read) still says so. */
  fails: ItemView[];
  /** Recorded one way, the repository now says another (only when the checks ran). */
  stale: ItemView[];
  /** IDs of the items whose latest known result fails: the current one, else the recorded. */
  failingNow: ReadonlySet<string>;
}

export interface BoardReport {
  catalogue: Catalogue;
  /** The board as seen through the filters: progress counts only `items`. */
  board: Board;
  /** The items the filters selected, in catalogue order. */
  items: readonly ItemView[];
  /** The standup's lists over `items`. */
  day: Standup;
  evidence: EvidenceLists;
  /** What the repository's checks say now, by item ID, where the command ran them. */
  current?: ReadonlyMap<string, ItemVerdict>;
  /** Changes since a date, when `--since` was given, most recent first. */
  since?: { date: CalendarDate; items: ItemView[]; project: ProjectChange[] };
  /** Describes the active filters, for a heading. */
  filterLabel?: string;
  /** Go-live moved since the plan (golive.yaml's `slips`). */
  slip?: GoLiveSlip;
  /** golive.yaml's go-live and its moves, for the reports that tell the whole story. */
  state: Pick<StateData, "goLive" | "slips" | "name" | "renames" | "closed" | "reopened">;
  warnings: readonly Warning[];
}

/** Go-live's moves, as one from → to; undefined while it never moved (or moved back). */
export function goLiveSlip(state: Pick<StateData, "goLive" | "slips">): GoLiveSlip | undefined {
  const from = originalGoLive(state);
  const moves = state.slips?.length ?? 0;
  if (moves === 0 || from === state.goLive) return undefined;
  return { from, to: state.goLive, moves };
}

export function evidenceLists(
  items: readonly ItemView[],
  current: ReadonlyMap<string, ItemVerdict> | undefined,
): EvidenceLists {
  const fails: ItemView[] = [];
  const stale: ItemView[] = [];
  const failingNow = new Set<string>();
  for (const v of items) {
    const recorded = v.state.evidence;
    if (recorded === undefined) continue;
    const now = current?.get(v.item.id);
    const isStale = now !== undefined && evidenceStale(recorded, now);
    if (isStale) stale.push(v);
    else if (recorded.result === "fail") fails.push(v);
    if ((now?.result ?? recorded.result) === "fail") failingNow.add(v.item.id);
  }
  return { fails, stale, failingNow };
}

export interface BoardReportInput {
  catalogue: Catalogue;
  board: Board;
  items: readonly ItemView[];
  state: Pick<StateData, "goLive" | "slips" | "name" | "renames" | "closed" | "reopened">;
  warnings?: readonly Warning[];
  current?: ReadonlyMap<string, ItemVerdict> | undefined;
  since?: CalendarDate | undefined;
  filterLabel?: string | undefined;
}

export function buildBoardReport(input: BoardReportInput): BoardReport {
  const { board, items } = input;
  const slip = goLiveSlip(input.state);
  return {
    catalogue: input.catalogue,
    board,
    items,
    day: standup(board, items),
    evidence: evidenceLists(items, input.current),
    ...(input.current ? { current: input.current } : {}),
    ...(input.since !== undefined
      ? {
          since: {
            date: input.since,
            items: changedSince(items, input.since),
            project: projectChangesSince(input.state, input.since),
          },
        }
      : {}),
    ...(input.filterLabel ? { filterLabel: input.filterLabel } : {}),
    ...(slip ? { slip } : {}),
    state: input.state,
    warnings: input.warnings ?? [],
  };
}
