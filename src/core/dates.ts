/**
 * Calendar dates as `YYYY-MM-DD` strings. A go-live date is a day, not an instant:
 * every computation here works on local midnights through date-fns, so no time zone
 * or daylight-saving change can move a due date.
 */
import {
  addDays as addDaysToDate,
  differenceInCalendarDays,
  format,
  isValid,
  isWeekend,
  lightFormat,
  parseISO,
  previousFriday,
} from "date-fns";

/** A calendar day written `YYYY-MM-DD`. */
export type CalendarDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toDate(date: CalendarDate): Date {
  // parseISO reads a date without a time as local midnight, which is what a calendar day is.
  return parseISO(date);
}

function fromDate(date: Date): CalendarDate {
  // lightFormat: the same digits as format, without format's locale machinery on every call.
  return lightFormat(date, "yyyy-MM-dd");
}

/**
 * Orders `YYYY-MM-DD` dates, and timestamps written alike, by their text, which is their order
 * in time. Not `localeCompare`: its first call sets up ICU's collation, 14 ms of a command.
 */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns the date when `text` is a real `YYYY-MM-DD` day, otherwise undefined. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const date = toDate(text);
  return isValid(date) && fromDate(date) === text ? text : undefined;
}

/**
 * The go-live dates golive can schedule: every window around them must stay a four-digit year
 * (`YYYY-MM-DD` reads no other), and a team catalogue's windows may reach years away.
 */
export const GO_LIVE_YEARS = { first: 1900, last: 8999 } as const;

/** Whether `date` (a real day) is a go-live date golive can schedule and show. */
export function isSchedulable(date: CalendarDate): boolean {
  const year = Number(date.slice(0, 4));
  return year >= GO_LIVE_YEARS.first && year <= GO_LIVE_YEARS.last;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDate(addDaysToDate(toDate(date), days));
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

export function isWeekendDay(date: CalendarDate): boolean {
  return isWeekend(toDate(date));
}

/** The Friday before a Saturday or Sunday. */
export function fridayBefore(date: CalendarDate): CalendarDate {
  return fromDate(previousFriday(toDate(date)));
}

/** The local calendar date of an instant. */
export function localDateOf(instant: Date): CalendarDate {
  return fromDate(instant);
}

/** "Mon 1 Mar 2027" for people; machines get the ISO form. */
export function humanDate(date: CalendarDate, withYear = true): string {
  return format(toDate(date), withYear ? "EEE d MMM yyyy" : "EEE d MMM");
}
