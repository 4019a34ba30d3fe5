/**
 * APP-17: no password, private key or API secret in clear text in the repository. The value of
 * a secret never leaves this file: findings carry the file, the line and the name of the key,
 * never the value, and never the user name of an `auth.users` entry (real files use the
 * password as the user name).
 *
 * What is found:
 * - PEM private keys in any tracked file, also on one line inside JSON (`"-----BEGIN PRIVATE
 *   KEY-----\nMIIE..."`, as cloud service-account files hold them);
 * - in `config/**\/*.php` and the installer's users (`src/Pyz/Zed/User/UserConfig.php`):
 *   literal values (and `getenv(...) ?: 'literal'` fallbacks) of `$config[...]` keys with a secret name, nested `['token']` entries, and `'secret' =>` /
 *   `'key' =>` array entries, statements read whole across lines and without comments;
 * - in every deploy file, at the root or in folders (read as text, so a file the YAML parser
 *   refuses is still searched): literal values of secret-named keys (`environment`
 *   variables, `password`, `services.database.root.password`) and `auth.users[].password`;
 * - in committed `.env` files: secret-named variables with a value;
 * - provider token formats (cloud keys, tokens of well-known services) with secretlint's
 *   recommended preset (verify/tokens.ts), in configuration-like files.
 * Placeholders (`CHANGE_ME`, "Your private key.") are reported as placeholders, a warning.
 */
import type { Finding, FindingCode } from "../core/verdict.js";
import { compilePattern } from "../schema/pattern.js";
import { isDeployName } from "./deploy.js";
import { type Facts, phpUnreadable } from "./facts.js";
import { matchGlob } from "./glob.js";
import {
  isPlaceholder,
  kindOf,
  literalLine,
  newScope,
  type PhpEntry,
  type PhpValue,
  run,
  type ValueKind,
} from "./php-ast.js";
import { loadConfig } from "./php-config.js";
import { isSecretName, isSecretPath } from "./secret-names.js";

/** Extensions that are never text: not worth reading for keys. */
export const BINARY =
  /\.(png|jpe?g|gif|ico|webp|avif|bmp|tiff?|woff2?|ttf|eot|otf|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|phar|mp4|mp3|wav|ogg|webm|mov|svgz|psd|ai|sketch|xlsx?|docx?|pptx?)$/i;

interface SecretHit extends Finding {
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
function privateKeys(file: string, text: string, hits: SecretHit[]): void {
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

function valueFinding(
  kind: ValueKind,
  literalCode: FindingCode,
  throwaway: boolean,
): { code: FindingCode; result: "fail" | "warn" } | undefined {
  const result = throwaway ? "warn" : "fail";
  if (kind === "literal") return { code: literalCode, result };
  if (kind === "fallback") return { code: "secret-config-fallback", result };
  if (kind === "placeholder") return { code: "secret-placeholder", result: "warn" };
  return undefined;
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
function throwawayConfig(facts: Facts): Set<string> {
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

/** Keys under a secret-named one whose value is the secret: `['value' => 'x']`, a list item. */
const NEUTRAL_KEY = /^(?:value|val|default|\d+)$/i;

/**
 * Whether an array entry's name holds a secret. A bare `key` does only beside a secret-named
 * sibling (`'key' => ..., 'secret' => ...`): a sort's `'key' => 'name'` is not one.
 */
function secretEntry(entry: PhpEntry, siblings: readonly PhpEntry[]): boolean {
  const name = entry.name;
  if (name === undefined || !isSecretName(name)) return false;
  if (name.toLowerCase() !== "key") return true;
  return siblings.some(
    (s) =>
      s !== entry && s.name !== undefined && s.name.toLowerCase() !== "key" && isSecretName(s.name),
  );
}

/** The literals in an array under a secret-named key: its neutral entries, at any depth. */
function literalLeaves(value: PhpValue, out: PhpValue[], depth = 0): void {
  if (value.k !== "array") {
    out.push(value);
    return;
  }
  if (depth > 8) return;
  for (const e of value.entries)
    if (e.name === undefined || NEUTRAL_KEY.test(e.name) || isSecretName(e.name))
      literalLeaves(e.value, out, depth + 1);
}

/**
 * Literal secrets in a PHP file, read as PHP: `$config[...]` assignments to a secret-named key
 * (through variables, constants, concatenation, casts, string functions, `??`, `?:`, heredoc
 * and nowdoc), secret-named array entries anywhere in the code, and `define()`/`const` of a
 * secret name. In a file only a development or CI machine loads, a literal is a warning, as in
 * a local deploy file.
 */
function configLiterals(facts: Facts, file: string, throwaway: boolean, hits: SecretHit[]): void {
  const parsed = facts.php(file);
  if (!parsed) return;
  if (!parsed.ok) {
    hits.push({ ...phpUnreadable({ file, ...parsed }), file, line: parsed.line ?? 1 });
    return;
  }
  const seen = new Set<number>();
  const report = (value: PhpValue, code: FindingCode, subject: string): void => {
    const found = valueFinding(kindOf(value), code, throwaway);
    if (!found) return;
    const line = literalLine(value);
    if (seen.has(line)) return;
    seen.add(line);
    hits.push({ ...found, file, line, subject, expected: "getenv('...')" });
  };
  const scope = newScope(file, {
    assign: (a) => {
      if (!a.names.some((n) => n.toLowerCase() !== "key" && isSecretName(n))) return;
      const leaves: PhpValue[] = [];
      literalLeaves(a.value, leaves);
      for (const leaf of leaves) report(leaf, "secret-config-literal", `$config${a.written}`);
    },
    array: (_file, array) => {
      for (const e of array.entries)
        if (secretEntry(e, array.entries)) {
          const leaves: PhpValue[] = [];
          literalLeaves(e.value, leaves);
          for (const leaf of leaves) report(leaf, "secret-array-literal", `${e.written} =>`);
        }
    },
    define: (_file, _line, name, value) => {
      if (isSecretName(name)) report(value, "secret-config-literal", `const ${name}`);
    },
  });
  try {
    run(parsed.program, scope);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    hits.push({ ...phpUnreadable({ file, reason: "too-deep" }), file, line: 1 });
  }
}

// ---------------------------------------------------------------------------------------------
// Deploy files and .env files, as text.

/** One `key: value` of a YAML file, with the keys above it. */
interface YamlEntry {
  line: number;
  path: string[];
  /** The scalar as written (quotes and comment taken off); undefined for a block or nothing. */
  value: string | undefined;
}

function stripYamlComment(value: string): string {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(value[i - 1]!))) return value.slice(0, i).trim();
  }
  return value.trim();
}

function unquote(value: string): string {
  const m = /^(['"])([\s\S]*)\1$/.exec(value.trim());
  return m ? m[2]! : value.trim();
}

/**
 * The `key: value` entries of a block-style YAML text, with their key paths from indentation;
 * list items add a `[]` step, `{ a: b }` on one line is read too. Enough to find keys and say
 * whether their value is a literal, and it reads files the parser refuses.
 */
export function yamlEntries(text: string): YamlEntry[] {
  const out: YamlEntry[] = [];
  const stack: { indent: number; key: string }[] = [];
  let blockIndent = -1;
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "" || /^\s*#/.test(raw)) return;
    const m = /^(\s*)((?:-\s+)*)(.*)$/.exec(raw)!;
    const indent = m[1]!.length;
    if (blockIndent >= 0 && indent > blockIndent) return;
    blockIndent = -1;
    const dashes = m[2]!.length;
    const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]][^#]*?)\s*:(?:\s+(.*))?$/.exec(
      m[3]!,
    );
    if (!key) return;
    const effective = indent + dashes;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= (dashes ? indent : effective))
      stack.pop();
    if (dashes) stack.push({ indent, key: "[]" });
    const name = unquote(key[1]!);
    const path = [...stack.map((s) => s.key), name];
    stack.push({ indent: effective, key: name });
    const value = key[2] === undefined ? undefined : stripYamlComment(key[2]);
    if (value !== undefined && /^[|>][+-]?\d*$/.test(value)) {
      blockIndent = effective;
      out.push({ line: i + 1, path, value: undefined });
      return;
    }
    if (value?.startsWith("{") && value.endsWith("}")) {
      for (const pair of value.slice(1, -1).matchAll(/([\w.-]+)\s*:\s*([^,}]*)/g))
        out.push({ line: i + 1, path: [...path, pair[1]!], value: unquote(pair[2]!.trim()) });
      return;
    }
    out.push({ line: i + 1, path, value: value === "" ? undefined : unquote(value ?? "") });
  });
  return out;
}

/** A value written in the file, not a reference to the environment or to another node. */
function isLiteral(value: string | undefined): value is string {
  if (value === undefined) return false;
  const v = value.trim();
  if (v === "" || v === "~" || /^null$/i.test(v)) return false;
  // ${VAR}, %env(VAR)% and aliases are references, not values.
  return !/^\$|\$\{|%env\(|^\*[\w-]+$/.test(v);
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
 * Literal secrets in a deploy file. In a local, CI or template file (containers on a laptop or
 * a CI runner) a literal is expected and throwaway: a warning, so that production's own secret
 * is not the same; in any other deploy file, a failure.
 */
function yamlLiterals(file: string, text: string, throwaway: boolean, hits: SecretHit[]): void {
  for (const e of yamlEntries(text)) {
    const last = e.path[e.path.length - 1]!;
    if (e.value !== undefined && /^[[{]/.test(e.value.trim()) && !isSecretPath(e.path)) {
      for (const m of e.value.matchAll(JSON_PAIR)) {
        if (!isSecretName(m[1]!) || !isLiteral(m[2]!)) continue;
        hits.push({
          code: isPlaceholder(m[2]!) ? "secret-placeholder" : "secret-deploy-literal",
          result: isPlaceholder(m[2]!) || throwaway ? "warn" : "fail",
          file,
          line: e.line,
          subject: `${shortPath(e.path)} "${m[1]!}"`,
          expected: "a secret from the environment",
        });
      }
      continue;
    }
    if (!isSecretPath(e.path) || !isLiteral(e.value)) continue;
    // The user name of an auth.users entry is never shown, but is not a secret on its own.
    if (last === "username" || last === "user") continue;
    const auth = e.path.includes("users") && e.path.includes("auth");
    const placeholder = isPlaceholder(e.value);
    hits.push({
      code: placeholder
        ? "secret-placeholder"
        : auth
          ? "secret-auth-password"
          : "secret-deploy-literal",
      result: placeholder || throwaway ? "warn" : "fail",
      file,
      line: e.line,
      subject: shortPath(e.path),
      expected: "a secret from the environment",
    });
  }
}

const ENV_FILE = /(?:^|\/)\.env(?:\.[\w-]+)?$/;
const CONFIG_PHP = /^config\/.*\.php$/;
/** The Back Office users `vendor/bin/install` creates (`getInstallerUsers()`), with passwords. */
const INSTALLER_USERS = /^src\/[^/]+\/Zed\/User\/UserConfig\.php$/;
const IMPORT_DATA = /^data\/import\/.*\.(?:csv|tsv)$/i;
const ENV_TEMPLATE = /\.(?:dist|example|sample|template|tpl)$/;

function envLiterals(file: string, text: string, hits: SecretHit[]): void {
  text.split("\n").forEach((raw, i) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=\s*(.*)$/.exec(raw);
    if (!m || !isSecretName(m[1]!)) return;
    const value = unquote(stripYamlComment(m[2]!));
    if (!isLiteral(value)) return;
    const placeholder = isPlaceholder(value);
    hits.push({
      code: placeholder ? "secret-placeholder" : "secret-env-literal",
      result: placeholder ? "warn" : "fail",
      file,
      line: i + 1,
      subject: m[1]!,
      expected: "a secret from the environment",
    });
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * Files secretlint reads: where configuration and credentials live, not code or data: config
 * formats anywhere, dotfiles with credentials, `config/**\/*.php` and project `*Config.php`.
 */
const TOKEN_FILE =
  /\.(?:ya?ml|json|env|ini|conf|cnf|properties|xml|neon|toml|sh|bash|pem|key|txt|dist|cfg)$|(?:^|\/)(?:\.env[^/]*|\.npmrc|\.netrc|Dockerfile[^/]*)$|^config\/.*\.php$|^src\/[^/]+\/.*Config\.php$/;
const LOCK_FILES = /(?:^|\/)(?:composer\.lock|package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/;
/** Larger files are data (exports, fixtures), not configuration. */
const TOKEN_FILE_BYTES = 512 * 1024;

/** The files and texts to hand to secretlint (verify/tokens.ts). */
export function tokenSources(facts: Facts): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of facts.files) {
    if (!TOKEN_FILE.test(file) || BINARY.test(file) || LOCK_FILES.test(file)) continue;
    const kept = facts.keptText(file);
    if (kept !== undefined) {
      if (kept.length <= TOKEN_FILE_BYTES) out.push({ file, text: kept });
      continue;
    }
    const bytes = facts.scanBytes(file);
    if (bytes === undefined || bytes.length > TOKEN_FILE_BYTES) continue;
    const text = facts.scanText(file, bytes);
    if (text !== undefined) out.push({ file, text });
  }
  return out;
}

function allowed(facts: Facts, hit: SecretHit, line: () => string): boolean {
  return facts.ctx.allow.some(
    (a) =>
      (a.path === hit.file || matchGlob(a.path, hit.file)) &&
      (a.line === undefined || a.line === hit.line) &&
      (a.pattern === undefined || compilePattern(a.pattern).test(line())),
  );
}

/** Whether the bytes hold `PRIVATE KEY` (ASCII in every encoding a key file uses). */
function mentionsPrivateKey(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("PRIVATE KEY");
}

export function secrets(facts: Facts): Finding[] {
  const hits: SecretHit[] = [];
  const kinds = new Map(facts.deployEntries().map((e) => [e.file, e.kind]));
  const throwaway = (file: string) => {
    const kind = kinds.get(file);
    return kind === "local" || kind === "ci" || kind === "template";
  };
  const throwawayConfigs = throwawayConfig(facts);
  for (const file of facts.files) {
    if (BINARY.test(file)) continue;
    const isConfig = CONFIG_PHP.test(file) || INSTALLER_USERS.test(file);
    const isDeploy = kinds.has(file) || isDeployName(file);
    const isEnv = ENV_FILE.test(file) && !ENV_TEMPLATE.test(file);
    // Most files are only searched for a key header: in their bytes, without decoding them.
    const kept = facts.keptText(file);
    let bytes: Uint8Array | undefined;
    if (!isConfig && !isDeploy && !isEnv) {
      if (kept !== undefined) {
        if (!kept.includes("PRIVATE KEY")) continue;
      } else {
        // Spryker's data import CSVs are data (the demo data alone is 19 MiB in a demo shop):
        // no key is kept there, and reading them all would cost a fifth of the run.
        if (IMPORT_DATA.test(file)) continue;
        bytes = facts.scanBytes(file);
        if (bytes === undefined || !mentionsPrivateKey(bytes)) continue;
      }
    }
    // A PHP file is kept: its tree is parsed from the same text (Facts.php).
    const text = kept ?? (isConfig ? facts.text(file) : facts.scanText(file, bytes));
    if (text === undefined) continue;
    if (text.includes("PRIVATE KEY")) privateKeys(file, text, hits);
    if (isConfig) configLiterals(facts, file, throwawayConfigs.has(file), hits);
    if (isDeploy) yamlLiterals(file, text, throwaway(file), hits);
    if (isEnv) envLiterals(file, text, hits);
  }
  const seen = new Set(hits.map((h) => `${h.file}:${h.line}`));
  for (const t of facts.tokens?.hits ?? []) {
    const key = `${t.file}:${t.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push({
      code: "secret-provider-token",
      result: "fail",
      file: t.file,
      line: t.line,
      subject: t.kind,
    });
  }
  const kept: Finding[] = [];
  let silenced = 0;
  // The line's text is read only for an allow entry with a pattern, and stays here.
  const texts = new Map<string, string[]>();
  const lineOfHit = (hit: SecretHit) => () => {
    let lines = texts.get(hit.file);
    if (!lines) {
      lines = facts.scanText(hit.file)?.split("\n") ?? [];
      texts.set(hit.file, lines);
    }
    return lines[hit.line - 1] ?? "";
  };
  for (const hit of hits) {
    if (allowed(facts, hit, lineOfHit(hit))) silenced++;
    else kept.push(hit);
  }
  if (facts.tokens?.failed)
    kept.push({ code: "secret-scan-failed", result: "unknown", subject: "secretlint" });
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
