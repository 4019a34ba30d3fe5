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
import { runGeneric, textScanRequest } from "./generic.js";
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
import {
  KEY_HEADER,
  keyScanRequest,
  parseSecretsPhp,
  secrets,
  tokenScanRequest,
  tokenSources,
} from "./rules/secrets.js";
import { sitemap } from "./rules/sitemap.js";
import { splitEndpoints } from "./rules/split-endpoints.js";
import { storefrontAuth } from "./rules/storefront-auth.js";
import { hasCredentialShape, WITHHELD } from "./secret-names.js";
import { findProviderTokens } from "./tokens.js";
import type { PrescanRequest, RepoView, VerifyContext } from "./types.js";

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

export { WITHHELD } from "./secret-names.js";

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

function runItem(
  item: CatalogueItem & { checks: readonly Check[] },
  facts: Facts,
  inputs?: Map<string, InputKeys>,
): ItemVerdict {
  const findings: Finding[] = [];
  let hint: string | undefined;
  let hintRank = -1;
  const { keys } = facts.inputs.collect(() => {
    for (const check of item.checks) {
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
  return {
    id: item.id,
    title: item.title,
    result: worst(findings.map((f) => f.result)) ?? "unknown",
    findings,
    ...(hint ? { hint } : {}),
  };
}

const checked = (item: CatalogueItem): item is CatalogueItem & { checks: readonly Check[] } =>
  item.checks !== undefined;

/**
 * The verdict on each item that has checks, in catalogue order, without the provider-token
 * scan (which is asynchronous) and the scan before the rules: for rules tested one by one.
 */
export function verifyItems(
  items: readonly CatalogueItem[],
  repo: RepoView,
  ctx: VerifyContext,
): ItemVerdict[] {
  const facts = new Facts(repo, ctx);
  return items.filter(checked).map((item) => runItem(item, facts));
}

/** Whether a check uses the scan before the rules. */
const asksScan = (check: Check): boolean =>
  check.kind === "spryker/secrets" || textScanRequest(check, []) !== undefined;

/** What the checks of `items` ask the scan before the rules to look for (`RepoView.prescan`). */
export function prescanRequests(
  items: readonly CatalogueItem[],
  files: readonly string[],
): PrescanRequest[] {
  const out: PrescanRequest[] = [];
  for (const check of items.flatMap((i) => i.checks ?? [])) {
    if (check.kind === "spryker/secrets") {
      if (!out.some((r) => r.needle === KEY_HEADER.needle && !r.text))
        out.push(keyScanRequest(files), tokenScanRequest(files));
    } else {
      const request = textScanRequest(check, files);
      if (request) out.push(request);
    }
  }
  return out;
}

/**
 * What `golive verify` runs: `verifyItems`, with secretlint's scan when an item asks for secrets,
 * and the files that may hold what the scans look for found at once, on another thread while
 * the first rules run. `inputs`, when given, receives what each item's checks read
 * (verify/inputs.ts).
 */
export async function verifyRepository(
  items: readonly CatalogueItem[],
  repo: RepoView,
  ctx: VerifyContext,
  inputs?: Map<string, InputKeys>,
): Promise<ItemVerdict[]> {
  const requests = repo.prescan ? prescanRequests(items, repo.files) : [];
  const scanning = requests.length > 0 ? repo.prescan?.(requests) : undefined;
  await loadPhpParser();
  const facts = new Facts(repo, ctx);
  let tokens = items.some((i) => i.checks?.some((c) => c.kind === "spryker/secrets"));
  if (tokens && !scanning) {
    facts.tokens = await findProviderTokens(tokenSources(facts));
    tokens = false;
  }
  const verdicts: ItemVerdict[] = [];
  let waiting = scanning;
  for (const item of items.filter(checked)) {
    // The scan's answer is awaited by the first item that can use it: the items before run
    // meanwhile. secretlint reads the texts it found (the same as reading them here).
    if (waiting && item.checks.some(asksScan)) {
      // Work APP-17 does anyway and that needs no scan, done while the scan may still run.
      if (item.checks.some((c) => c.kind === "spryker/secrets")) parseSecretsPhp(facts);
      facts.prescan.add(requests, await waiting);
      waiting = undefined;
    }
    if (tokens && item.checks.some((c) => c.kind === "spryker/secrets")) {
      facts.tokens = await findProviderTokens(tokenSources(facts));
      tokens = false;
    }
    verdicts.push(runItem(item, facts, inputs));
  }
  return verdicts;
}
