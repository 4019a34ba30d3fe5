/**
 * Named Spryker rules that read code, configuration and static files.
 */

import type { Finding } from "../core/verdict.js";
import { compilePattern } from "../schema/pattern.js";
import { compareVersions, parseVersion } from "./composer.js";
import type { Facts } from "./facts.js";
import { lineAt } from "./generic.js";
import { filesMatching, matchGlob } from "./glob.js";
import { latestReleaseOn, MINIMUM_RELEASE } from "./spryker-releases.js";
import { childIn, eachEntry, scalarText, type Tree } from "./yaml-tree.js";

/** APP-02: the `spryker-feature/*` packages' release. */
export function release(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  if (!lock) return [problem!];
  let oldest: { name: string; version: string; line: number; parsed: number[] } | undefined;
  for (const pkg of lock.packages.values()) {
    if (!pkg.name.startsWith("spryker-feature/")) continue;
    // dev-master, branch aliases and the like say nothing about the release.
    if (!/^v?\d{6}\.\d+/.test(pkg.version)) continue;
    const parsed = parseVersion(pkg.version.replace(/-p\d+$/, ""));
    if (!parsed) continue;
    if (!oldest || compareVersions(parsed, oldest.parsed) < 0) oldest = { ...pkg, parsed };
  }
  if (!oldest) return [{ code: "release-none", result: "unknown", file: "composer.lock" }];
  const at = {
    file: "composer.lock",
    line: oldest.line,
    subject: oldest.name,
    found: oldest.version,
  };
  if (compareVersions(oldest.parsed, parseVersion(MINIMUM_RELEASE)!) < 0)
    return [{ code: "release-too-old", result: "fail", ...at, expected: `>= ${MINIMUM_RELEASE}` }];
  const latest = facts.ctx.latestRelease ?? latestReleaseOn(facts.ctx.today);
  if (latest && compareVersions(oldest.parsed, parseVersion(latest)!) < 0)
    return [{ code: "release-behind", result: "warn", ...at, expected: latest }];
  return [{ code: "release-ok", result: "pass", ...at, ...(latest ? { expected: latest } : {}) }];
}

/** APP-08: `.git.docker` pins a Docker SDK release. */
export function dockerSdk(facts: Facts): Finding[] {
  const file = ".git.docker";
  const text = facts.text(file);
  if (text === undefined) {
    const submodule = facts.text(".gitmodules");
    if (submodule && /path\s*=\s*docker\b/.test(submodule))
      return [
        {
          code: "docker-sdk-submodule",
          result: "fail",
          file: ".gitmodules",
          line: lineAt(submodule, submodule.search(/path\s*=\s*docker\b/)),
          expected: ".git.docker",
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
  if (/^v?\d+\.\d+\.\d+$/.test(ref)) return [{ code: "docker-sdk-tag", result: "pass", ...at }];
  if (/^[0-9a-f]{40}$/i.test(ref))
    return [
      { code: "docker-sdk-commit", result: "warn", ...at, expected: "a release tag like 1.65.0" },
    ];
  if (ref === "master" || ref === "main" || /^\d+(\.\d+)?\.x$/.test(ref))
    return [
      { code: "docker-sdk-floating", result: "fail", ...at, expected: "a release tag like 1.65.0" },
    ];
  return [
    { code: "docker-sdk-branch", result: "warn", ...at, expected: "a release tag like 1.65.0" },
  ];
}

/** APP-09: files in S3 through the FlySystem AWS adapter, credentials from the environment. */
export function flysystem(facts: Facts): Finding[] {
  const { lock, problem } = facts.composer();
  const configs = filesMatching(facts.files, "config/Shared/config_default*.php");
  let aws: { file: string; line: number; text: string } | undefined;
  let local: { file: string; line: number } | undefined;
  for (const file of configs) {
    const text = facts.text(file);
    if (text === undefined) continue;
    const a = text.indexOf("Aws3v3FilesystemBuilderPlugin");
    if (a !== -1 && !aws) aws = { file, line: lineAt(text, a), text };
    const l = text.indexOf("LocalFilesystemBuilderPlugin");
    if (l !== -1 && !local) local = { file, line: lineAt(text, l) };
  }
  const pkgName = "spryker/flysystem-aws3v3-file-system";
  const pkg = lock?.packages.get(pkgName);
  if (!aws) {
    if (local)
      return [
        {
          code: "flysystem-local-only",
          result: "warn",
          ...local,
          expected: "Aws3v3FilesystemBuilderPlugin",
        },
      ];
    return [
      {
        code: "flysystem-not-configured",
        result: "fail",
        subject: "config/Shared/config_default*.php",
        expected: "Aws3v3FilesystemBuilderPlugin",
      },
    ];
  }
  if (!pkg)
    return [
      problem ?? {
        code: "flysystem-package-missing",
        result: "fail",
        file: "composer.lock",
        subject: pkgName,
      },
    ];
  const findings: Finding[] = [];
  // The adapter's settings near the plugin: key, secret and bucket.
  const lines = aws.text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /['"](key|secret|bucket)['"]\s*=>\s*(['"])\2/.exec(lines[i]!);
    if (m)
      findings.push({
        code: "flysystem-empty-credential",
        result: "warn",
        file: aws.file,
        line: i + 1,
        subject: m[1]!,
      });
  }
  if (findings.length > 0) return findings;
  const usesEnv = /getenv\s*\(/.test(aws.text);
  return usesEnv
    ? [{ code: "flysystem-ok", result: "pass", file: aws.file, line: aws.line, found: pkg.version }]
    : [
        {
          code: "flysystem-literal-credentials",
          result: "warn",
          file: aws.file,
          line: aws.line,
          expected: "getenv('...')",
        },
      ];
}

// ---------------------------------------------------------------------------------------------
// APP-17 secrets. The value of a secret never leaves this function: findings carry the file,
// the line and the name of the key, nothing else.

const PEM = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----/;
const PEM_BODY = /^[A-Za-z0-9+/=]{16,}\s*$|^Proc-Type:/;
const CONFIG_SECRET =
  /\$config\[\s*([^\]]*?(?:SECRET|PASSWORD|TOKEN|ENCRYPTION_KEY)[^\]]*?)\s*\]\s*=\s*(['"])((?:(?!\2)[^\\]|\\.)+)\2\s*;/;
const ENV_SECRET_KEY = /SECRET|PASSWORD|TOKEN|PRIVATE_KEY/;
/** Extensions that are never text: not worth reading for keys. */
const BINARY =
  /\.(png|jpe?g|gif|ico|webp|woff2?|ttf|eot|otf|pdf|zip|gz|tgz|jar|phar|mp4|mp3|svgz)$/i;

interface SecretHit extends Finding {
  /** The line's text, for the allow-list's pattern only; stripped before returning. */
  text: string;
}

function allowed(facts: Facts, hit: { file: string; line: number; text: string }): boolean {
  return facts.ctx.allow.some(
    (a) =>
      (a.path === hit.file || matchGlob(a.path, hit.file)) &&
      (a.line === undefined || a.line === hit.line) &&
      (a.pattern === undefined || compilePattern(a.pattern).test(hit.text)),
  );
}

/** `-----BEGIN ... PRIVATE KEY-----` followed by a key body. */
function privateKeys(file: string, lines: readonly string[], hits: SecretHit[]): void {
  for (let i = 0; i < lines.length; i++) {
    const m = PEM.exec(lines[i]!);
    // A real key has a body; a line in documentation that names the header does not.
    if (m && PEM_BODY.test(lines[i + 1] ?? "")) {
      hits.push({
        code: "secret-private-key",
        result: "fail",
        file,
        line: i + 1,
        subject: m[1]!,
        text: lines[i]!,
      });
    }
  }
}

/** `$config[...SECRET...] = '<literal>';` in a PHP config file. */
function configLiterals(file: string, lines: readonly string[], hits: SecretHit[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes("getenv")) continue;
    const m = CONFIG_SECRET.exec(line);
    if (m && m[3]!.trim() !== "") {
      hits.push({
        code: "secret-config-literal",
        result: "fail",
        file,
        line: i + 1,
        subject: m[1]!.trim(),
        expected: "getenv('...')",
        text: line,
      });
    }
  }
}

/** Literal secrets and basic-auth passwords in every root deploy file, CI ones too. */
function deployLiterals(facts: Facts): SecretHit[] {
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  for (const file of facts.rootDeployFiles()) {
    // The trees deploy() parsed, and their text read by name: the scan below reuses it.
    const f = facts.deployFile(file);
    if ("code" in f) continue;
    const lines = facts.text(f.file)?.split("\n") ?? [];
    const push = (
      code: "secret-deploy-literal" | "secret-auth-password",
      subject: string,
      node: Tree,
    ) => {
      const key = `${f.file}:${node.line}`;
      if (seen.has(key)) return; // a merged anchor is one finding, not one per use
      seen.add(key);
      hits.push({
        code,
        result: "fail",
        file: f.file,
        line: node.line,
        subject,
        expected: "a secret from the environment",
        text: lines[node.line - 1] ?? "",
      });
    };
    eachEntry(f.tree, (key, value, parent) => {
      if (parent === "environment" && ENV_SECRET_KEY.test(key) && isLiteral(value))
        push("secret-deploy-literal", key, value);
      if (key === "auth" && value.kind === "map") {
        const users = childIn(value, ["users"]);
        if (users?.kind === "seq")
          for (const u of users.items) {
            const pw = childIn(u, ["password"]);
            if (pw && isLiteral(pw))
              push(
                "secret-auth-password",
                `auth.users[].password (${scalarText(childIn(u, ["username"])) ?? "?"})`,
                pw,
              );
          }
      }
    });
  }
  return hits;
}

export function secrets(facts: Facts): Finding[] {
  const deploy = deployLiterals(facts);
  const keys: SecretHit[] = [];
  const literals: SecretHit[] = [];
  const configs = new Set(filesMatching(facts.files, "config/**/*.php"));
  // One pass over the tree for both searches: each text is read and split once.
  for (const file of facts.files) {
    if (BINARY.test(file)) continue;
    const text = facts.scanText(file);
    if (text === undefined) continue;
    const hasKey = text.includes("PRIVATE KEY-----");
    const hasConfig = configs.has(file) && text.includes("$config[");
    if (!hasKey && !hasConfig) continue;
    const lines = text.split("\n");
    if (hasKey) privateKeys(file, lines, keys);
    if (hasConfig) configLiterals(file, lines, literals);
  }
  const hits = [...keys, ...literals, ...deploy];
  const kept: Finding[] = [];
  let silenced = 0;
  for (const { text, ...finding } of hits) {
    if (allowed(facts, { file: finding.file!, line: finding.line!, text })) silenced++;
    else kept.push(finding);
  }
  if (silenced > 0)
    kept.push({
      code: "secrets-allowed",
      result: "pass",
      found: `${silenced}`,
      subject: "golive.yaml verify.allow",
    });
  if (kept.every((f) => f.result === "pass"))
    kept.unshift({ code: "secrets-none", result: "pass" });
  return kept;
}

function isLiteral(node: Tree): boolean {
  if (node.kind !== "scalar" || node.value === null || node.value === "") return false;
  const text = String(node.value);
  // ${VAR} and %env(VAR)% are references, not values.
  return !/^\$|\$\{|%env\(/.test(text);
}

// ---------------------------------------------------------------------------------------------

/** APP-28: committed Propel migrations, applied by the production recipe without a diff. */
export function propelMigrations(facts: Facts): Finding[] {
  const findings: Finding[] = [];
  const migrations = filesMatching(facts.files, "src/Orm/Propel/**/Migration_{mysql,pgsql}/*.php");
  findings.push(
    migrations.length > 0
      ? {
          code: "propel-migrations-present",
          result: "pass",
          file: migrations[0]!,
          found: `${migrations.length}`,
        }
      : {
          code: "propel-migrations-missing",
          result: "fail",
          subject: "src/Orm/Propel/Migration_mysql/ or Migration_pgsql/",
        },
  );
  const recipe = facts.recipe();
  if (recipe.lines === undefined) {
    findings.push({
      code: "recipe-missing",
      result: "fail",
      file: recipe.file,
      ...(recipe.from ? { subject: `${recipe.from.file}:${recipe.from.line}` } : {}),
    });
    return findings;
  }
  const lines = recipe.lines;
  for (const l of lines) {
    const m = /propel:diff|propel:migration:delete/.exec(l.text);
    if (m)
      findings.push({
        code: "recipe-diff",
        result: "fail",
        file: recipe.file,
        line: l.line,
        found: m[0],
      });
  }
  const migrate = lines.find((l) => /propel:migrate\b/.test(l.text));
  findings.push(
    migrate
      ? { code: "recipe-migrates", result: "pass", file: recipe.file, line: migrate.line }
      : {
          code: "recipe-no-migrate",
          result: "fail",
          file: recipe.file,
          expected: "propel:migrate",
        },
  );
  return findings;
}

/** SEO-03: a generated sitemap (package + job) or a static one. */
export function sitemap(facts: Facts): Finding[] {
  const file = "public/Yves/sitemap.xml";
  if (facts.has(file)) return [{ code: "sitemap-static", result: "pass", file }];
  const pkg = facts.composer().lock?.packages.get("spryker/sitemap");
  if (!pkg)
    return [
      { code: "sitemap-missing", result: "fail", subject: "spryker/sitemap", expected: file },
    ];
  const jobs = "config/Zed/cronjobs/jenkins.php";
  const text = facts.text(jobs);
  const at = text?.indexOf("sitemap:generate") ?? -1;
  return text !== undefined && at !== -1
    ? [
        {
          code: "sitemap-job",
          result: "pass",
          file: jobs,
          line: lineAt(text, at),
          found: pkg.version,
        },
      ]
    : [{ code: "sitemap-job-missing", result: "fail", file: jobs, expected: "sitemap:generate" }];
}

/** SEO-04: a robots.txt that lets crawlers in and names the sitemap. */
export function robots(facts: Facts): Finding[] {
  const file = "public/Yves/robots.txt";
  if (!facts.has(file)) return [{ code: "robots-missing", result: "fail", file }];
  const text = facts.text(file);
  if (text === undefined) return [{ code: "file-unreadable", result: "unknown", file }];
  const rules = text
    .split("\n")
    .map((l, i) => ({ line: i + 1, text: l.replace(/#.*/, "").trim() }))
    .filter((l) => l.text !== "");
  if (rules.length === 0) return [{ code: "robots-empty", result: "fail", file }];
  const findings: Finding[] = [];
  const disallowAll = rules.find((r) => /^disallow:\s*\/\s*$/i.test(r.text));
  const opens = rules.some(
    (r) => /^allow:/i.test(r.text) || /^disallow:\s*(?!\/\s*$)\S/i.test(r.text),
  );
  if (disallowAll && !opens)
    findings.push({
      code: "robots-disallow-all",
      result: "warn",
      file,
      line: disallowAll.line,
      found: "Disallow: /",
    });
  if (!rules.some((r) => /^sitemap:/i.test(r.text)))
    findings.push({
      code: "robots-no-sitemap",
      result: "warn",
      file,
      expected: "Sitemap: https://...",
    });
  return findings.length > 0 ? findings : [{ code: "robots-ok", result: "pass", file }];
}

const DEMO_ADMINS = /admin(?:_de)?@spryker\.com/;
const DEMO_CUSTOMERS = /@spryker\.com|@ottom\.de/;

/** DAT-02: demo users, demo customers and demo imports. */
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
  const recipe = facts.recipe();
  if (recipe.lines !== undefined) {
    for (const l of recipe.lines) {
      if (!/data:import/.test(l.text)) continue;
      const config = /(?:--config|-c)[ =]([^\s"']+)/.exec(l.text)?.[1];
      // Without --config, or with the local demo configuration, the demo data is imported.
      if (
        /data:import(?::\S+)?\s*(["']|$)/.test(l.text.trim()) ||
        (config && /\/local\//.test(config))
      )
        findings.push({
          code: "demo-import",
          result: "fail",
          file: recipe.file,
          line: l.line,
          ...(config ? { found: config } : {}),
        });
    }
  }
  return findings.length > 0 ? findings : [{ code: "demo-data-none", result: "pass" }];
}
