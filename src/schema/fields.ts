/**
 * The state file's vocabulary as plain values: the statuses and the fields a change records.
 * Kept apart from the zod schemas (schema/state.ts builds on it): plain values any layer can use.
 */

export const STATUSES = ["todo", "in-progress", "blocked", "done", "not-applicable"] as const;
export type Status = (typeof STATUSES)[number];

/** The fields a change records and an item's history keeps, in the order they are written. */
export const HISTORY_FIELDS = ["status", "owner", "note", "reason", "by", "at"] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** Statuses that need a reason, and the ones that keep it. */
export const NEEDS_REASON: ReadonlySet<Status> = new Set(["blocked", "not-applicable"]);

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}
