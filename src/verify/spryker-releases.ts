/**
 * Spryker product (feature) releases golive knows, newest last, with the day each was tagged in
 * Spryker's demo shops (the first of its month where golive could not read the tag).
 * `golive verify --latest-release` overrides the newest one when this list is out of date, and
 * more than `STALE_MONTHS` after the newest release golive says it cannot tell.
 */
export interface SprykerRelease {
  version: string;
  date: string;
}

export const SPRYKER_RELEASES: readonly SprykerRelease[] = [
  { version: "202009.0", date: "2020-09-01" },
  { version: "202108.0", date: "2021-08-31" },
  { version: "202204.0", date: "2022-04-29" },
  { version: "202211.0", date: "2022-11-25" },
  { version: "202212.0", date: "2022-12-20" },
  { version: "202304.0", date: "2023-04-01" },
  { version: "202307.0", date: "2023-07-27" },
  { version: "202311.0", date: "2023-11-22" },
  { version: "202404.0", date: "2024-04-23" },
  { version: "202410.0", date: "2024-10-30" },
  { version: "202507.0", date: "2025-07-25" },
  { version: "202512.0", date: "2025-12-16" },
  { version: "202602.0", date: "2026-02-25" },
  { version: "202604.0", date: "2026-04-29" },
  { version: "202606.0", date: "2026-06-29" },
];

/** The oldest release Spryker Cloud accepts for go-live. */
export const MINIMUM_RELEASE = "202009.0";

export const RELEASE_PATTERN = /^\d{6}\.\d+$/;

/** Spryker releases every few months: past this, a newer release golive does not know is likely. */
export const STALE_MONTHS = 4;

/** The newest known release out on `today`. */
export function latestReleaseOn(today: string): SprykerRelease | undefined {
  let latest: SprykerRelease | undefined;
  for (const r of SPRYKER_RELEASES) if (r.date <= today) latest = r;
  return latest;
}

/** The day `months` after `date` (the month's last day when it is shorter). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The first day after `today` on which APP-02's answer may change by the date alone: the next
 * release golive knows comes out, or its list turns stale; undefined when neither is ahead.
 */
export function releaseAnswerUntil(today: string): string | undefined {
  const next = SPRYKER_RELEASES.find((r) => r.date > today)?.date;
  const newest = SPRYKER_RELEASES[SPRYKER_RELEASES.length - 1]!;
  // releaseListStale holds from the day after this one.
  const staleFrom = dayAfter(addMonths(newest.date, STALE_MONTHS));
  const ahead = [next, staleFrom > today ? staleFrom : undefined].filter(
    (d): d is string => d !== undefined,
  );
  return ahead.sort()[0];
}

function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Whether golive's list is too old to say a release is the newest on `today`. */
export function releaseListStale(today: string): SprykerRelease | undefined {
  const newest = SPRYKER_RELEASES[SPRYKER_RELEASES.length - 1]!;
  return addMonths(newest.date, STALE_MONTHS) < today ? newest : undefined;
}
