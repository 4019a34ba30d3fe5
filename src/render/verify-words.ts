/**
 * The words of `golive verify`: the one place where findings become messages and hints, keyed
 * by the finding's code. No finding carries a secret's value.
 *
 * Messages and summaries are plain data: they go into golive.yaml as evidence and into the
 * JSON report as they are. Repository text is passed through `safe` only where it reaches a
 * terminal (render/verify.ts); escaping it earlier would store `\x1b` in the state file and
 * escape it twice when `show` or `status` print it.
 */
import { PARSE_ERROR_KINDS } from "../core/parse-error.js";
import type { Finding, FindingCode, ItemVerdict } from "../core/verdict.js";
import { CONTEXT_CODES, decidingFinding } from "../core/verdict.js";
import type { Evidence } from "../schema/state.js";
import { PROBE_HINTS, PROBE_MESSAGES } from "./probe-words.js";
import { plural } from "./text.js";

type Words = (f: Finding) => string;
const s = (v: string | undefined) => v ?? "?";
/** "3 Propel migrations": a count as the finding holds it; one that is no number shows as it is, never NaN. */
const count = (found: string | undefined, word: string) =>
  found !== undefined && /^\d+$/.test(found) ? plural(Number(found), word) : `${s(found)} ${word}s`;

const MESSAGES: Record<FindingCode, Words> = {
  // golive probe's findings, so that its recorded evidence reads as verify's does.
  ...PROBE_MESSAGES,
  "file-present": () => "present",
  "file-missing": (f) => (f.result === "pass" ? "absent, as expected" : "missing"),
  "file-empty": () => "is empty",
  "file-unreadable": () => "cannot be read (binary, too large, or outside the repository)",
  "file-name-unreadable": () =>
    "git holds this name in bytes that are not UTF-8: golive cannot open the file by it",
  "file-unexpected": () => "is tracked but should not be",
  "file-default": (f) =>
    f.result === "pass"
      ? `is a known default (blob ${s(f.found).slice(0, 12)}); a note: search engines show the storefront's`
      : `is a known default (blob ${s(f.found).slice(0, 12)})`,
  "file-custom": () => "present and not a known default",
  "composer-ok": (f) => `${s(f.subject)} ${s(f.found)} (${s(f.expected)})`,
  "composer-old": (f) => `${s(f.subject)} ${s(f.found)}, expected ${s(f.expected)}`,
  "composer-missing": (f) => `${s(f.subject)} is not installed`,
  "composer-unparsable-version": (f) => `${s(f.subject)} is at ${s(f.found)}, not a release`,
  "composer-lock-missing": () => "no composer.lock in the repository",
  "deploy-none": (f) =>
    f.found
      ? `no production or cloud deploy file (${count(f.found, "local, CI or template deploy file")} not judged)`
      : "no deploy files (deploy*.yml) in the repository",
  "deploy-judged": (f) => `judged the production deploy files: ${s(f.found)}`,
  "deploy-no-production": (f) =>
    `no production deploy file; judged the other environments' files: ${s(f.found)}`,
  "deploy-lenient": () =>
    "a quoted value's later lines are not indented past its key: read as the Docker SDK reads it (not valid YAML 1.2)",
  // Only a known kind is shown: evidence recorded by an older golive held the parser's message,
  // and that can quote a password from the file.
  "deploy-invalid": (f) =>
    f.found !== undefined && PARSE_ERROR_KINDS.has(f.found)
      ? `not valid YAML (${f.found})`
      : "not valid YAML",
  "deploy-value-present": (f) =>
    `${s(f.subject)}${f.found !== undefined ? ` = ${s(f.found)}` : " is set"}`,
  "deploy-value-missing": (f) =>
    f.result === "pass" ? `${s(f.subject)} is not set, as expected` : `${s(f.subject)} is not set`,
  "deploy-value-unexpected": (f) => `${s(f.subject)} is set but should not be`,
  "deploy-value-mismatch": (f) =>
    `${s(f.subject)} = ${s(f.found)}, expected to match ${s(f.expected)}`,
  "deploy-value-secret": (f) => `${s(f.subject)} is set (a secret: value not shown)`,
  "deploy-value-secret-mismatch": (f) =>
    `${s(f.subject)} does not match ${s(f.expected)} (a secret: value not shown)`,
  "text-found": () => "found",
  "text-not-found": (f) =>
    f.result === "pass"
      ? `nothing unwanted in ${s(f.subject)}`
      : `no match for ${s(f.expected)} in ${s(f.subject)}`,
  "text-unexpected": () => "has a line that should not be there",
  "ip-tracking-all": (f) => `real-ip.from on all ${s(f.found)} public endpoints`,
  "ip-tracking-missing": (f) =>
    `${s(f.subject)} has no real-ip.from${f.result === "fail" ? " (a storefront endpoint)" : ""}`,
  "ip-tracking-none": (f) => `none of ${s(f.found)} public endpoints has real-ip.from`,
  "no-public-endpoints": (f) =>
    `no ${f.subject ? s(f.subject) : "public"} endpoints in the deploy files`,
  "release-ok": (f) =>
    `${s(f.subject)} ${s(f.found)}${f.expected ? ` (newest known ${s(f.expected)})` : ""}`,
  "release-behind": (f) =>
    `${s(f.subject)} ${s(f.found)}, behind the newest release ${s(f.expected)}`,
  "release-too-old": (f) => `${s(f.subject)} ${s(f.found)}, expected ${s(f.expected)}`,
  "release-none": (f) =>
    f.found
      ? `no spryker-feature/* packages with a release version in production; ${s(f.subject)} ${s(f.found)} shows ${s(f.expected)} or newer, not which release`
      : "no spryker-feature/* packages with a release version in production, and spryker/kernel cannot tell the release",
  "release-list-stale": (f) =>
    `${s(f.subject)} ${s(f.found)}; the newest release golive knows is ${s(f.expected)}: a newer one may be out (--latest-release tells golive)`,
  "composer-releases": () => "Spryker packages installed at release versions",
  "composer-dev-version": (f) => `${s(f.subject)} is installed at ${s(f.found)}, not a release`,
  "composer-dev-tooling": (f) =>
    `${count(f.found, "development-only Spryker package")} at dev-* (packages-dev: not installed with --no-dev)`,
  "composer-hash-ok": () => "content-hash matches composer.json",
  "composer-hash-mismatch": () =>
    "content-hash does not match composer.json: the lock file is out of date",
  "composer-hash-unknown": (f) =>
    f.file === "composer.json" ? "no composer.json to compare" : "no content-hash to compare",
  "db-mariadb": (f) => `services.database: ${s(f.found)} (MariaDB)`,
  "db-mysql": (f) => `services.database: ${s(f.found)} is MySQL, not MariaDB`,
  "db-postgresql": (f) =>
    `services.database: ${s(f.found)} (PostgreSQL: MariaDB only if applicable)`,
  "db-unknown": (f) => `services.database engine ${f.found ? s(f.found) : "not set"}`,
  "split-app-missing": (f) => `no ${s(f.subject)} application`,
  "split-app-present": (f) => `${s(f.subject)} application`,
  "split-entry-point-missing": (f) =>
    `zed endpoint ${s(f.subject)} has no entry-point: Back Office, gateway and API in one application`,
  "split-entry-point-custom": (f) =>
    `zed endpoint ${s(f.subject)} runs an entry point of the project's own (${s(f.found)})`,
  "split-entry-point-ok": (f) => `zed endpoint ${s(f.subject)} has entry-point ${s(f.found)}`,
  "split-bootstrap-missing": () => "bootstrap missing",
  "split-bootstrap-present": () => "bootstrap present",
  "deploy-env-file": (f) => `environment file (${s(f.subject)})`,
  "deploy-lookalike": () => "not an environment file: the environment name is not a known one",
  "deploy-production-missing": (f) => `no production deploy file, expected ${s(f.expected)}`,
  "deploy-staging-missing": (f) => `no staging deploy file, expected ${s(f.expected)}`,
  "docker-sdk-tag": (f) => `Docker SDK release ${s(f.found)}`,
  "docker-sdk-commit": (f) => `Docker SDK commit ${s(f.found)}, not a release tag`,
  "docker-sdk-branch": (f) => `Docker SDK branch ${s(f.found)}, not a release tag`,
  "docker-sdk-floating": (f) =>
    `Docker SDK ${s(f.found)} moves under you, expected ${s(f.expected)}`,
  "docker-sdk-missing": () => "missing: the Docker SDK version is not pinned",
  "docker-sdk-empty": () => "is empty",
  "docker-sdk-lines": (f) => `has ${s(f.found)} lines; Spryker Cloud reads exactly one`,
  "docker-sdk-submodule": (f) =>
    `Docker SDK submodule pinned at commit ${s(f.found)}, not a release tag`,
  "docker-sdk-submodule-unpinned": () =>
    "names a docker submodule, but no docker commit is tracked",
  "docker-sdk-disagree": (f) =>
    `the docker submodule is pinned at ${s(f.found)}, .git.docker names ${s(f.expected)}: keep one pin`,
  "flysystem-ok": (f) =>
    `Aws3v3FilesystemBuilderPlugin with credentials from getenv (package ${s(f.found)})`,
  "flysystem-package-missing": (f) => `${s(f.subject)} is not installed`,
  "flysystem-not-configured": (f) => `no filesystem in ${s(f.subject)} uses ${s(f.expected)}`,
  "flysystem-local-only": () => "only LocalFilesystemBuilderPlugin: files stay on the local disk",
  "flysystem-not-s3": (f) => `files are stored with ${s(f.found)}, not in S3`,
  "flysystem-empty-credential": (f) => `S3 ${s(f.subject)} is an empty literal`,
  "flysystem-literal-credentials": (f) =>
    f.found === "fallback"
      ? `S3 ${s(f.subject)} falls back to a literal (getenv(...) ?: '...'; value not shown)`
      : `S3 ${s(f.subject)} is a literal (value not shown)`,
  "secret-private-key": (f) => `${s(f.subject)} (value not shown)`,
  "secret-config-literal": (f) => `${s(f.subject)} is a literal (value not shown)`,
  "secret-config-fallback": (f) =>
    `${s(f.subject)} falls back to a literal: getenv(...) ?: '...' (value not shown)`,
  "secret-array-literal": (f) => `${s(f.subject)} a literal (value not shown)`,
  "secret-unparsed-literal": (f) =>
    `${s(f.subject)} is a literal (value not shown; the file was read as text, without its PHP structure)`,
  "secret-deploy-literal": (f) =>
    `${s(f.subject)} is a literal (value not shown)${f.result === "warn" ? "; a local, CI or template file" : ""}`,
  "secret-auth-password": (f) =>
    `${s(f.subject)} is a literal (value not shown)${f.result === "warn" ? "; a local, CI or template file" : ""}`,
  "secret-env-literal": (f) =>
    `${s(f.subject)} has a value in a committed .env file (not shown)${f.result === "warn" ? "; a local, CI or test file" : ""}`,
  "secret-url-password": (f) =>
    `${s(f.subject)} holds a URL with a literal password (value not shown)${f.result === "warn" ? "; a local, CI or template file" : ""}`,
  "secret-provider-token": (f) => `${s(f.subject)} token (secretlint; value not shown)`,
  "secret-placeholder": (f) =>
    `${s(f.subject)} is a placeholder: set the real secret outside the repository`,
  "secret-scan-failed": () => "the provider-token scan (secretlint) could not run",
  "secrets-none": () => "no private keys or literal secrets found",
  "secrets-allowed": (f) => `${count(f.found, "reviewed finding")} silenced by ${s(f.subject)}`,
  "propel-migrations-present": (f) => `${count(f.found, "Propel migration")} committed`,
  "propel-migrations-missing": (f) => `no Propel migrations committed in ${s(f.subject)}`,
  "recipe-missing": (f) =>
    `production install recipe missing${f.subject ? ` (run by ${s(f.subject)})` : ""}`,
  "recipe-migrates": () => "production recipe runs propel:migrate",
  "recipe-no-migrate": () => "production recipe does not run propel:migrate",
  "recipe-diff": (f) =>
    `production recipe runs ${s(f.found)}: migrations are made on each deploy (Spryker's default)`,
  "recipe-destructive": (f) =>
    f.result === "warn"
      ? `the recipe Spryker Cloud runs by default runs ${s(f.found)}: it would delete or overwrite production data on every deploy`
      : `production recipe runs ${s(f.found)}: it deletes or overwrites production data on every deploy`,
  "recipe-unresolved": () =>
    "SPRYKER_HOOK_INSTALL runs no recipe golive can read (vendor/bin/install -r NAME)",
  "recipe-hook": (f) => `SPRYKER_HOOK_INSTALL runs ${s(f.found)}`,
  "recipe-default": (f) =>
    `no SPRYKER_HOOK_INSTALL: Spryker Cloud runs its default for region ${s(f.subject)}, ${s(f.found)}`,
  "recipe-safe": (f) => `production recipe (run by ${s(f.subject)}) exists and keeps the data`,
  "config-judged": (f) => `environment ${s(f.subject)}: read ${s(f.found)}`,
  "config-environment-unknown": (f) =>
    `${f.subject === "no-production-file" ? "no production deploy file, so no environment's own configuration" : "no production deploy file names an environment"}: read ${f.found ? s(f.found) : "no configuration (config/Shared/config_default.php is not there)"}`,
  "config-dynamic-include": () =>
    "requires a file whose path is built when PHP runs: golive does not follow it",
  "php-unreadable": (f) =>
    f.found === "too-large"
      ? "is larger than golive reads as PHP (512 KiB): not checked"
      : f.found === "too-deep"
        ? "is nested too deeply to read: not checked"
        : `is not valid PHP${f.expected ? ` (column ${f.expected})` : ""}: not checked`,
  "config-missing": () =>
    "is required by the production configuration but is not in the repository",
  "config-dev-environment": (f) => `environment: ${s(f.found)} is a development environment`,
  "config-dev-oauth-key": () => "production configuration uses the demo key dev_only_private.key",
  "config-debug-on": (f) => `${s(f.subject)} is switched on`,
  "config-production-ok": () =>
    "no development environment, demo OAuth key or debug switch in the production configuration",
  "deploy-cors-any": (f) => `${s(f.subject)} allows any origin (cors-allow-origin: '*')`,
  "deploy-blackfire": () => "Blackfire is enabled",
  "deploy-mail-catcher": (f) => `a mail catcher (${s(f.found)}) catches the shop's email`,
  "deploy-eol-php": (f) => `${s(f.subject)} has no security support since ${s(f.found)}`,
  "deploy-eol-search": (f) => `${s(f.subject)} is out of maintenance since ${s(f.found)}`,
  "deploy-production-clean": () =>
    "no open CORS, Blackfire, mail catcher or end-of-life PHP or search image",
  "job-scheduled": (f) => `${s(f.subject)} is scheduled (${s(f.found)})`,
  "job-disabled": (f) => `${s(f.subject)} is scheduled but disabled ('enable' => false)`,
  "job-missing": (f) => `${s(f.subject)} is not scheduled in Jenkins or the Symfony scheduler`,
  "auth-protected": (f) => `${s(f.subject)} behind ${s(f.found)} auth`,
  "auth-unprotected": (f) => `${s(f.subject)} has no basic auth`,
  "no-protected-apps": () => "no backoffice or merchant-portal endpoints in the deploy files",
  "storefront-auth-before-golive": (f) =>
    `${s(f.subject)} behind ${s(f.found)} auth: expected before go-live (${s(f.expected)})`,
  "storefront-auth-live": (f) => `${s(f.subject)} is still behind ${s(f.found)} auth after go-live`,
  "storefront-open": (f) => `${s(f.subject)} has no auth`,
  "no-production-deploy-file": () =>
    "no production deploy file (deploy.<project>-prod.yml, anywhere in the repository)",
  "sitemap-static": () => "static sitemap",
  "sitemap-job": (f) =>
    `spryker/sitemap ${s(f.found)} with a sitemap:generate job${f.subject === "symfony-scheduler" ? " (Symfony scheduler)" : ""}`,
  "sitemap-job-missing": () => "no sitemap:generate job",
  "sitemap-missing": (f) => `neither ${s(f.subject)} nor ${s(f.expected)}`,
  "robots-ok": () => "robots.txt with a Sitemap line",
  "robots-missing": () => "missing",
  "robots-empty": () => "is empty",
  "robots-disallow-all": () => "disallows everything",
  "robots-no-sitemap": () => "has no Sitemap: line",
  "demo-user": (f) => `demo user ${s(f.found)}`,
  "demo-customers": (f) =>
    `${count(f.found, "demo customer")} (@spryker.com, @ottom.de, @acme.com)`,
  "demo-import": (f) => `production recipe imports demo data${f.found ? ` (${s(f.found)})` : ""}`,
  "demo-data-none": () => "no demo users, customers or demo imports found",
};

const HINTS: Partial<Record<FindingCode, string>> = {
  ...PROBE_HINTS,
  "deploy-none": "add a production deploy file (deploy.<project>-prod.yml)",
  "file-missing": "add the file and commit it",
  "file-empty": "give the file its content",
  "file-unexpected": "remove the file from the repository (git rm)",
  "file-default": "replace the default file with your own",
  "composer-old": "composer update the package to the expected version",
  "deploy-value-missing": "set the value in the deploy file",
  "deploy-value-unexpected": "remove the value from the deploy file",
  "deploy-value-mismatch": "change the value in the deploy file",
  "deploy-value-secret-mismatch": "change the value in the environment's parameter store",
  "text-not-found": "add what the check looks for, or confirm the item by hand",
  "text-unexpected": "remove the matching lines",
  "ip-tracking-missing":
    "add `<<: *real-ip` (real-ip.from with your gateway CIDRs) to every public endpoint",
  "ip-tracking-none": "define real-ip.from with your gateway CIDRs on every public endpoint",
  "release-behind": "plan an upgrade to the newest Spryker release",
  "release-too-old":
    "upgrade to Spryker release 202009.0 or newer (the spryker-feature packages, or the core modules before them)",
  "release-none": "confirm the release by hand",
  "release-list-stale":
    "check Spryker's release notes, and pass the newest release with --latest-release (or update golive)",
  "composer-dev-version": "require a release version of the package and composer update it",
  "composer-hash-mismatch":
    "run composer update --lock (or composer update) and commit composer.lock",
  "db-mysql": "set services.database to engine: mysql, version: mariadb-10.x",
  "db-postgresql":
    "MariaDB applies only if your project can move; otherwise mark APP-04 not applicable",
  "split-entry-point-missing":
    "split the Back Office out of zed: add backoffice and backend-gateway applications, and a zed endpoint with `entry-point: BackendApi` for the API",
  "split-app-missing": "follow the guide to separate endpoint bootstraps",
  "split-bootstrap-missing": "add the bootstrap files from the integration guide",
  "deploy-production-missing": "add deploy.<project>-prod.yml",
  "deploy-staging-missing": "add deploy.<project>-staging.yml",
  "docker-sdk-missing":
    "write a Docker SDK release tag (like 1.65.0) into .git.docker and commit it",
  "docker-sdk-empty": "write a Docker SDK release tag (like 1.65.0) into .git.docker",
  "docker-sdk-lines": "leave one line in .git.docker: the release tag",
  "docker-sdk-floating": "pin a release tag (like 1.65.0) in .git.docker",
  "docker-sdk-commit": "pin a release tag rather than a commit",
  "docker-sdk-branch": "pin a release tag rather than a branch",
  "docker-sdk-submodule":
    "check the submodule out at a release tag (like 1.65.0), or pin the tag in .git.docker",
  "docker-sdk-submodule-unpinned":
    "commit the docker submodule at a release, or pin a tag in .git.docker",
  "docker-sdk-disagree": "keep one pin: the submodule or .git.docker, at the same release",
  "flysystem-package-missing": "composer require spryker/flysystem-aws3v3-file-system",
  "flysystem-not-configured":
    "configure a filesystem with Aws3v3FilesystemBuilderPlugin in config_default.php",
  "flysystem-local-only": "store files in S3 with Aws3v3FilesystemBuilderPlugin",
  "flysystem-not-s3":
    "store files in S3 with Aws3v3FilesystemBuilderPlugin (Spryker Cloud's file storage), credentials from getenv()",
  "flysystem-empty-credential": "read the S3 key, secret and bucket with getenv()",
  "flysystem-literal-credentials": "read the S3 key, secret and bucket with getenv()",
  "secret-private-key":
    "remove the key, rotate it, and load it from the environment; or allow-list it in golive.yaml (verify.allow) once reviewed",
  "secret-config-literal":
    "read the value with getenv() and rotate the secret; or allow-list it in golive.yaml (verify.allow) once reviewed",
  "secret-deploy-literal":
    "move the secret to the environment's parameter store and rotate it; or allow-list it in golive.yaml (verify.allow)",
  "secret-auth-password":
    "move the password out of the deploy file and rotate it; or allow-list it in golive.yaml (verify.allow)",
  "secret-config-fallback":
    "drop the literal fallback (getenv(...) ?: '...'), set the variable and rotate the secret",
  "secret-array-literal":
    "read the value with getenv() and rotate the secret; or allow-list it in golive.yaml (verify.allow) once reviewed",
  "secret-unparsed-literal":
    "read the value with getenv() and rotate the secret; and make the file valid PHP golive can read (under 512 KiB, not nested thousands deep)",
  "secret-env-literal": "remove the .env file from git (git rm --cached) and rotate its secrets",
  "secret-url-password":
    "take the password out of the URL (read it, or the whole URL, from the environment) and rotate it; or allow-list it in golive.yaml (verify.allow) once reviewed",
  "secret-provider-token":
    "revoke the token at its provider, remove it and load it from the environment",
  "secret-placeholder": "keep the real value in the environment's parameter store, not in the file",
  "propel-migrations-missing": "run propel:diff locally and commit src/Orm/Propel/Migration_*/",
  "recipe-missing":
    "add the recipe (config/install/EU/production.yml is what the cloud runs without a hook), or point SPRYKER_HOOK_INSTALL at yours",
  "recipe-no-migrate": "run `vendor/bin/console propel:migrate` in the production install recipe",
  "recipe-diff":
    "commit the migrations (propel:diff locally) and let the production recipe only run propel:migrate",
  "recipe-destructive":
    "move the step to the destructive recipe (SPRYKER_HOOK_DESTRUCTIVE_INSTALL), out of the normal deploy",
  "recipe-unresolved":
    "run `vendor/bin/install -r NAME` in SPRYKER_HOOK_INSTALL, or check the recipe it runs by hand",
  "config-dev-environment": "set environment: to the production environment (like docker.prod)",
  "config-dev-oauth-key":
    "load the OAuth private key from the environment (SPRYKER_OAUTH_KEY_PRIVATE)",
  "config-debug-on": "switch debug and the web profiler off in the production configuration",
  "config-missing": "commit the required file, or remove the require",
  "deploy-cors-any": "name the storefront's origins in cors-allow-origin",
  "deploy-blackfire": "remove Blackfire from the production deploy file",
  "deploy-mail-catcher": "remove the mail catcher from the production deploy file",
  "deploy-eol-php": "move the image to a supported PHP version",
  "deploy-eol-search": "move the search service to a maintained version",
  "job-missing":
    "schedule the job in config/Zed/cronjobs/jenkins.php or SymfonySchedulerConfig.php",
  "job-disabled": "enable the job ('enable' => true)",
  "auth-unprotected": "put the Back Office behind basic auth where it fits your project (CLO-05)",
  "storefront-auth-live": "remove auth from the production yves endpoints and deploy",
  "no-production-deploy-file": "add deploy.<project>-prod.yml",
  "sitemap-missing":
    "install spryker/sitemap and schedule sitemap:generate, or commit public/Yves/sitemap.xml",
  "sitemap-job-missing":
    "schedule sitemap:generate in config/Zed/cronjobs/jenkins.php or SymfonySchedulerConfig.php",
  "robots-missing": "add public/Yves/robots.txt",
  "robots-empty": "write the crawler rules into public/Yves/robots.txt",
  "robots-disallow-all": "allow crawlers into the live shop",
  "robots-no-sitemap": "add a `Sitemap: https://.../sitemap.xml` line",
  "demo-user": "remove the demo users from getInstallerUsers and the ACL config",
  "demo-customers": "remove the demo customers from the import files",
  "demo-import": "import production data only (data:import --config=data/import/production/...)",
  "db-unknown": "set services.database in the deploy file",
};

export function findingMessage(f: Finding): string {
  return MESSAGES[f.code](f);
}

export function findingLocation(f: Finding): string | undefined {
  if (f.file === undefined) return undefined;
  if (f.line === undefined) return f.file;
  return f.col === undefined ? `${f.file}:${f.line}` : `${f.file}:${f.line}:${f.col}`;
}

export function verdictHint(v: ItemVerdict): string | undefined {
  if (v.result === "pass") return undefined;
  if (v.hint) return v.hint;
  if (v.result === "unknown") return "the files cannot tell: confirm by hand";
  return v.findings
    .filter((f) => f.result === v.result)
    .map((f) => HINTS[f.code])
    .find((h) => h !== undefined);
}

/** One line for the reports: plain text, not escaped for a terminal. */
export function verdictSummary(v: ItemVerdict): string {
  const f = decidingFinding(v);
  if (!f) return "no evidence";
  const more = v.findings.filter(
    (x) => x.result === v.result && x !== f && !CONTEXT_CODES.has(x.code),
  ).length;
  return findingLine(f, more);
}

function findingLine(f: Finding, more: number): string {
  const where = findingLocation(f);
  return `${where ? `${where}: ` : ""}${findingMessage(f)}${more > 0 ? ` (+${more} more)` : ""}`;
}

/** Whether this golive has words for a finding code (golive.yaml may hold any, or a retired one). */
export function knownFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(MESSAGES, code);
}

/**
 * Recorded evidence in words, made when it is shown: from its code and arguments, or the words
 * golive 1.0 stored; a code this golive does not know (retired, or from a newer golive) is said
 * to be so, and status re-runs its checks (work/evidence-inputs.ts).
 */
export function evidenceSummary(e: Evidence): string {
  if (e.code === undefined) return e.summary ?? "no evidence";
  if (!knownFindingCode(e.code))
    return (
      e.summary ?? "a finding this golive does not know: record it again (golive verify --record)"
    );
  return findingLine({ code: e.code as FindingCode, result: e.result, ...e.args }, e.more ?? 0);
}

/**
 * Why recorded evidence is stale, in the standup's words: the two results, and when they are
 * the same, the findings that differ (`recorded unknown (release-none) on ..., the repository
 * now says unknown (composer-lock-unreadable)`), so the line never reads as no change at all.
 */
export function staleEvidenceWords(e: Evidence, now: ItemVerdict | undefined): string {
  if (now === undefined) return `recorded ${e.result} on ${e.at.slice(0, 10)}`;
  const current = decidingFinding(now)?.code;
  // golive.yaml's code is text anyone may edit: shown only when it is one of golive's own.
  const recorded = e.code !== undefined && knownFindingCode(e.code) ? e.code : undefined;
  const same = now.result === e.result && current !== e.code;
  const was = same && recorded !== undefined ? `${e.result} (${recorded})` : e.result;
  const is = same && current !== undefined ? `${now.result} (${current})` : now.result;
  return `recorded ${was} on ${e.at.slice(0, 10)}, the repository now says ${is}`;
}
