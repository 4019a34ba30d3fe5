/**
 * What verification found, as data: results, findings with a code, and an item's verdict.
 * Pure data shared by the rules (verify/), the gate (core/gate.ts) and the formats (render/).
 * Wording lives in render/verify-words.ts, keyed by `code`; a secret's value is never put in
 * any field.
 */

import { MAX_TEXT } from "../schema/state.js";

/** What a check says about an item. `unknown`: the files cannot tell. */
export type Result = "pass" | "warn" | "fail" | "unknown";

export const RESULTS: readonly Result[] = ["pass", "warn", "fail", "unknown"];

/** Worst first: one failing check fails the item, an unknown one keeps it from passing. */
const RANK: Record<Result, number> = { fail: 3, warn: 2, unknown: 1, pass: 0 };

export function worst(results: readonly Result[]): Result | undefined {
  let found: Result | undefined;
  for (const r of results) if (found === undefined || RANK[r] > RANK[found]) found = r;
  return found;
}

/**
 * One piece of evidence. Wording lives in `render/verify-words.ts`, keyed by `code`; the fields are
 * what the wording may show. A secret's value is never put in any field.
 */
export interface Finding {
  code: FindingCode;
  result: Result;
  /** Repository-relative path. */
  file?: string;
  /** 1-based line, where the finding has one. */
  line?: number;
  /** 1-based column, where the finding has one (shown, not recorded as evidence). */
  col?: number;
  /** What the finding is about: a package, a host, a key, a file. */
  subject?: string;
  /** The value found. */
  found?: string;
  /** What was expected instead. */
  expected?: string;
}

export type FindingCode =
  // generic rules
  | "file-present"
  | "file-missing"
  | "file-empty"
  | "file-unreadable"
  | "file-name-unreadable"
  | "file-unexpected"
  | "file-default"
  | "file-custom"
  | "composer-ok"
  | "composer-old"
  | "composer-missing"
  | "composer-unparsable-version"
  | "composer-lock-missing"
  | "deploy-none"
  | "deploy-judged"
  | "deploy-no-production"
  | "deploy-lenient"
  | "deploy-invalid"
  | "deploy-value-present"
  | "deploy-value-missing"
  | "deploy-value-unexpected"
  | "deploy-value-mismatch"
  | "deploy-value-secret"
  | "deploy-value-secret-mismatch"
  | "text-found"
  | "text-not-found"
  | "text-unexpected"
  // spryker rules
  | "ip-tracking-all"
  | "ip-tracking-missing"
  | "ip-tracking-none"
  | "no-public-endpoints"
  | "release-ok"
  | "release-behind"
  | "release-too-old"
  | "release-none"
  | "release-list-stale"
  | "composer-releases"
  | "composer-dev-version"
  | "composer-dev-tooling"
  | "composer-hash-ok"
  | "composer-hash-mismatch"
  | "composer-hash-unknown"
  | "db-mariadb"
  | "db-mysql"
  | "db-postgresql"
  | "db-unknown"
  | "split-app-missing"
  | "split-app-present"
  | "split-entry-point-missing"
  | "split-entry-point-ok"
  | "split-entry-point-custom"
  | "split-bootstrap-missing"
  | "split-bootstrap-present"
  | "deploy-env-file"
  | "deploy-lookalike"
  | "deploy-production-missing"
  | "deploy-staging-missing"
  | "docker-sdk-tag"
  | "docker-sdk-commit"
  | "docker-sdk-branch"
  | "docker-sdk-floating"
  | "docker-sdk-missing"
  | "docker-sdk-empty"
  | "docker-sdk-lines"
  | "docker-sdk-submodule"
  | "docker-sdk-submodule-unpinned"
  | "docker-sdk-disagree"
  | "flysystem-ok"
  | "flysystem-package-missing"
  | "flysystem-not-configured"
  | "flysystem-local-only"
  | "flysystem-not-s3"
  | "flysystem-empty-credential"
  | "flysystem-literal-credentials"
  | "secret-private-key"
  | "secret-config-literal"
  | "secret-config-fallback"
  | "secret-array-literal"
  | "secret-unparsed-literal"
  | "secret-deploy-literal"
  | "secret-auth-password"
  | "secret-env-literal"
  | "secret-url-password"
  | "secret-provider-token"
  | "secret-placeholder"
  | "secret-scan-failed"
  | "secrets-none"
  | "secrets-allowed"
  | "propel-migrations-present"
  | "propel-migrations-missing"
  | "recipe-missing"
  | "recipe-hook"
  | "recipe-default"
  | "recipe-migrates"
  | "recipe-no-migrate"
  | "recipe-diff"
  | "recipe-destructive"
  | "recipe-unresolved"
  | "recipe-safe"
  | "config-judged"
  | "config-environment-unknown"
  | "config-missing"
  | "php-unreadable"
  | "config-dynamic-include"
  | "config-dev-environment"
  | "config-dev-oauth-key"
  | "config-debug-on"
  | "config-production-ok"
  | "deploy-cors-any"
  | "deploy-blackfire"
  | "deploy-mail-catcher"
  | "deploy-eol-php"
  | "deploy-eol-search"
  | "deploy-production-clean"
  | "job-scheduled"
  | "job-disabled"
  | "job-missing"
  | "auth-protected"
  | "auth-unprotected"
  | "no-protected-apps"
  | "storefront-auth-before-golive"
  | "storefront-auth-live"
  | "storefront-open"
  | "no-production-deploy-file"
  | "sitemap-static"
  | "sitemap-job"
  | "sitemap-job-missing"
  | "sitemap-missing"
  | "robots-ok"
  | "robots-missing"
  | "robots-empty"
  | "robots-disallow-all"
  | "robots-no-sitemap"
  | "demo-user"
  | "demo-customers"
  | "demo-import"
  | "demo-data-none"
  | ProbeCode;

/**
 * The findings of `golive probe` (src/probe/): about the live hosts, not the files. Named apart
 * from verify's (`robots-served`, not `robots-ok`), so that recorded evidence reads the same
 * whichever command recorded it.
 */
export const PROBE_CODES = [
  "unreachable",
  "no-target",
  "dns-ok",
  "dns-missing",
  "dns-ttl-high",
  "tls-ok",
  "tls-untrusted",
  "tls-self-signed",
  "tls-chain-incomplete",
  "tls-wrong-host",
  "tls-old-protocol",
  "tls-expired",
  "tls-expiring",
  "auth-basic-before-golive",
  "auth-basic-live",
  "auth-open-before-golive",
  "auth-open",
  "admin-closed",
  "admin-open",
  "robots-served",
  "robots-not-served",
  "robots-blocks-all",
  "robots-blocks-all-before-golive",
  "robots-sitemap",
  "robots-sitemap-missing",
  "sitemap-ok",
  "sitemap-empty",
  "sitemap-not-served",
  "sitemap-invalid",
  "sitemap-foreign-url",
  "favicon-custom",
  "favicon-default",
  "favicon-missing",
  "favicon-not-image",
  "header-ok",
  "header-missing",
  "header-php-version",
  "cookie-insecure",
  "dmarc-ok",
  "dmarc-none",
  "dmarc-missing",
  "spf-ok",
  "spf-missing",
  "redirect-ok",
  "redirect-ok-before-golive",
  "redirect-temporary",
  "redirect-wrong",
  "redirect-loop",
  "redirect-too-long",
  "redirect-unsafe",
  "old-system-up",
  "old-system-down",
  "old-system-error",
  "old-system-window",
  "smoke-ok",
  "smoke-behind-auth",
  "smoke-bad",
] as const;
export type ProbeCode = (typeof PROBE_CODES)[number];

/** What one item's checks found. */
export interface ItemVerdict {
  id: string;
  title: string;
  result: Result;
  findings: Finding[];
  /** The catalogue's own hint for the check that decided the result, if it has one. */
  hint?: string;
}

/**
 * Findings that say what was judged (which deploy files, which configuration), not what was
 * found: shown with the evidence, never the finding that decides or sums up a verdict.
 */
export const CONTEXT_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  "deploy-judged",
  "deploy-no-production",
  "deploy-lenient",
  "config-judged",
  "config-environment-unknown",
  "config-dynamic-include",
  "composer-dev-tooling",
  "recipe-hook",
  "recipe-default",
]);

/** The finding that decided the verdict: the first with the verdict's result that is not context. */
export function decidingFinding(v: ItemVerdict): Finding | undefined {
  return (
    v.findings.find((f) => f.result === v.result && !CONTEXT_CODES.has(f.code)) ??
    v.findings.find((f) => f.result === v.result) ??
    v.findings[0]
  );
}

/** A verdict as `verify --record` keeps it: the deciding finding's code and arguments. */
export interface RecordedVerdict {
  result: Result;
  code?: FindingCode;
  args?: { file?: string; line?: number; subject?: string; found?: string; expected?: string };
  /** How many more findings had the verdict's result. */
  more?: number;
}

/**
 * A finding's argument as golive.yaml can hold it: at most the schema's MAX_TEXT characters,
 * cut with an ellipsis (never inside a character). A live host or a shop's file decides these
 * values, and one too long for the file would stop every item's evidence from being recorded.
 */
function recordable<T>(value: T): T {
  if (typeof value !== "string" || value.length <= MAX_TEXT) return value;
  let end = MAX_TEXT - 1;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…` as T;
}

export function recordVerdict(v: ItemVerdict): RecordedVerdict {
  const f = decidingFinding(v);
  if (!f) return { result: v.result };
  const { code, result: _result, col: _col, ...found } = f;
  const args = Object.fromEntries(
    Object.entries(found).map(([key, value]) => [key, recordable(value)]),
  ) as typeof found;
  const more =
    v.findings.filter((x) => x.result === v.result && !CONTEXT_CODES.has(x.code)).length - 1;
  return {
    result: v.result,
    code,
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(more > 0 ? { more } : {}),
  };
}

/**
 * Whether recorded evidence no longer says what the repository says: another result, or the
 * same result for another reason (another finding decides).
 */
export function evidenceStale(
  recorded: { result: Result; code?: string | undefined; source?: string | undefined },
  current: ItemVerdict,
): boolean {
  // The repository's files cannot make what the live hosts answered stale.
  if (recorded.source === "probe") return false;
  if (recorded.result !== current.result) return true;
  return recorded.code !== undefined && recorded.code !== decidingFinding(current)?.code;
}

/**
 * Recorded `golive probe` evidence as a verdict `check --verify` counts like verify's, or
 * undefined when it does not count: evidence from another command, a code this golive does not
 * know, or an answer recorded before go-live day judged from go-live day on (before go-live,
 * basic auth and a robots.txt that disallows everything are expected; after, they fail).
 */
export function probeEvidenceVerdict(
  id: string,
  title: string,
  evidence: RecordedEvidence,
  goLive: string,
  today: string,
): ItemVerdict | undefined {
  if (evidence.source !== "probe") return undefined;
  if (today >= goLive && evidence.at.slice(0, 10) < goLive) return undefined;
  const code = evidence.code;
  if (code !== undefined && !(PROBE_CODES as readonly string[]).includes(code)) return undefined;
  const findings: Finding[] =
    code === undefined
      ? []
      : [{ code: code as ProbeCode, result: evidence.result, ...evidence.args }];
  return { id, title, result: evidence.result, findings };
}

/** An item whose evidence from the other command was kept, being worse than the new verdict. */
export interface KeptEvidence {
  id: string;
  kept: RecordedEvidence;
}

/**
 * Whether the evidence the other command recorded on an item outweighs a new verdict: an item
 * keeps one evidence, so `verify --record` must not wipe a failure `probe --record` saw on the
 * live host (nor the other way round), or the gate would go green on a record. The other
 * command's evidence stays when it is worse and still counts (probe evidence from before
 * go-live day does not count after it); evidence from the same command is always replaced.
 */
export function keepsOther(
  before: RecordedEvidence | undefined,
  verdict: ItemVerdict,
  source: "probe" | undefined,
  goLive: string,
  today: string,
): before is RecordedEvidence {
  if (before === undefined || before.source === source) return false;
  if (worst([before.result, verdict.result]) === verdict.result) return false;
  if (before.source === "probe") {
    return probeEvidenceVerdict(verdict.id, verdict.title, before, goLive, today) !== undefined;
  }
  return before.source === undefined;
}

/** Evidence as golive.yaml keeps it (schema/state.ts), as far as the gate reads it. */
export interface RecordedEvidence {
  result: Result;
  at: string;
  code?: string | undefined;
  source?: string | undefined;
  args?: {
    file?: string | undefined;
    line?: number | undefined;
    subject?: string | undefined;
    found?: string | undefined;
    expected?: string | undefined;
  };
}
