import type { Finding } from "../../core/verdict.js";
import {
  endpoints,
  isLegacyBackOffice,
  PUBLIC_APPS,
  realIpOf,
  STOREFRONT_APPS,
} from "../deploy.js";
import { describe, judged } from "../deploy-judged.js";
import type { Facts } from "../facts.js";

/**
 * APP-01: `real-ip.from` on every public endpoint of production. A storefront endpoint (yves,
 * glue) without it fails: that is where attacks come from; back-office ones only warn.
 */
export function ipTracking(facts: Facts): Finding[] {
  const { files, notes, none } = judged(facts);
  if (none) return none;
  const pub = endpoints(files).filter((e) => PUBLIC_APPS.has(e.type) || isLegacyBackOffice(e));
  if (pub.length === 0) return [...notes, { code: "no-public-endpoints", result: "unknown" }];
  const missing = pub.filter((e) => !realIpOf(e));
  const findings: Finding[] = [...notes];
  if (missing.length === 0) {
    findings.push({
      code: "ip-tracking-all",
      result: "pass",
      found: `${pub.length}`,
      file: pub[0]!.file,
      line: realIpOf(pub[0]!)!.line,
    });
    return findings;
  }
  if (missing.length === pub.length)
    findings.push({ code: "ip-tracking-none", result: "fail", found: `${pub.length}` });
  for (const e of missing)
    findings.push({
      code: "ip-tracking-missing",
      result: STOREFRONT_APPS.has(e.type) ? "fail" : "warn",
      file: e.file,
      line: e.line,
      subject: describe(e),
      expected: "real-ip.from",
    });
  return findings;
}
