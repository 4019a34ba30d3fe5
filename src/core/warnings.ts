/**
 * Warnings: things a command did its job despite, as data with a code. The wording lives in
 * one place, `render/error.ts`; JSON reports carry the code beside the words.
 */

import { NEEDS_REASON } from "../schema/fields.js";
import type { Status } from "../schema/state.js";
import type { Board } from "./board.js";
import type { CalendarDate } from "./dates.js";
import { knownOwners } from "./owners.js";

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
  /** An owner written as a first name alone beside owners with that first name and more. */
  | { code: "owner-spellings"; short: string; full: string[] }
  /**
   * GOLIVE_TODAY pins today to another day than the clock's: the gate judges every due date as
   * of that day, and a variable left in a CI job's environment would keep it green unseen.
   */
  | { code: "today-pinned"; today: string; clock: string }
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
    ...ownerSpellings(knownOwners(board.items)),
  ];
}

/**
 * "Mia" beside "Mia Wong": perhaps one person under two spellings, whose items then split
 * between two owners in every view and filter. Said, never merged: two Mias are possible.
 */
export function ownerSpellings(owners: readonly string[]): Warning[] {
  const words = (o: string) => o.trim().toLowerCase().split(/\s+/);
  const found: Warning[] = [];
  for (const short of owners) {
    const [first, ...more] = words(short);
    if (more.length > 0) continue;
    const full = owners.filter((o) => o !== short && words(o).length > 1 && words(o)[0] === first);
    if (full.length > 0) found.push({ code: "owner-spellings", short, full });
  }
  return found;
}
