/** When items changed: the date of a recorded `at`, what changed since a day. */
import type { Closed, StateData } from "../schema/state.js";
import type { ItemView } from "./board.js";
import { type CalendarDate, compareDates } from "./dates.js";
import { lastWithdrawal } from "./transitions.js";

export function dateOf(at: string | undefined): CalendarDate | undefined {
  return at?.slice(0, 10);
}

/** Items whose state changed on or after `since`, most recent first. */
export function changedSince(items: readonly ItemView[], since: CalendarDate): ItemView[] {
  return items
    .filter((v) => {
      const at = dateOf(lastChangeAt(v));
      return at !== undefined && at >= since;
    })
    .sort((a, b) => compareDates(lastChangeAt(b) ?? "", lastChangeAt(a) ?? ""));
}

/**
 * When an item last changed: its own `at`, or its waiver's or the latest withdrawal of a
 * waiver's when that is later. (A waiver leaves the item's `at` alone, so that a merge still
 * orders status changes by their time.)
 */
export function lastChangeAt(view: ItemView): string | undefined {
  let last = view.state.at;
  for (const at of [view.state.waiver?.at, lastWithdrawal(view.state)?.at]) {
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

/** A change to the project itself (not to an item): a rename, a move of go-live, the close. */
export type ProjectChange =
  | { kind: "renamed"; at: string; from?: string; to: string; by?: string }
  | {
      kind: "rescheduled";
      at: string;
      from: CalendarDate;
      to: CalendarDate;
      reason?: string;
      by?: string;
    }
  | { kind: "closed"; at: string; closed: Closed }
  | { kind: "reopened"; at: string; was: Closed; by?: string };

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * The project's own changes on or after `since`, most recent first: renames, moves of the
 * go-live date, the close and closes taken back, each by its recorded `at` (a close without one by its day).
 * Those recorded without a time cannot be placed and are left out, as items without `at` are.
 */
export function projectChangesSince(
  state: Pick<StateData, "renames" | "slips" | "closed" | "reopened">,
  since: CalendarDate,
): ProjectChange[] {
  // Latest first within each kind, and a close before the rest, so that changes recorded
  // with the same day only (no time) still read most recent first after the stable sort.
  const out: ProjectChange[] = [];
  const closed = state.closed;
  if (closed) out.push({ kind: "closed", at: closed.at ?? closed.on, closed });
  for (const r of [...(state.reopened ?? [])].reverse()) {
    if (r.at === undefined) continue;
    out.push({ kind: "reopened", at: r.at, was: r.was, ...optional("by", r.by) });
  }
  for (const s of [...(state.slips ?? [])].reverse()) {
    if (s.at === undefined) continue;
    out.push({
      kind: "rescheduled",
      at: s.at,
      from: s.from,
      to: s.to,
      ...optional("reason", s.reason),
      ...optional("by", s.by),
    });
  }
  for (const r of [...(state.renames ?? [])].reverse()) {
    if (r.at === undefined) continue;
    out.push({
      kind: "renamed",
      at: r.at,
      to: r.to,
      ...optional("from", r.from),
      ...optional("by", r.by),
    });
  }
  return out.filter((c) => (dateOf(c.at) ?? "") >= since).sort((a, b) => compareDates(b.at, a.at));
}
