/**
 * How one command changes one item's state. Pure: the previous state, the change,
 * who and when in; the next state out, with the previous one kept in its history.
 */
import { HISTORY_FIELDS, NEEDS_REASON, type Status } from "../schema/fields.js";
import type { HistoryEntry, ItemState, Waiver } from "../schema/state.js";

/** What a command asks for; `null` clears a field, `undefined` leaves it alone. */
export interface Change {
  status?: Status;
  owner?: string | null;
  note?: string | null;
  reason?: string | null;
}

/** The fields a command changes; `by` and `at` only say who changed them, and when. */
const FIELDS = HISTORY_FIELDS.filter((f): f is keyof Change => f !== "by" && f !== "at");

/** The part of an item's state its history keeps; undefined when there is none. */
export function snapshot(state: ItemState): HistoryEntry | undefined {
  const entry: HistoryEntry = {};
  for (const field of HISTORY_FIELDS) {
    const value = state[field];
    if (value !== undefined) (entry as Record<string, string>)[field] = value;
  }
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/**
 * A waiver as the history keeps it when it is replaced or withdrawn: its terms, and who
 * recorded it when (the waiver's own `by` and `at`).
 */
export function waiverRecord(waiver: Waiver): HistoryEntry {
  const { by, at, ...terms } = waiver;
  return {
    waiver: terms,
    ...(by !== undefined ? { by } : {}),
    ...(at !== undefined ? { at } : {}),
  };
}

/**
 * `history` with `entry` added in time order: after every entry of its time or earlier (an
 * entry without a time goes last), so that a waiver recorded before the latest status change
 * reads before it.
 */
export function addToHistory(
  history: readonly HistoryEntry[],
  entry: HistoryEntry,
): HistoryEntry[] {
  const time = (at: string | undefined) => (at === undefined ? Number.NaN : Date.parse(at));
  const at = time(entry.at);
  let i = history.length;
  if (!Number.isNaN(at)) {
    while (i > 0 && time(history[i - 1]!.at) > at) i--;
  }
  return [...history.slice(0, i), entry, ...history.slice(i)];
}

/** Whether a history entry is an earlier state of the item (not a waiver's record). */
export function isStateEntry(entry: HistoryEntry): boolean {
  return entry.waiver === undefined && entry.unwaived === undefined;
}

/** The item's state before its latest change: the last state entry of its history. */
export function previousState(state: ItemState): HistoryEntry {
  const history = state.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    if (isStateEntry(history[i]!)) return history[i]!;
  }
  return {};
}

/**
 * Applies `change`; returns undefined when it changes nothing (so nothing is written).
 * A reason only lives with a status that needs one.
 */
export function applyChange(
  previous: ItemState,
  change: Change,
  by: string,
  at: string,
): ItemState | undefined {
  const next: ItemState = { ...previous };
  for (const field of FIELDS) {
    const value = change[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value as never;
  }
  if (next.status === "todo") delete next.status;
  if (!NEEDS_REASON.has(next.status ?? "todo")) delete next.reason;
  const changed = FIELDS.some((f) => next[f] !== previous[f]);
  if (!changed) return undefined;
  next.by = by;
  next.at = at;
  const earlier = snapshot(previous);
  if (earlier) next.history = [...(previous.history ?? []), earlier];
  return next;
}

/** What a command did to one item: the state before, and after (undefined: unchanged). */
export interface ItemChange {
  id: string;
  title: string;
  before: ItemState;
  after: ItemState | undefined;
}
