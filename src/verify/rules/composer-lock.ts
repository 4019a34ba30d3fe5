/** APP-02 too: composer.lock pins Spryker's packages at releases. */

import type { Finding } from "../../core/verdict.js";
import { composerContentHash } from "../composer.js";
import type { Facts } from "../facts.js";

/** Vendors whose packages are Spryker's own. */
const SPRYKER_VENDOR = /^(?:spryker|spryker-shop|spryker-feature|spryker-eco|spryker-sdk)\//;

/**
 * APP-02 too: composer.lock installs Spryker's packages at releases (no `dev-*` in the
 * packages production installs), and it was made from the composer.json beside it.
 */
export function composerLock(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  if (!lock) return [problem!];
  const findings: Finding[] = [];
  let tooling = 0;
  for (const pkg of lock.packages.values()) {
    if (!SPRYKER_VENDOR.test(pkg.name) || !/^dev-/.test(pkg.version)) continue;
    if (pkg.dev) tooling++;
    else
      findings.push({
        code: "composer-dev-version",
        result: "fail",
        file: "composer.lock",
        line: pkg.line,
        subject: pkg.name,
        found: pkg.version,
        expected: "a release version",
      });
  }
  if (tooling > 0)
    findings.push({
      code: "composer-dev-tooling",
      result: "pass",
      file: "composer.lock",
      found: `${tooling}`,
    });
  const json = facts.text("composer.json");
  const hash = json === undefined ? undefined : composerContentHash(json);
  if (lock.contentHash === undefined || hash === undefined)
    findings.push({
      code: "composer-hash-unknown",
      result: "unknown",
      file: json === undefined ? "composer.json" : "composer.lock",
    });
  else if (hash === lock.contentHash)
    findings.push({ code: "composer-hash-ok", result: "pass", file: "composer.lock" });
  else
    findings.push({
      code: "composer-hash-mismatch",
      result: "fail",
      file: "composer.lock",
      found: lock.contentHash,
      expected: hash,
    });
  if (!findings.some((f) => f.code === "composer-dev-version"))
    findings.unshift({ code: "composer-releases", result: "pass", file: "composer.lock" });
  return findings;
}
