/** When items changed: the date of a recorded `at`, what changed since a day. */
import type { ItemView } from "./board.js";
import { type CalendarDate, compareDates } from "./dates.js";

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
 * When an item last changed: its own `at`, or its waiver's when that is later. (A waiver
 * leaves the item's `at` alone, so that a merge still orders status changes by their time.)
 */
export function lastChangeAt(view: ItemView): string | undefined {
  const own = view.state.at;
  const waived = view.state.waiver?.at;
  if (waived === undefined) return own;
  return own === undefined || waived > own ? waived : own;
}
