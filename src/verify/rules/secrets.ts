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
 * - in committed `.env` files: secret-named variables with a value (a warning in one named for
 *   CI, a local machine or tests: `.env.ci`, `.env.local`);
 * - provider token formats (cloud keys, tokens of well-known services) with secretlint's
 *   recommended preset (verify/tokens.ts), in configuration-like files.
 * Placeholders (`CHANGE_ME`, "Your private key.") are reported as placeholders, a warning.
 */

import { pushAll } from "../../core/arrays.js";
import { type Finding, worst } from "../../core/verdict.js";
import { compilePattern } from "../../schema/pattern.js";
import { classifyDeployFile, isDeployName } from "../deploy.js";
import { parameterPassword, TEMPLATE_FOLDER } from "../deploy-imports.js";
import type { Facts } from "../facts.js";
import { matchGlob } from "../glob.js";
import { importedSecrets } from "../secret-imports.js";
import {
  BINARY,
  CONFIG_PHP,
  ENV_FILE,
  ENV_TEMPLATE,
  envLiterals,
  IMPORT_DATA,
  INSTALLER_USERS,
  privateKeys,
  type SecretHit,
  throwawayConfig,
  throwawayEnvFile,
  yamlLiterals,
} from "../secret-literals.js";
import { configLiterals } from "../secret-php.js";
import type { PrescanRequest } from "../types.js";
import { textLines } from "../yaml-lines.js";

// ---------------------------------------------------------------------------------------------

/**
 * Files secretlint reads: where configuration and credentials live, not code or data: config
 * formats anywhere, dotfiles with credentials, `config/**\/*.php` and project `*Config.php`
 * (`s`: a newline in a tracked path must not take the file out).
 */
const TOKEN_FILE =
  /\.(?:ya?ml|json|env|ini|conf|cnf|properties|xml|neon|toml|sh|bash|pem|key|txt|dist|cfg)$|(?:^|\/)(?:\.env[^/]*|\.npmrc|\.netrc|Dockerfile[^/]*)$|^config\/.*\.php$|^src\/[^/]+\/.*Config\.php$/s;
const LOCK_FILES = /(?:^|\/)(?:composer\.lock|package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/;
/** Larger files are data (exports, fixtures), not configuration. */
const TOKEN_FILE_BYTES = 512 * 1024;

/** APP-17's question to the scan before the rules (`RepoView.prescan`): the key header's bytes. */
export const KEY_HEADER = { needle: "PRIVATE KEY", ignoreCase: false, text: false } as const;

/** Every file APP-17 may search for a key header in its bytes. */
export function keyScanRequest(files: readonly string[]): PrescanRequest {
  return { ...KEY_HEADER, files: files.filter((f) => !BINARY.test(f) && !IMPORT_DATA.test(f)) };
}

const tokenFile = (file: string) =>
  TOKEN_FILE.test(file) && !BINARY.test(file) && !LOCK_FILES.test(file);

/** The texts of secretlint's files, read by the scan before the rules (`RepoView.prescan`). */
export function tokenScanRequest(files: readonly string[]): PrescanRequest {
  const keepText = TOKEN_FILE_BYTES;
  return { needle: "", ignoreCase: false, text: true, keepText, files: files.filter(tokenFile) };
}

/**
 * Parses the PHP files APP-17 reads as PHP, ahead of the rule: `verifyRepository` does it while
 * it waits for the scan before the rules. Facts keeps each tree, so the rule finds them made.
 */
export function parseSecretsPhp(facts: Facts): void {
  for (const file of facts.files)
    if (CONFIG_PHP.test(file) || INSTALLER_USERS.test(file)) facts.php(file);
}

/** The files and texts to hand to secretlint (verify/tokens.ts). */
export function tokenSources(facts: Facts): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const file of facts.files) {
    if (!tokenFile(file)) continue;
    const scanned = facts.prescanText(file, TOKEN_FILE_BYTES);
    if (scanned) {
      if (scanned.text !== undefined) out.push({ file, text: scanned.text });
      continue;
    }
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
  const throwawayKind = (file: string) => {
    const kind = kinds.get(file);
    return kind === "local" || kind === "ci" || kind === "template";
  };
  // A file that imports templates and cannot be read as YAML: unknown, with its place.
  const unreadable = new Set<string>();
  const treeOf = (file: string) => {
    const parsed = facts.deployFile(file);
    if ("tree" in parsed) return parsed.tree;
    if (!unreadable.has(file)) {
      unreadable.add(file);
      hits.push({ ...parsed, file, line: parsed.line ?? 1, result: "unknown" });
    }
    return undefined;
  };
  // What cloud deploy files import is read as they are (verify/secret-imports.ts); a file
  // that holds only `imports:` imports as a deploy file.
  const { imported, roots, byFile } = importedSecrets(
    facts,
    kinds,
    treeOf,
    (file) => classifyDeployFile(file, facts.text(file)).kind,
  );
  for (const [file, kind] of roots) kinds.set(file, kind);
  const throwaway = (file: string) =>
    !imported.has(file) && (throwawayKind(file) || file.startsWith(TEMPLATE_FOLDER));
  const throwawayConfigs = throwawayConfig(facts);
  // A name git holds in bytes that are not UTF-8 reads here with U+FFFD: the file under it
  // is not that file (none, or one really named so), and what git's file holds is unknown.
  const unnamed: string[] = [];
  for (const file of facts.files) {
    if (BINARY.test(file)) continue;
    if (file.includes("\uFFFD")) {
      unnamed.push(file);
      if (facts.scanBytes(file) === undefined) continue;
    }
    const isConfig = CONFIG_PHP.test(file) || INSTALLER_USERS.test(file);
    const isDeploy = kinds.has(file) || isDeployName(file) || imported.has(file);
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
        if (IMPORT_DATA.test(file) || facts.mayHold(file, KEY_HEADER) === false) continue;
        bytes = facts.scanBytes(file);
        if (bytes === undefined || !mentionsPrivateKey(bytes)) continue;
      }
    }
    // A PHP file is kept: its tree is parsed from the same text (Facts.php).
    const text = kept ?? (isConfig ? facts.text(file) : facts.scanText(file, bytes));
    if (text === undefined) continue;
    const first = hits.length;
    if (text.includes("PRIVATE KEY")) privateKeys(file, text, hits);
    if (isConfig) configLiterals(facts, file, throwawayConfigs.has(file), hits);
    if (isDeploy) {
      // A file whose shapes only YAML shows and that YAML cannot read: unknown, not passed.
      // An imported template is read as its importers fill it (byFile).
      if (!imported.has(file)) yamlLiterals(file, text, throwaway(file), hits, () => treeOf(file));
    }
    if (isEnv) envLiterals(file, text, throwawayEnvFile(file), hits);
    // One finding a line, unless another says worse (a literal beside a placeholder).
    for (const hit of byFile.get(file) ?? [])
      if (
        !hits
          .slice(first)
          .some((h) => h.line === hit.line && worst([h.result, hit.result]) === h.result)
      )
        hits.push(hit);
    // A file's findings by line (the readings each add theirs in their own order), then why
    // part of it could not be read as PHP.
    const order = (h: SecretHit) => (h.code === "php-unreadable" ? Infinity : h.line);
    pushAll(
      hits,
      hits.splice(first).sort((a, b) => order(a) - order(b)),
    );
  }
  const seen = new Set(hits.map((h) => `${h.file}:${h.line}`));
  const tokenLine = (file: string, line: number) =>
    textLines(facts.scanText(file) ?? "")[line - 1] ?? "";
  for (const t of facts.tokens?.hits ?? []) {
    const key = `${t.file}:${t.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A template's connection string whose password is its importer's parameter.
    if (t.file.startsWith(TEMPLATE_FOLDER) && parameterPassword(tokenLine(t.file, t.line)))
      continue;
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
      lines = textLines(facts.scanText(hit.file) ?? "");
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
  for (const file of unnamed) kept.push({ code: "file-name-unreadable", result: "unknown", file });
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
