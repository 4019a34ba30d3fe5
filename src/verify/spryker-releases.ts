/**
 * Spryker product (feature) releases golive knows, newest last. A release is named `YYYYMM.N`;
 * its date is the first day of the month the name gives, which is close enough to say "behind".
 * `golive verify --latest-release` overrides the newest one when this list is out of date.
 */
export interface SprykerRelease {
  version: string;
  date: string;
}

export const SPRYKER_RELEASES: readonly SprykerRelease[] = [
  { version: "202009.0", date: "2020-09-01" },
  { version: "202108.0", date: "2021-08-01" },
  { version: "202204.0", date: "2022-04-01" },
  { version: "202212.0", date: "2022-12-01" },
  { version: "202304.0", date: "2023-04-01" },
  { version: "202307.0", date: "2023-07-01" },
  { version: "202311.0", date: "2023-11-01" },
  { version: "202404.0", date: "2024-04-01" },
  { version: "202410.0", date: "2024-10-01" },
  { version: "202507.0", date: "2025-07-01" },
];

/** The oldest release Spryker Cloud accepts for go-live. */
export const MINIMUM_RELEASE = "202009.0";

export const RELEASE_PATTERN = /^\d{6}\.\d+$/;

/** The newest known release out on `today`. */
export function latestReleaseOn(today: string): string | undefined {
  let latest: string | undefined;
  for (const r of SPRYKER_RELEASES) if (r.date <= today) latest = r.version;
  return latest;
}
