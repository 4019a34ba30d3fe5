/**
 * APP-17's search for secrets kept in clear text: private keys, and literal values of secret-named
 * keys in PHP configuration, deploy files and `.env` files. Hits carry the file, the line and the
 * key's name, never the value (rules/secrets.ts judges them).
 */

import type { Finding } from "../core/verdict.js";
import { commandPasswords, urlLiteral } from "./connection-strings.js";
import type { Facts } from "./facts.js";
import { loadConfig } from "./php-config.js";
import { isPlaceholder } from "./php-value.js";
import { isSecretName, isSecretPath, withoutSecrets, yamlOnly } from "./secret-names.js";
import { stripYamlComment, textLines, unquote, type YamlEntry, yamlEntries } from "./yaml-lines.js";
import { type Tree, treeStrings } from "./yaml-tree.js";

/** Extensions that are never text: not worth reading for keys. */
export const BINARY =
  /\.(png|jpe?g|gif|ico|webp|avif|bmp|tiff?|woff2?|ttf|eot|otf|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|phar|mp4|mp3|wav|ogg|webm|mov|svgz|psd|ai|sketch|xlsx?|docx?|pptx?)$/i;

export interface SecretHit extends Finding {
  file: string;
  line: number;
}

const PEM = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
/** What follows a real key's header: a line break (or `\n` inside a JSON string), then a body. */
const PEM_BODY = /^(?:\r?\n|(?:\\r)?\\n)(?:Proc-Type:|[A-Za-z0-9+/=]{16,})/;
const PEM_PLACEHOLDER =
  /^(?:\r?\n|\\r?\\n|\s)*(?:your|insert|paste|put|replace|change|<|\.\.\.|x{3,})/i;

function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** `-----BEGIN ... PRIVATE KEY-----` followed by a key body, on its own line or inline. */
export function privateKeys(file: string, text: string, hits: SecretHit[]): void {
  for (const m of text.matchAll(PEM)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    // Documentation that names the header has no body; a template has a stand-in.
    const placeholder = PEM_PLACEHOLDER.test(after);
    if (!placeholder && !PEM_BODY.test(after)) continue;
    hits.push({
      code: placeholder ? "secret-placeholder" : "secret-private-key",
      result: placeholder ? "warn" : "fail",
      file,
      line: lineAtOffset(text, m.index),
      subject: m[1]!,
    });
  }
}

/** Words of a development, CI, test or demo machine's environment: `docker.dev`, `ci`, `devtest`. */
const THROWAWAY_WORDS = new Set([
  "ci",
  "travis",
  "dev",
  "devvm",
  "devtest",
  "development",
  "local",
  "test",
  "testing",
  "demo",
]);
const ENVIRONMENT_CONFIG = /^config\/Shared\/config_default-(.+)\.php$/;

function throwawayWords(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[.\-_/]+/)
    .some((w) => THROWAWAY_WORDS.has(w));
}

/**
 * The PHP configuration files only a development, CI, test or demo machine loads, one rule
 * whether or not a production deploy file names production's environment: each
 * `config_default-<environment>.php` of such an environment and the files it requires, files
 * named for one after their first dash (`config_services-devvm.php`, `config_logs-ci-info.php`)
 * and files in such a folder (`config/Shared/ci/travis/`); never a file production loads
 * (config_default.php, the named environment's file, and what they require).
 */
export function throwawayConfig(facts: Facts): Set<string> {
  const { loads } = facts.config();
  const out = new Set<string>();
  const production = new Set(loads.flatMap((l) => l.files));
  const productionEnvironments = new Set(loads.map((l) => l.environment));
  const read = facts.phpSource();
  for (const file of facts.files) {
    if (!CONFIG_PHP.test(file) || production.has(file)) continue;
    const environment = ENVIRONMENT_CONFIG.exec(file)?.[1];
    if (environment !== undefined) {
      if (!throwawayWords(environment) || productionEnvironments.has(environment)) continue;
      for (const loaded of loadConfig(read, environment, { environmentOnly: true }).files)
        if (!production.has(loaded)) out.add(loaded);
    } else {
      const folders = file.split("/").slice(2, -1).join("/");
      const named = file.replace(/^.*\/[^-/]*|\.php$/g, "");
      if (throwawayWords(folders) || throwawayWords(named)) out.add(file);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Deploy files and .env files, as text.

/**
 * A value written in the file, not a reference to the environment or to another node:
 * `${VAR}`, `%env(VAR)%` and `$VAR` (a variable's name, `VARIABLE`) are references,
 * and so is an alias (`*name`) unless quoted. `$Zq8vLm2p` or a quoted `"*x"` is text.
 */
function isLiteral(value: string | undefined, quoted = true): value is string {
  if (value === undefined) return false;
  const v = value.trim();
  if (v === "" || v === "~" || /^null$/i.test(v)) return false;
  // `${VAR:-default}` (shells, docker compose, Symfony's Dotenv): the default is written here,
  // the twin of PHP's getenv('VAR') ?: '...'.
  // `${VAR:=...}` assigns the default too; in `${A:-${B:-...}}` the innermost one is written.
  const fallback = /\$\{[A-Za-z_]\w*:?[-=]([^${}]*)\}/.exec(v)?.[1];
  if (fallback !== undefined && isLiteral(fallback)) return true;
  if (/\$\{|%env\(/.test(v) || VARIABLE.test(v)) return false;
  return quoted || !/^\*[\w-]+$/.test(v);
}

/** Whether a value is written in the file (`isLiteral`): no reference, no template's slot. */
export function isWritten(value: string): boolean {
  return isLiteral(value);
}

/**
 * `$NAME` as a variable is named: one case, words of letters each ending in its digits
 * (`$DB_PASSWORD`, `$smtp_password`, `$PW2`); `$s3cr3tpassw0rd` and `$Zq8vLm2p` are text.
 */
const VARIABLE = /^\$_?(?:[A-Z]+\d*(?:_(?:[A-Z]+\d*|\d+))*|[a-z]+\d*(?:_(?:[a-z]+\d*|\d+))*)_?$/;

/** An alias (`*name`), or a value on the lines below its key (a plain scalar run on). */
function hiddenFromLines(e: YamlEntry): boolean {
  const v = e.value?.trim() ?? "";
  return (v === "" && !e.quoted) || (!e.quoted && /^\*[\w-]+$/.test(v));
}

function shortPath(path: readonly string[]): string {
  const at = path.lastIndexOf("environment");
  if (at !== -1 && at === path.length - 2) return path[path.length - 1]!;
  const auth = path.lastIndexOf("auth");
  const from = auth !== -1 ? auth : Math.max(0, path.length - 4);
  return path
    .slice(from)
    .join(".")
    .replace(/\.\[\]/g, "[]");
}

/** `"secret": "..."` pairs in a JSON value (`SPRYKER_OAUTH_CLIENT_CONFIGURATION: '[{...}]'`). */
const JSON_PAIR = /"([\w.-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * A hit for each secret-named pair of JSON in `value` (all of them, or the first), named
 * `holder "key"`; how many.
 */
function jsonLiterals(
  at: { file: string; line: number; holder: string },
  value: string,
  throwaway: boolean,
  hits: SecretHit[],
  first = false,
): number {
  let count = 0;
  for (const m of value.matchAll(JSON_PAIR)) {
    if (!isSecretName(m[1]!) || !isLiteral(m[2]!)) continue;
    hits.push({
      code: isPlaceholder(m[2]!) ? "secret-placeholder" : "secret-deploy-literal",
      result: isPlaceholder(m[2]!) || throwaway ? "warn" : "fail",
      file: at.file,
      line: at.line,
      subject: withoutSecrets(`${at.holder} "${m[1]!}"`, [m[2]!]),
      expected: "a secret from the environment",
    });
    count++;
    if (first) break;
  }
  return count;
}

/**
 * Literal secrets in a deploy file. In a local, CI or template file (containers on a laptop or
 * a CI runner) a literal is expected and throwaway: a warning, so that production's own secret
 * is not the same; in any other deploy file, a failure.
 */
export function yamlLiterals(
  file: string,
  text: string,
  throwaway: boolean,
  hits: SecretHit[],
  treeOf?: () => Tree | undefined,
): void {
  const entries = yamlEntries(text);
  for (const e of entries) {
    if (e.value !== undefined && /^[[{]/.test(e.value.trim()) && !isSecretPath(e.path)) {
      const at = { file, line: e.line, holder: shortPath(e.path) };
      jsonLiterals(at, e.value, throwaway, hits);
      continue;
    }
    pathLiteral(file, e.path, e.value, e.line, throwaway, hits, e.quoted);
  }
  // A connection string with a written password on any line, whatever holds it (a block
  // scalar, a list item, a flow collection, JSON over several lines): named by the key at or
  // above the line. A comment is not read.
  const done = new Set(hits.filter((h) => h.file === file).map((h) => h.line));
  let entry = 0;
  textLines(text).forEach((raw, i) => {
    // The line's own key (the first read on it: `BROKER: { url: ... }` is BROKER's), else
    // the last key above it.
    const first = entry;
    while (entry < entries.length && entries[entry]!.line <= i + 1) entry++;
    if (done.has(i + 1) || !/:\\?\/|=|"| -p/.test(raw) || /^\s*#/.test(raw)) return;
    const own = entries[first]?.line === i + 1 ? entries[first] : undefined;
    const above = own ?? entries[entry - 1];
    const subject = above ? shortPath(above.path) : "a value in the file";
    const line = stripYamlComment(raw);
    if (urlLiteral(file, subject, line, i + 1, throwaway, hits)) return;
    // A password a command writes (an install hook's `MYSQL_PWD=... mysql`): as a pair.
    const written = commandPasswords(line);
    if (written.length > 0) {
      const placeholder = written.every((w) => isPlaceholder(w.password));
      hits.push({
        code: placeholder ? "secret-placeholder" : "secret-deploy-literal",
        result: placeholder || throwaway ? "warn" : "fail",
        file,
        line: i + 1,
        subject: withoutSecrets(
          `${subject} "${written[0]!.name}"`,
          written.map((w) => w.password),
        ),
        expected: "a secret from the environment",
      });
      return;
    }
    // JSON over several lines inside a value: its secret-named entries, as on one line. A
    // line of it that starts with a quoted key (`"user": "shop", "password": ...`) reads as
    // an entry of its own: named by the key above it, which holds the JSON.
    const jsonKey = own !== undefined && /^\s*"/.test(raw);
    const holder = jsonKey ? shortPath(own.path.slice(0, -1)) : subject;
    if ((above?.line !== i + 1 || jsonKey) && raw.includes('"'))
      jsonLiterals({ file, line: i + 1, holder }, raw, throwaway, hits, true);
  });
  // What the line reading cannot see, read as YAML: flow mappings and lists (`&x {password:
  // ...}`, `[{password: ...}]`), block scalars (`password: |`), quoted or escaped keys, `? key`.
  // An alias under a secret-named key, or a key whose value is on the lines below, too.
  // Parsing every deploy file (a shop has dozens) costs more than the rest of APP-17: only a
  // file with such a line is parsed.
  const hidden = entries.some((e) => hiddenFromLines(e) && isSecretPath(e.path));
  const tree = hidden || yamlOnly(text) ? treeOf?.() : undefined;
  if (!tree) return;
  const reported = new Set(hits.filter((h) => h.file === file).map((h) => h.line));
  let split: string[] | undefined;
  const lines = () => {
    split ??= textLines(text);
    return split;
  };
  for (const e of treeStrings(tree)) {
    if (reported.has(e.line)) continue;
    if (pathLiteral(file, e.path, e.value, e.line, throwaway, hits)) reported.add(e.line);
    // JSON in a string with escaped quotes (`"{\"client_secret\": ...}"`), which the line
    // reading cannot match: read as YAML decodes it.
    else if (/^\s*[[{]/.test(e.value) && lines()[e.line - 1]?.includes('\\"')) {
      const at = { file, line: e.line, holder: shortPath(e.path) };
      if (jsonLiterals(at, e.value, throwaway, hits) > 0) reported.add(e.line);
    }
  }
}

/** A hit for a literal under a secret key path; whether there was one. */
function pathLiteral(
  file: string,
  path: readonly string[],
  value: string | undefined,
  line: number,
  throwaway: boolean,
  hits: SecretHit[],
  quoted = true,
): boolean {
  if (!isSecretPath(path) || !isLiteral(value, quoted)) return false;
  // The user name of an auth.users entry is never shown, but is not a secret on its own.
  const last = path[path.length - 1]!;
  if (last === "username" || last === "user") return false;
  const auth = path.includes("users") && path.includes("auth");
  const placeholder = isPlaceholder(value);
  hits.push({
    code: placeholder
      ? "secret-placeholder"
      : auth
        ? "secret-auth-password"
        : "secret-deploy-literal",
    result: placeholder || throwaway ? "warn" : "fail",
    file,
    line,
    subject: withoutSecrets(shortPath(path), [value]),
    expected: "a secret from the environment",
  });
  return true;
}

/** `.env`, `.env.ci`, and `.env.<environment>.local` (Symfony's and others' machine overrides). */
export const ENV_FILE = /(?:^|\/)\.env(?:\.[\w-]+)*$/;
/** `s`: a newline in a tracked path (git allows one) must not take the file out of the scan. */
export const CONFIG_PHP = /^config\/.*\.php$/s;
/** The Back Office users `vendor/bin/install` creates (`getInstallerUsers()`), with passwords. */
export const INSTALLER_USERS = /^src\/[^/]+\/Zed\/User\/UserConfig\.php$/;
export const IMPORT_DATA = /^data\/import\/.*\.(?:csv|tsv)$/i;
export const ENV_TEMPLATE = /\.(?:dist|example|sample|template|tpl)$/;

/** Words of production's environment, which no `.local` makes a developer's. */
const PRODUCTION_WORDS = new Set(["prod", "production", "prd", "live"]);

/**
 * A `.env` file named for a CI runner, a development machine or a test suite (`.env.ci`,
 * `.env.dev`, `.env.test`): what it holds is that machine's, the same rule as for CI and
 * development configuration (a warning). A plain `.env.local` is every machine's own override,
 * the production server's too: it warns only in a folder named for tests or CI
 * (`tests/e2e/.envs/.env.local`). A plain `.env`, `.env.production` or `.env.prod.local` (the
 * production machine's own values) is not, nor one in a folder named for production
 * (`production/.env.local`, `environments/live/.env.ci`).
 */
export function throwawayEnvFile(file: string): boolean {
  const suffix = /(?:^|\/)\.env\.([\w.-]+)$/.exec(file)?.[1];
  if (suffix === undefined) return false;
  const words = file.toLowerCase().split(/[/.\-_]+/);
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return false;
  if (suffix.toLowerCase() !== "local") return throwawayWords(suffix);
  const folders = file.toLowerCase().split("/").slice(0, -1);
  return folders.some((folder) => TEST_FOLDERS.test(folder));
}

/** Folders of a test suite or a CI set-up, where a `.env.local` is a test machine's. */
const TEST_FOLDERS = /^(?:tests?|testing|e2e|cypress|ci|\.github|\.gitlab|\.envs?)$/;

export function envLiterals(
  file: string,
  text: string,
  throwaway: boolean,
  hits: SecretHit[],
): void {
  textLines(text).forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/s.exec(raw);
    if (!m) return;
    const value = unquote(stripYamlComment(m[2]!));
    if (!isSecretName(m[1]!)) {
      urlLiteral(file, m[1]!, value, i + 1, throwaway, hits);
      return;
    }
    if (!isLiteral(value)) return;
    const placeholder = isPlaceholder(value);
    hits.push({
      code: placeholder ? "secret-placeholder" : "secret-env-literal",
      result: placeholder || throwaway ? "warn" : "fail",
      file,
      line: i + 1,
      subject: withoutSecrets(m[1]!, [value]),
      expected: "a secret from the environment",
    });
  });
}
