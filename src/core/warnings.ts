/**
 * Warnings: things a command did its job despite, as data with a code. The wording lives in
 * one place, `render/error.ts`; JSON reports carry the code beside the words.
 */

import { NEEDS_REASON } from "../schema/fields.js";
import type { Status } from "../schema/state.js";
import type { Board } from "./board.js";
import type { CalendarDate } from "./dates.js";

export type Warning =
  /** A state entry for an ID the catalogue no longer has: kept, never dropped. */
  | { code: "orphan-entry"; id: string }
  /** Two state entries name one item (an ID and its alias); the one named `id` is ignored. */
  | { code: "duplicate-entry"; id: string }
  /** A hand-edited blocked or not-applicable item without its reason. */
  | { code: "missing-reason"; id: string; status: Status }
  /** golive.yaml was started with another version of the catalogue. */
  | { code: "catalogue-changed"; recorded: string; current: string; name?: string }
  /** A go-live date before today: allowed, rarely meant. */
  | { code: "go-live-in-past"; goLive: string; today: string }
  /** GitHub's job summary could not be written; the verdict stands. */
  | { code: "step-summary-unwritten"; path: string; reason: string };

/** What every read command repeats about the state file. */
/** A go-live date before today is allowed (a retrospective), but rarely meant. */
export function goLiveWarnings(goLive: CalendarDate, today: CalendarDate): Warning[] {
  return goLive < today ? [{ code: "go-live-in-past", goLive, today }] : [];
}

export function boardWarnings(board: Board): Warning[] {
  return [
    ...board.orphans.map((id): Warning => ({ code: "orphan-entry", id })),
    ...board.duplicates.map((id): Warning => ({ code: "duplicate-entry", id })),
    ...board.items
      .filter((v) => NEEDS_REASON.has(v.status) && !v.state.reason)
      .map((v): Warning => ({ code: "missing-reason", id: v.item.id, status: v.status })),
    ...(board.catalogueChanged
      ? [{ code: "catalogue-changed", ...board.catalogueChanged } as const]
      : []),
  ];
}
