/**
 * The scheduler: catalogue + go-live date → a window per item. Pure.
 *
 * Policy (documented in the README):
 * - an item's window is its phase's offsets from go-live (T), unless the item overrides them;
 * - a date before go-live that falls on a Saturday or Sunday moves to the Friday before
 *   (switch off with `settings.weekendShift: false`); go-live day and later never move;
 * - a window never opens after it is due: when the due date moves, the opening follows.
 */
import type { CatalogueItem } from "../schema/catalogue.js";
import type { StateData } from "../schema/state.js";
import type { Catalogue } from "./catalogue.js";
import { itemOffsets } from "./catalogue.js";
import { addDays, type CalendarDate, daysBetween, fridayBefore, isWeekendDay } from "./dates.js";

/**
 * The go-live date the project was planned with: the first slip's `from`, or go-live itself
 * while it never moved. It names the project where no other name exists (calendar UIDs), and
 * `golive reschedule` does not change it.
 */
export function originalGoLive(state: Pick<StateData, "goLive" | "slips">): CalendarDate {
  return state.slips?.[0]?.from ?? state.goLive;
}

export interface ScheduleOptions {
  /** Move pre-go-live deadlines off weekends (default true). */
  weekendShift?: boolean;
}

export interface Reminder {
  date: CalendarDate;
  text: string;
}

export interface ItemWindow {
  opens: CalendarDate;
  due: CalendarDate;
  /** The unmoved due date when the weekend rule moved it. */
  dueUnshifted?: CalendarDate;
  reminder?: Reminder;
}

export interface PhaseWindow {
  id: string;
  title: string;
  opens: CalendarDate;
  due: CalendarDate;
}

export interface Schedule {
  goLive: CalendarDate;
  /** By item ID, in catalogue order. */
  items: Map<string, ItemWindow>;
  phases: PhaseWindow[];
}

/** Applies the weekend rule to a deadline. */
export function deadline(
  goLive: CalendarDate,
  offset: number,
  options: ScheduleOptions = {},
): CalendarDate {
  const date = addDays(goLive, offset);
  if (options.weekendShift === false || offset >= 0 || !isWeekendDay(date)) return date;
  return fridayBefore(date);
}

/** A window from two offsets: the due date follows the weekend rule, the opening follows it. */
function windowOf(
  goLive: CalendarDate,
  offsets: { opens: number; due: number },
  options: ScheduleOptions,
): { opens: CalendarDate; due: CalendarDate } {
  const due = deadline(goLive, offsets.due, options);
  const plainOpens = addDays(goLive, offsets.opens);
  return { opens: daysBetween(plainOpens, due) < 0 ? due : plainOpens, due };
}

export function scheduleItem(
  catalogue: Catalogue,
  item: CatalogueItem,
  goLive: CalendarDate,
  options: ScheduleOptions = {},
): ItemWindow {
  const phase = catalogue.phaseById.get(item.phase);
  if (!phase) throw new Error(`catalogue invariant: unknown phase ${item.phase}`);
  const offsets = itemOffsets(item, phase);
  const window: ItemWindow = windowOf(goLive, offsets, options);
  const due = window.due;
  const unshifted = addDays(goLive, offsets.due);
  if (unshifted !== due) window.dueUnshifted = unshifted;
  if (item.reminder) {
    window.reminder = {
      date: deadline(goLive, offsets.opens - item.reminder.days, options),
      text: item.reminder.text,
    };
  }
  return window;
}

export function schedule(
  catalogue: Catalogue,
  goLive: CalendarDate,
  options: ScheduleOptions = {},
): Schedule {
  // Items share a handful of offsets: compute each distinct window once.
  const memo = new Map<string, ItemWindow>();
  const items = new Map<string, ItemWindow>();
  for (const item of catalogue.items) {
    const key = `${item.phase}|${item.opens}|${item.due}|${item.reminder?.days}|${item.reminder?.text}`;
    let window = memo.get(key);
    if (!window) {
      window = scheduleItem(catalogue, item, goLive, options);
      memo.set(key, window);
    }
    items.set(item.id, window);
  }
  const phases = catalogue.phases.map((phase) => ({
    id: phase.id,
    title: phase.title,
    ...windowOf(goLive, phase, options),
  }));
  return { goLive, items, phases };
}
