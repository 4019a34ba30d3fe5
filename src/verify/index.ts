/**
 * `golive verify`'s core: every item's checks against a repository view. Pure: the view,
 * today and go-live are passed in. The named Spryker rules are one file each in rules/, named
 * after the rule (`spryker/flysystem` is rules/flysystem.ts); SPRYKER below is their registry.
 */

import type { Finding, ItemVerdict } from "../core/verdict.js";
import { worst } from "../core/verdict.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Check, SprykerRule } from "../schema/checks.js";
import { Facts } from "./facts.js";
import { runGeneric } from "./generic.js";
import { type InputKeys, inputKeys } from "./inputs.js";
import { loadPhpParser } from "./php-ast.js";
import { backofficeAuth } from "./rules/backoffice-auth.js";
import { composerLock } from "./rules/composer-lock.js";
import { database } from "./rules/database.js";
import { demoData } from "./rules/demo-data.js";
import { deployFiles } from "./rules/deploy-files.js";
import { dockerSdk } from "./rules/docker-sdk.js";
import { flysystem } from "./rules/flysystem.js";
import { installRecipe } from "./rules/install-recipe.js";
import { ipTracking } from "./rules/ip-tracking.js";
import { productionConfig } from "./rules/production-config.js";
import { productionDeploy } from "./rules/production-deploy.js";
import { propelMigrations } from "./rules/propel-migrations.js";
import { release } from "./rules/release.js";
import { robots } from "./rules/robots.js";
import { schedulerJobs } from "./rules/scheduler-jobs.js";
import { secrets, tokenSources } from "./rules/secrets.js";
import { sitemap } from "./rules/sitemap.js";
import { splitEndpoints } from "./rules/split-endpoints.js";
import { storefrontAuth } from "./rules/storefront-auth.js";
import { hasCredentialShape } from "./secret-names.js";
import { findProviderTokens } from "./tokens.js";
import type { RepoView, VerifyContext } from "./types.js";

const SPRYKER: Record<SprykerRule, (facts: Facts) => Finding[]> = {
  "ip-tracking": ipTracking,
  release,
  "composer-lock": composerLock,
  database,
  "split-endpoints": splitEndpoints,
  "deploy-files": deployFiles,
  "docker-sdk": dockerSdk,
  flysystem,
  secrets,
  "propel-migrations": propelMigrations,
  "install-recipe": installRecipe,
  "production-config": productionConfig,
  "production-deploy": productionDeploy,
  "scheduler-jobs": schedulerJobs,
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

/** Shown in place of a finding's value that looks like a credential. */
export const WITHHELD = "(looks like a credential: not shown)";

/**
 * Every finding passes the allow rule on its way out of the rules, whichever rule made it: a
 * value or subject with a credential's shape is withheld (verify/secret-names.ts).
 */
function allowed(f: Finding): Finding {
  const found = f.found !== undefined && hasCredentialShape(f.found);
  const subject = f.subject !== undefined && hasCredentialShape(f.subject);
  if (!found && !subject) return f;
  return { ...f, ...(found ? { found: WITHHELD } : {}), ...(subject ? { subject: WITHHELD } : {}) };
}

function runItems(
  items: readonly CatalogueItem[],
  facts: Facts,
  inputs?: Map<string, InputKeys>,
): ItemVerdict[] {
  const verdicts: ItemVerdict[] = [];
  for (const item of items) {
    if (!item.checks) continue;
    const findings: Finding[] = [];
    let hint: string | undefined;
    let hintRank = -1;
    const { keys } = facts.inputs.collect(() => {
      for (const check of item.checks!) {
        const found = runCheck(check, facts).map(allowed);
        for (const f of found) findings.push(f);
        const result = worst(found.map((f) => f.result));
        const rank = result === "fail" ? 3 : result === "warn" ? 2 : result === "unknown" ? 1 : -1;
        if (check.hint && rank > hintRank) {
          hint = check.hint;
          hintRank = rank;
        }
      }
    });
    inputs?.set(item.id, inputKeys(keys));
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

/**
 * The verdict on each item that has checks, in catalogue order, without the provider-token
 * scan (which is asynchronous): for rules tested one by one.
 */
export function verifyItems(
  items: readonly CatalogueItem[],
  repo: RepoView,
  ctx: VerifyContext,
): ItemVerdict[] {
  return runItems(items, new Facts(repo, ctx));
}

/**
 * What `golive verify` runs: `verifyItems`, with secretlint's scan when an item asks for secrets.
 * `inputs`, when given, receives what each item's checks read (verify/inputs.ts).
 */
export async function verifyRepository(
  items: readonly CatalogueItem[],
  repo: RepoView,
  ctx: VerifyContext,
  inputs?: Map<string, InputKeys>,
): Promise<ItemVerdict[]> {
  await loadPhpParser();
  const facts = new Facts(repo, ctx);
  if (items.some((i) => i.checks?.some((c) => c.kind === "spryker/secrets")))
    facts.tokens = await findProviderTokens(tokenSources(facts));
  return runItems(items, facts, inputs);
}
