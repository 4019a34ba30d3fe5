/** Dates given on the command line: --date, --until, --since. */
import { addDays, GO_LIVE_YEARS, isSchedulable, parseCalendarDate } from "../core/dates.js";
import { GoliveError } from "../errors.js";
import type { Context } from "./context.js";

/** A date option: a real YYYY-MM-DD day, or a usage error naming the option. */
export function requireDate(text: string, option: string): string {
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new GoliveError("bad-date", `${option} "${text}" is not a date`, {
      hint: "write a real calendar day as YYYY-MM-DD, for example 2027-03-01",
    });
  }
  if (!isSchedulable(date)) {
    throw new GoliveError(
      "bad-date",
      `${option} ${date} is outside the years golive schedules (${GO_LIVE_YEARS.first} to ${GO_LIVE_YEARS.last})`,
      { hint: "give the real go-live date, for example 2027-03-01" },
    );
  }
  return date;
}

/** `--since`: a date, or an age like `1d` or `2w` counted back from today. */
export function parseDateOrAge(ctx: Context, text: string): string {
  const age = /^(\d{1,4})([dw])$/.exec(text.trim());
  if (age) {
    const days = Number(age[1]) * (age[2] === "w" ? 7 : 1);
    return addDays(ctx.today, -days);
  }
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new GoliveError("bad-date", `--since "${text}" is neither a date nor an age`, {
      hint: "use YYYY-MM-DD, or an age such as 1d (yesterday) or 2w",
    });
  }
  return date;
}
