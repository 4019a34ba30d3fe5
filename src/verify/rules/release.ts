/** APP-02: the Spryker release production installs. */

import type { Finding } from "../../core/verdict.js";
import { compareVersions, parseVersion } from "../composer.js";
import type { Facts } from "../facts.js";
import {
  latestReleaseOn,
  MINIMUM_RELEASE,
  releaseAnswerUntil,
  releaseListStale,
  STALE_MONTHS,
} from "../spryker-releases.js";

/**
 * The core module a shop from before feature packages is judged by, and its version in the
 * oldest release Spryker Cloud accepts (b2c-demo-shop 202009.0's composer.lock).
 */
const CORE_MODULE = { name: "spryker/kernel", minimum: "3.55.0" };

/**
 * APP-02: the release of the `spryker-feature/*` packages production installs (require-dev
 * tooling such as `spryker-feature/development-tools` says nothing about it); a shop without
 * them is judged by its core module.
 */
export function release(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  if (!lock) return [problem!];
  let oldest: { name: string; version: string; line: number; parsed: number[] } | undefined;
  for (const pkg of lock.packages.values()) {
    if (!pkg.name.startsWith("spryker-feature/") || pkg.dev) continue;
    // dev-master, branch aliases and the like say nothing about the release.
    if (!/^v?\d{6}\.\d+/.test(pkg.version)) continue;
    const parsed = parseVersion(pkg.version.replace(/-p\d+$/, ""));
    if (!parsed) continue;
    if (!oldest || compareVersions(parsed, oldest.parsed) < 0) oldest = { ...pkg, parsed };
  }
  if (!oldest) {
    const core = lock.packages.get(CORE_MODULE.name);
    const parsed = core && !core.dev ? parseVersion(core.version) : undefined;
    if (core && parsed && compareVersions(parsed, parseVersion(CORE_MODULE.minimum)!) < 0)
      return [
        {
          code: "release-too-old",
          result: "fail",
          file: "composer.lock",
          line: core.line,
          subject: core.name,
          found: core.version,
          expected: `>= ${CORE_MODULE.minimum} (${MINIMUM_RELEASE}'s)`,
        },
      ];
    // A core module past the oldest release's tells the floor holds, not which release it is.
    if (core && parsed)
      return [
        {
          code: "release-none",
          result: "unknown",
          file: "composer.lock",
          line: core.line,
          subject: core.name,
          found: core.version,
          expected: MINIMUM_RELEASE,
        },
      ];
    return [{ code: "release-none", result: "unknown", file: "composer.lock" }];
  }
  const at = {
    file: "composer.lock",
    line: oldest.line,
    subject: oldest.name,
    found: oldest.version,
  };
  if (compareVersions(oldest.parsed, parseVersion(MINIMUM_RELEASE)!) < 0)
    return [{ code: "release-too-old", result: "fail", ...at, expected: `>= ${MINIMUM_RELEASE}` }];
  const given = facts.ctx.latestRelease;
  const today = given === undefined ? facts.ctx.today : undefined;
  // The next release golive knows, or the day its list turns stale, may change the answer.
  if (today !== undefined) facts.until(releaseAnswerUntil(today));
  const latest = given ?? (today === undefined ? undefined : latestReleaseOn(today)?.version);
  if (latest && compareVersions(oldest.parsed, parseVersion(latest)!) < 0)
    return [{ code: "release-behind", result: "warn", ...at, expected: latest }];
  // Months after the newest release golive knows, a newer one it does not know is likely.
  const stale = today === undefined ? undefined : releaseListStale(today);
  if (stale)
    return [
      {
        code: "release-list-stale",
        result: "unknown",
        ...at,
        expected: `${stale.version} (${stale.date}, more than ${STALE_MONTHS} months ago)`,
      },
    ];
  return [{ code: "release-ok", result: "pass", ...at, ...(latest ? { expected: latest } : {}) }];
}
