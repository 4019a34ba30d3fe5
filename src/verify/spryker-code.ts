/**
 * Named Spryker rules that read code, configuration, install recipes and static files.
 */

import robotsParserModule from "robots-parser";
import { pushAll } from "../core/arrays.js";
import type { Finding } from "../core/verdict.js";
import { compareVersions, composerContentHash, parseVersion } from "./composer.js";
import type { Facts, ProductionRecipe } from "./facts.js";
import { lineAt } from "./generic.js";
import { filesMatching } from "./glob.js";
import { DESTRUCTIVE_STEPS, demoImport } from "./install.js";
import { isOn, kindOf, literalLine } from "./php-ast.js";
import { finalConfig, lineOf, statements, stripPhpComments } from "./php-config.js";
import {
  latestReleaseOn,
  MINIMUM_RELEASE,
  releaseListStale,
  STALE_MONTHS,
} from "./spryker-releases.js";
import { child, childIn, scalarText } from "./yaml-tree.js";

/** Vendors whose packages are Spryker's own. */
const SPRYKER_VENDOR = /^(?:spryker|spryker-shop|spryker-feature|spryker-eco|spryker-sdk)\//;

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
  const latest = facts.ctx.latestRelease ?? latestReleaseOn(facts.ctx.today)?.version;
  if (latest && compareVersions(oldest.parsed, parseVersion(latest)!) < 0)
    return [{ code: "release-behind", result: "warn", ...at, expected: latest }];
  // Months after the newest release golive knows, a newer one it does not know is likely.
  const stale =
    facts.ctx.latestRelease === undefined ? releaseListStale(facts.ctx.today) : undefined;
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

/**
 * APP-08: the Docker SDK is pinned: `.git.docker` with a release tag, or a `docker` git
 * submodule (a pinned commit); when both are there they must agree.
 */
export function dockerSdk(facts: Facts): Finding[] {
  const file = ".git.docker";
  const text = facts.text(file);
  const pin = facts.submodule("docker");
  const modules = facts.text(".gitmodules");
  const declared = modules ? /^\s*path\s*=\s*docker\s*$/m.exec(modules) : null;
  const submodule: Finding | undefined = pin
    ? {
        code: "docker-sdk-submodule",
        result: "warn",
        file: "docker",
        found: pin,
        expected: "a release tag like 1.65.0",
      }
    : undefined;
  if (text === undefined) {
    if (submodule) return [submodule];
    if (declared)
      return [
        {
          code: "docker-sdk-submodule-unpinned",
          result: "fail",
          file: ".gitmodules",
          line: lineAt(modules!, declared.index),
        },
      ];
    return [{ code: "docker-sdk-missing", result: "fail", file }];
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) return [{ code: "docker-sdk-empty", result: "fail", file }];
  if (lines.length > 1)
    return [{ code: "docker-sdk-lines", result: "fail", file, found: `${lines.length}` }];
  const ref = lines[0]!;
  const at = { file, line: 1, found: ref };
  const findings: Finding[] = [];
  if (/^v?\d+\.\d+\.\d+$/.test(ref))
    findings.push({ code: "docker-sdk-tag", result: "pass", ...at });
  else if (/^[0-9a-f]{40}$/i.test(ref))
    findings.push({
      code: "docker-sdk-commit",
      result: "warn",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  else if (ref === "master" || ref === "main" || /^\d+(\.\d+)?\.x$/.test(ref))
    findings.push({
      code: "docker-sdk-floating",
      result: "fail",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  else
    findings.push({
      code: "docker-sdk-branch",
      result: "warn",
      ...at,
      expected: "a release tag like 1.65.0",
    });
  if (pin && pin.toLowerCase() !== ref.toLowerCase())
    findings.push({
      code: "docker-sdk-disagree",
      result: "warn",
      file: "docker",
      found: pin,
      expected: ref,
    });
  return findings;
}

// ---------------------------------------------------------------------------------------------
// APP-09: FlySystem on S3, credentials from the environment, in the configuration production
// loads (in the order it loads it), read as PHP: every array that names a filesystem adapter
// (`'sprykerAdapterClass' => X::class`), however it is built.

const AWS_ADAPTER = /^(Iam)?Aws3v3FilesystemBuilderPlugin$/;
const LOCAL_ADAPTER = "LocalFilesystemBuilderPlugin";

export function flysystem(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  const { loads, notes } = facts.config();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let aws: { file: string; line: number } | undefined;
  let local: { file: string; line: number } | undefined;
  /** Adapters that are neither S3 nor the local disk (FTP, SFTP, Azure, ...), first of each. */
  const other = new Map<string, { file: string; line: number }>();
  for (const load of loads) {
    for (const fs of load.filesystems) {
      const key = `${fs.file}:${fs.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = { file: fs.file, line: fs.line };
      const m = AWS_ADAPTER.exec(fs.adapter);
      if (!m) {
        if (fs.adapter === LOCAL_ADAPTER) local ??= at;
        else if (!other.has(fs.adapter)) other.set(fs.adapter, at);
        continue;
      }
      aws ??= at;
      // With the IAM adapter the role gives access: key and secret may well be empty, but a
      // literal one is still a committed credential.
      const iam = m[1] === "Iam";
      for (const name of ["key", "secret", "bucket"]) {
        const entry = fs.entries.get(name);
        if (!entry) continue;
        const kind = kindOf(entry.value);
        const where = { file: fs.file, line: literalLine(entry.value), subject: name };
        const keyless = iam && name !== "bucket";
        if (kind === "empty") {
          if (!keyless)
            findings.push({ code: "flysystem-empty-credential", result: "warn", ...where });
        } else if (name !== "bucket" && (kind === "literal" || kind === "fallback"))
          findings.push({
            code: "flysystem-literal-credentials",
            result: "fail",
            ...where,
            found: kind,
            expected: "getenv('...')",
          });
        else if (name !== "bucket" && kind === "placeholder" && !keyless)
          findings.push({ code: "flysystem-empty-credential", result: "warn", ...where });
      }
    }
  }
  const pkgName = "spryker/flysystem-aws3v3-file-system";
  const pkg = lock?.packages.get(pkgName);
  if (!aws) {
    // Another adapter than the local disk is configured: say which, not "only local".
    const [adapter, at] = [...other][0] ?? [];
    if (adapter && at)
      return [
        ...notes,
        {
          code: "flysystem-not-s3",
          result: "warn",
          ...at,
          found: [...other.keys()].join(", "),
          expected: "Aws3v3FilesystemBuilderPlugin",
        },
      ];
    if (local)
      return [
        ...notes,
        {
          code: "flysystem-local-only",
          result: "warn",
          ...local,
          expected: "Aws3v3FilesystemBuilderPlugin",
        },
      ];
    return [
      ...notes,
      {
        code: "flysystem-not-configured",
        result: notes.some((n) => n.code === "php-unreadable") ? "unknown" : "fail",
        subject: loads.flatMap((l) => l.files).join(", ") || "config/Shared/config_default.php",
        expected: "Aws3v3FilesystemBuilderPlugin",
      },
    ];
  }
  if (!pkg)
    return [
      ...notes,
      problem ?? {
        code: "flysystem-package-missing",
        result: "fail",
        file: "composer.lock",
        subject: pkgName,
      },
    ];
  if (findings.length > 0) return [...notes, ...findings];
  return [...notes, { code: "flysystem-ok", result: "pass", ...aws, found: pkg.version }];
}

// ---------------------------------------------------------------------------------------------
// APP-16: what the production configuration must not switch on.

/**
 * Settings that must be off in production, by the end of the constant's name. DISPLAY_ERRORS
 * (ErrorHandlerConstants) prints errors, with their stack traces, to visitors.
 */
const DEBUG_SWITCH =
  /(?:DEBUG|WEB_PROFILER_ENABLED|PRETTY_ERROR_HANDLER_ENABLED|ERROR_404_STACK_TRACE|SHOW_EXTENDED_EXCEPTION|DISPLAY_ERRORS)(?:_ENABLED)?$/;

export function productionConfig(facts: Facts): Finding[] {
  const scope = facts.production();
  const { loads, notes } = facts.config();
  const findings: Finding[] = [...notes];
  if (scope.basis === "production") {
    for (const f of scope.files) {
      const env = child(f.tree, "environment");
      const name = scalarText(env);
      if (name !== undefined && /(?:^|[.\-_])(?:dev|development|local)(?:$|[.\-_])/i.test(name))
        findings.push({
          code: "config-dev-environment",
          result: "fail",
          file: f.file,
          line: env!.line,
          found: name,
          expected: "a production environment (like docker.prod)",
        });
      const debug = childIn(f.tree, ["docker", "debug", "enabled"]);
      if (scalarText(debug) === "true")
        findings.push({
          code: "config-debug-on",
          result: "fail",
          file: f.file,
          line: debug!.line,
          subject: "docker.debug.enabled",
        });
    }
  } else {
    findings.push({ code: "no-production-deploy-file", result: "unknown" });
  }
  for (const load of loads) {
    for (const at of load.devKeys)
      findings.push({
        code: "config-dev-oauth-key",
        result: "fail",
        ...at,
        expected: "SPRYKER_OAUTH_KEY_PRIVATE from the environment",
      });
    // The last assignment of a setting is the one production runs: a switch turned on in
    // config_default.php and off in the environment's file is off.
    for (const a of finalConfig(load).values()) {
      if (a.names.length !== 1 || !DEBUG_SWITCH.test(a.names[0]!)) continue;
      if (isOn(a.value))
        findings.push({
          code: "config-debug-on",
          result: "fail",
          file: a.file,
          line: a.line,
          subject: a.written.slice(1, -1),
        });
    }
  }
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const k = `${f.code}:${f.file}:${f.line}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (!unique.some((f) => f.result !== "pass"))
    unique.push({ code: "config-production-ok", result: "pass" });
  return unique;
}

// ---------------------------------------------------------------------------------------------
// Install recipes: APP-28 (the database), CLO-11 (a production deploy that keeps its data).

function recipesOrNone(facts: Facts): { recipes: ProductionRecipe[]; findings: Finding[] } {
  const set = facts.recipes();
  const findings: Finding[] = [...set.notes];
  // Which rule chose each recipe: the hook, or the cloud's default for the file's region.
  for (const ref of set.chosen) {
    if (ref.file === undefined) continue;
    const at = ref.from ? { line: ref.from.line } : {};
    findings.push(
      ref.via === "hook"
        ? { code: "recipe-hook", result: "pass", file: ref.deployFile, ...at, found: ref.file }
        : {
            code: "recipe-default",
            result: "pass",
            file: ref.deployFile,
            ...at,
            subject: ref.region ?? "EU",
            found: ref.file,
          },
    );
  }
  for (const u of set.unresolved)
    findings.push({
      code: "recipe-unresolved",
      result: "unknown",
      ...(u.from ? { file: u.from.file, line: u.from.line } : {}),
    });
  if (
    set.recipes.length === 0 &&
    set.unresolved.length === 0 &&
    set.notes.every((n) => n.result === "pass")
  )
    findings.push({ code: "deploy-none", result: "unknown" });
  for (const r of set.recipes) {
    if (!r.exists)
      findings.push({
        code: "recipe-missing",
        result: "fail",
        file: r.file,
        subject: r.from ? `${r.from.file}:${r.from.line}` : r.deployFiles.join(", "),
      });
    else if (r.commands === undefined)
      findings.push({ code: "file-unreadable", result: "unknown", file: r.file });
  }
  return { recipes: set.recipes.filter((r) => r.commands !== undefined), findings };
}

function destructiveSteps(recipes: readonly ProductionRecipe[]): Finding[] {
  const out: Finding[] = [];
  for (const r of recipes)
    for (const c of r.commands!)
      for (const step of DESTRUCTIVE_STEPS)
        if (step.test(c.text))
          out.push({
            code: "recipe-destructive",
            result: "fail",
            file: r.file,
            line: c.line,
            found: step.name,
          });
  return out;
}

/** CLO-11: the recipes the production deploy files name exist, and keep production's data. */
export function installRecipe(facts: Facts): Finding[] {
  const { recipes, findings } = recipesOrNone(facts);
  pushAll(findings, destructiveSteps(recipes));
  if (!findings.some((f) => f.result !== "pass"))
    for (const r of recipes)
      findings.push({
        code: "recipe-safe",
        result: "pass",
        file: r.file,
        subject: r.deployFiles.join(", "),
      });
  return findings;
}

/**
 * APP-28: committed Propel migrations, applied by the production recipe. Spryker's default
 * recipe makes them on each deploy (migration delete, diff, migrate): a warning, since the item
 * asks for a way to build the database, "for instance" from committed migrations. Destructive
 * steps fail, each with its line.
 */
export function propelMigrations(facts: Facts): Finding[] {
  const { recipes, findings } = recipesOrNone(facts);
  const migrations = filesMatching(facts.files, "src/Orm/Propel/**/Migration_{mysql,pgsql}/*.php");
  let diffs = recipes.length > 0;
  for (const r of recipes) {
    const lines = r.commands!;
    const diff = lines.filter((l) => /propel:diff\b/.test(l.text));
    for (const l of diff)
      findings.push({
        code: "recipe-diff",
        result: "warn",
        file: r.file,
        line: l.line,
        found: "propel:diff",
      });
    diffs &&= diff.length > 0;
    const migrate = lines.find((l) => /propel:migrate\b/.test(l.text));
    findings.push(
      migrate
        ? { code: "recipe-migrates", result: "pass", file: r.file, line: migrate.line }
        : { code: "recipe-no-migrate", result: "fail", file: r.file, expected: "propel:migrate" },
    );
  }
  pushAll(findings, destructiveSteps(recipes));
  findings.unshift(
    migrations.length > 0
      ? {
          code: "propel-migrations-present",
          result: "pass",
          file: migrations[0]!,
          found: `${migrations.length}`,
        }
      : {
          code: "propel-migrations-missing",
          // Made on each deploy by the recipe: the default, a warning; nothing to migrate: a failure.
          result: diffs ? "warn" : recipes.length > 0 ? "fail" : "unknown",
          subject: "src/Orm/Propel/Migration_mysql/ or Migration_pgsql/",
        },
  );
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Scheduled jobs: Jenkins (config/Zed/cronjobs/jenkins.php) or the Symfony scheduler
// (SymfonySchedulerConfig.php, whose jobs Jenkins runs through the compiled-cron-scheduler).

interface ScheduledJob {
  file: string;
  line: number;
  via: "jenkins" | "symfony-scheduler";
  enabled: boolean;
}

function scheduleFiles(facts: Facts): { file: string; via: ScheduledJob["via"] }[] {
  return [
    ...filesMatching(facts.files, "config/Zed/cronjobs/*.php").map((file) => ({
      file,
      via: "jenkins" as const,
    })),
    ...filesMatching(facts.files, "src/**/SymfonySchedulerConfig.php").map((file) => ({
      file,
      via: "symfony-scheduler" as const,
    })),
  ];
}

/** The `[ ... ]` around `offset` in `text`: the job's settings. */
function enclosingArray(text: string, offset: number): { start: number; end: number } | undefined {
  let depth = 0;
  let start = -1;
  for (let i = offset; i >= 0; i--) {
    const c = text[i];
    if (c === "]") depth++;
    else if (c === "[") {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  if (start === -1) return undefined;
  depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return { start, end: i + 1 };
  }
  return undefined;
}

/** Where `command` is scheduled, enabled ones first; comments do not count. */
function scheduled(facts: Facts, command: string): ScheduledJob | undefined {
  const re = new RegExp(`\\b${command.replace(/[:.]/g, "\\$&")}(?![\\w:-])`);
  let disabled: ScheduledJob | undefined;
  for (const { file, via } of scheduleFiles(facts)) {
    const text = facts.text(file);
    if (text === undefined) continue;
    const lines = stripPhpComments(text)
      .split("\n")
      .map((code, i) => ({ file, line: i + 1, code }));
    for (const st of statements(lines)) {
      // One job per `$jobs[] = [...]`, or per `'name' => [...]` entry of the scheduler's list.
      for (const m of st.text.matchAll(new RegExp(re.source, "g"))) {
        const job = enclosingArray(st.text, m.index);
        const body = job ? st.text.slice(job.start, job.end) : st.text;
        const enabled = !/['"]enable['"]\s*=>\s*false/.test(body);
        const found = { file, line: lineOf(st, m.index), via, enabled };
        if (enabled) return found;
        disabled ??= found;
      }
    }
  }
  return disabled;
}

/**
 * APP-14: the jobs every shop needs are scheduled. `sitemap:generate` only where the command
 * exists (`spryker/sitemap` is installed) and no static sitemap is committed: scheduling a
 * command that does not exist would break Jenkins.
 */
export function schedulerJobs(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  const staticSitemap =
    facts.has("public/Yves/sitemap.xml") ||
    facts.composer().lock?.packages.get("spryker/sitemap") === undefined;
  for (const command of [
    "oms:check-condition",
    "oms:check-timeout",
    "queue:worker:start",
    "sitemap:generate",
  ]) {
    if (command === "sitemap:generate" && staticSitemap) continue;
    const job = scheduled(facts, command);
    if (!job)
      findings.push({
        code: "job-missing",
        result: "fail",
        subject: command,
        expected: "config/Zed/cronjobs/jenkins.php or SymfonySchedulerConfig.php",
      });
    else
      findings.push({
        code: job.enabled ? "job-scheduled" : "job-disabled",
        result: job.enabled ? "pass" : "fail",
        file: job.file,
        line: job.line,
        subject: command,
        found: job.via,
      });
  }
  return findings;
}

/** SEO-03: a generated sitemap (package + job, in Jenkins or the Symfony scheduler) or a static one. */
export function sitemap(facts: Facts): Finding[] {
  const file = "public/Yves/sitemap.xml";
  if (facts.has(file)) return [{ code: "sitemap-static", result: "pass", file }];
  const pkg = facts.composer().lock?.packages.get("spryker/sitemap");
  if (!pkg)
    return [
      { code: "sitemap-missing", result: "fail", subject: "spryker/sitemap", expected: file },
    ];
  const job = scheduled(facts, "sitemap:generate");
  if (job?.enabled)
    return [
      {
        code: "sitemap-job",
        result: "pass",
        file: job.file,
        line: job.line,
        subject: job.via,
        found: pkg.version,
      },
    ];
  return [
    {
      code: job ? "job-disabled" : "sitemap-job-missing",
      result: "fail",
      ...(job ? { file: job.file, line: job.line } : { file: "config/Zed/cronjobs/jenkins.php" }),
      subject: "sitemap:generate",
      expected: "sitemap:generate",
    },
  ];
}

// ---------------------------------------------------------------------------------------------

// robots-parser is CommonJS and its types declare an ES default export: at run time the default
// import is the function itself, to TypeScript it is the module.
const robotsParser = ((robotsParserModule as { default?: unknown }).default ??
  robotsParserModule) as typeof robotsParserModule.default;

/**
 * SEO-04: a robots.txt that lets crawlers in and names the sitemap, read with robots-parser
 * (RFC 9309). "Disallows everything" means the `User-agent: *` group disallows `/`: a group for
 * a named bot does not count.
 */
export function robots(facts: Facts): Finding[] {
  const file = "public/Yves/robots.txt";
  if (!facts.has(file)) return [{ code: "robots-missing", result: "fail", file }];
  const text = facts.text(file);
  if (text === undefined) return [{ code: "file-unreadable", result: "unknown", file }];
  if (text.split("\n").every((l) => l.replace(/#.*/, "").trim() === ""))
    return [{ code: "robots-empty", result: "fail", file }];
  const url = "https://shop.invalid/";
  const parsed = robotsParser(`${url}robots.txt`, text);
  // A name no group uses: the answer is the `*` group's (or, without one, everything allowed).
  const anyCrawler = "GoliveVerifyAnyCrawler";
  const findings: Finding[] = [];
  if (parsed.isDisallowed(url, anyCrawler)) {
    const line = parsed.getMatchingLineNumber(url, anyCrawler);
    findings.push({
      code: "robots-disallow-all",
      result: "warn",
      file,
      ...(line > 0 ? { line } : {}),
      found: "Disallow: /",
    });
  }
  if (parsed.getSitemaps().length === 0)
    findings.push({
      code: "robots-no-sitemap",
      result: "warn",
      file,
      expected: "Sitemap: https://...",
    });
  return findings.length > 0 ? findings : [{ code: "robots-ok", result: "pass", file }];
}

/** DAT-02: demo users, demo customers and demo imports. */
const DEMO_ADMINS = /admin(?:_de)?@spryker\.com/;
/** The demo shops' customers: B2C at spryker.com and ottom.de, B2B at acme.com. */
const DEMO_CUSTOMERS = /@(?:spryker\.com|ottom\.de|acme\.com)(?![\w.-])/;

export function demoData(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  for (const file of ["src/Pyz/Zed/User/UserConfig.php", "src/Pyz/Zed/Acl/AclConfig.php"]) {
    const text = facts.text(file);
    if (text === undefined) continue;
    text.split("\n").forEach((l, i) => {
      const m = DEMO_ADMINS.exec(l);
      if (m) findings.push({ code: "demo-user", result: "fail", file, line: i + 1, found: m[0] });
    });
  }
  for (const file of filesMatching(facts.files, "data/import/**/customer.csv")) {
    const text = facts.text(file);
    if (text === undefined || !DEMO_CUSTOMERS.test(text)) continue;
    const lines = text.split("\n");
    const first = lines.findIndex((l) => DEMO_CUSTOMERS.test(l));
    const count = lines.filter((l) => DEMO_CUSTOMERS.test(l)).length;
    findings.push({
      code: "demo-customers",
      result: "fail",
      file,
      line: first + 1,
      found: `${count}`,
    });
  }
  for (const r of facts.recipes().recipes) {
    for (const c of r.commands ?? []) {
      const demo = demoImport(c.text);
      if (demo)
        findings.push({
          code: "demo-import",
          result: "fail",
          file: r.file,
          line: c.line,
          ...(demo.config ? { found: demo.config } : {}),
        });
    }
  }
  return findings.length > 0 ? findings : [{ code: "demo-data-none", result: "pass" }];
}
