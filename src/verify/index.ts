/**
 * `golive verify`'s core: every item's checks against a repository view. Pure: the view,
 * today and go-live are passed in.
 */

import type { Finding, ItemVerdict } from "../core/verdict.js";
import { worst } from "../core/verdict.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Check, SprykerRule } from "../schema/checks.js";
import { Facts } from "./facts.js";
import { runGeneric } from "./generic.js";
import {
  demoData,
  dockerSdk,
  flysystem,
  propelMigrations,
  release,
  robots,
  secrets,
  sitemap,
} from "./spryker-code.js";
import {
  backofficeAuth,
  database,
  deployFiles,
  ipTracking,
  splitEndpoints,
  storefrontAuth,
} from "./spryker-deploy.js";
import type { RepoView, VerifyContext } from "./types.js";

const SPRYKER: Record<SprykerRule, (facts: Facts) => Finding[]> = {
  "ip-tracking": ipTracking,
  release,
  database,
  "split-endpoints": splitEndpoints,
  "deploy-files": deployFiles,
  "docker-sdk": dockerSdk,
  flysystem,
  secrets,
  "propel-migrations": propelMigrations,
  "backoffice-auth": backofficeAuth,
  "storefront-auth": storefrontAuth,
  sitemap,
  robots,
  "demo-data": demoData,
};

export function runCheck(check: Check, facts: Facts): Finding[] {
  if (check.kind.startsWith("spryker/")) {
    return SPRYKER[check.kind.slice("spryker/".length) as SprykerRule](facts);
  }
  return runGeneric(check as Exclude<Check, { kind: `spryker/${string}` }>, facts);
}

/** The verdict on each item that has checks, in catalogue order. */
export function verifyItems(
  items: readonly CatalogueItem[],
  repo: RepoView,
  ctx: VerifyContext,
): ItemVerdict[] {
  const facts = new Facts(repo, ctx);
  const verdicts: ItemVerdict[] = [];
  for (const item of items) {
    if (!item.checks) continue;
    const findings: Finding[] = [];
    let hint: string | undefined;
    let hintRank = -1;
    for (const check of item.checks) {
      const found = runCheck(check, facts);
      findings.push(...found);
      const result = worst(found.map((f) => f.result));
      const rank = result === "fail" ? 3 : result === "warn" ? 2 : result === "unknown" ? 1 : -1;
      if (check.hint && rank > hintRank) {
        hint = check.hint;
        hintRank = rank;
      }
    }
    verdicts.push({
      id: item.id,
      title: item.title,
      result: worst(findings.map((f) => f.result)) ?? "unknown",
      findings,
      ...(hint ? { hint } : {}),
    });
  }
  return verdicts;
}
