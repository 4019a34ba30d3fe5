/**
 * What verification found, as data: results, findings with a code, and an item's verdict.
 * Pure data shared by the rules (verify/), the gate (core/gate.ts) and the formats (render/).
 * Wording lives in render/verify-words.ts, keyed by `code`; a secret's value is never put in
 * any field.
 */

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
  | "file-unexpected"
  | "file-default"
  | "file-custom"
  | "composer-ok"
  | "composer-old"
  | "composer-missing"
  | "composer-unparsable-version"
  | "composer-lock-missing"
  | "deploy-none"
  | "deploy-fallback"
  | "deploy-invalid"
  | "deploy-value-present"
  | "deploy-value-missing"
  | "deploy-value-unexpected"
  | "deploy-value-mismatch"
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
  | "db-mariadb"
  | "db-mysql"
  | "db-postgresql"
  | "db-unknown"
  | "split-app-missing"
  | "split-app-present"
  | "split-entry-point-missing"
  | "split-entry-point-ok"
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
  | "flysystem-ok"
  | "flysystem-package-missing"
  | "flysystem-not-configured"
  | "flysystem-local-only"
  | "flysystem-empty-credential"
  | "flysystem-literal-credentials"
  | "secret-private-key"
  | "secret-config-literal"
  | "secret-deploy-literal"
  | "secret-auth-password"
  | "secrets-none"
  | "secrets-allowed"
  | "propel-migrations-present"
  | "propel-migrations-missing"
  | "recipe-missing"
  | "recipe-migrates"
  | "recipe-no-migrate"
  | "recipe-diff"
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
  | "demo-data-none";

/** What one item's checks found. */
export interface ItemVerdict {
  id: string;
  title: string;
  result: Result;
  findings: Finding[];
  /** The catalogue's own hint for the check that decided the result, if it has one. */
  hint?: string;
}
