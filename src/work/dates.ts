/** Dates given on the command line (parsed in cli/options.ts) checked against today. */
import { addDays } from "../core/dates.js";
import { GoliveError } from "../errors.js";
import type { Context } from "./context.js";

/**
 * A go-live date before today is refused (it would make most items overdue at once) unless
 * `--allow-past` says it is meant: a project recorded after its launch. The warning that it is
 * past is said by the command once the date is set.
 */
export function refusePastGoLive(
  ctx: Context,
  goLive: string,
  allowPast: boolean | undefined,
): void {
  if (goLive >= ctx.today || allowPast) return;
  throw new GoliveError("bad-date", `--date ${goLive} is before today (${ctx.today})`, {
    hint: "give the go-live date still ahead; --allow-past sets a past date on purpose (a project recorded after its launch)",
  });
}

/** `--since` as parsed (cli/options.ts): a date, or an age in days to count back from today. */
export type DateOrAge = { date: string } | { daysAgo: number };

/** `--since` as a day: an age counted back from today; never after today. */
export function sinceDate(ctx: Context, given: DateOrAge): string {
  const since = "date" in given ? given.date : addDays(ctx.today, -given.daysAgo);
  if (since > ctx.today) {
    throw new GoliveError("bad-date", `--since ${since} is after today (${ctx.today})`, {
      hint: "nothing has changed since a day to come: give a past date, or an age such as 1d or 2w",
    });
  }
  return since;
}
