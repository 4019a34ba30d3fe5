/**
 * The generic rule kinds a catalogue can use with parameters: files, blob hashes, Composer
 * packages, deploy-file values and text patterns.
 */
import { createHash } from "node:crypto";
import type { Finding, Result } from "../core/verdict.js";
import type { Check } from "../schema/checks.js";
import { compilePattern, type PatternOptions } from "../schema/pattern.js";
import { compareVersions, parseVersion } from "./composer.js";
import type { Facts } from "./facts.js";
import { filesMatching } from "./glob.js";
import { mayShowValue } from "./secret-names.js";
import type { PrescanRequest } from "./types.js";
import { scalarText, select } from "./yaml-tree.js";

/** Git's object name for a file's contents: sha1 of `blob <length>\0<bytes>`. */
export function gitBlobHash(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

type GenericCheck = Exclude<Check, { kind: `spryker/${string}` }>;

export function runGeneric(check: GenericCheck, facts: Facts): Finding[] {
  const severity: Result =
    check.severity === undefined || check.severity === "note" ? "fail" : check.severity;
  switch (check.kind) {
    case "file-exists": {
      if (!facts.has(check.path))
        return [{ code: "file-missing", result: severity, file: check.path }];
      if (check.nonEmpty) {
        const bytes = facts.bytes(check.path);
        if (bytes === undefined)
          return [{ code: "file-unreadable", result: "unknown", file: check.path }];
        if (bytes.length === 0) return [{ code: "file-empty", result: severity, file: check.path }];
      }
      return [{ code: "file-present", result: "pass", file: check.path }];
    }
    case "file-absent":
      return facts.has(check.path)
        ? [{ code: "file-unexpected", result: severity, file: check.path }]
        : [{ code: "file-missing", result: "pass", file: check.path }];
    case "file-differs": {
      if (!facts.has(check.path)) {
        const missing = check.missing ?? "fail";
        return missing === "skip"
          ? []
          : [{ code: "file-missing", result: missing, file: check.path }];
      }
      const bytes = facts.bytes(check.path);
      if (bytes === undefined)
        return [{ code: "file-unreadable", result: "unknown", file: check.path }];
      const hash = gitBlobHash(bytes);
      const onDefault = check.severity === "note" ? "pass" : (check.severity ?? "warn");
      return check.defaults.includes(hash)
        ? [
            {
              code: "file-default",
              result: onDefault,
              file: check.path,
              found: hash,
            },
          ]
        : [{ code: "file-custom", result: "pass", file: check.path, found: hash }];
    }
    case "composer": {
      const { lock, problem } = facts.composer();
      if (!lock) return [problem!];
      const pkg = lock.packages.get(check.package);
      const expected = `>= ${check.min.replace(/^v/, "")}`;
      if (!pkg) {
        return [
          {
            code: "composer-missing",
            result: check.missing ?? "unknown",
            file: "composer.lock",
            subject: check.package,
            expected,
          },
        ];
      }
      const at = { file: "composer.lock", line: pkg.line, subject: pkg.name, found: pkg.version };
      const version = parseVersion(pkg.version);
      if (!version)
        return [{ code: "composer-unparsable-version", result: "unknown", ...at, expected }];
      return compareVersions(version, parseVersion(check.min)!) >= 0
        ? [{ code: "composer-ok", result: "pass", ...at, expected }]
        : [{ code: "composer-old", result: severity, ...at, expected }];
    }
    case "deploy-value": {
      // What production runs: the production deploy files, else the other cloud files.
      const scope = facts.production();
      if (scope.files.length === 0)
        return scope.notes.some((n) => n.result !== "pass")
          ? scope.notes
          : [...scope.notes, { code: "deploy-none", result: "unknown" }];
      const path = typeof check.path === "string" ? check.path.split(".") : check.path;
      const subject = path.join(".");
      const findings: Finding[] = [...scope.notes];
      const pattern = check.pattern === undefined ? undefined : compilePattern(check.pattern);
      for (const f of scope.files) {
        const hits = select(f.tree, path);
        if (check.expect === "absent") {
          for (const h of hits)
            findings.push({
              code: "deploy-value-unexpected",
              result: severity,
              file: f.file,
              line: h.node.line,
              subject: h.path.join("."),
            });
          if (hits.length === 0)
            findings.push({ code: "deploy-value-missing", result: "pass", file: f.file, subject });
          continue;
        }
        if (hits.length === 0) {
          findings.push({ code: "deploy-value-missing", result: severity, file: f.file, subject });
          continue;
        }
        for (const h of hits) {
          const value = scalarText(h.node);
          const where = { file: f.file, line: h.node.line, subject: h.path.join(".") };
          // A value under a secret-looking key, copied from one, or shaped like a credential is
          // never shown, stored or reported (verify/secret-names.ts: the one allow rule).
          const anchor = h.node.kind === "scalar" ? h.node.anchorKey : undefined;
          const secret = !mayShowValue(h.path, value, anchor);
          // No pattern (the schema refuses that) matches nothing: a check never passes unread.
          if (check.expect === "matches" && !(value !== undefined && pattern?.test(value))) {
            findings.push({
              code: secret ? "deploy-value-secret-mismatch" : "deploy-value-mismatch",
              result: severity,
              ...where,
              ...(secret ? {} : { found: value ?? "(not a single value)" }),
              expected: check.pattern,
            });
          } else {
            findings.push({
              code: secret ? "deploy-value-secret" : "deploy-value-present",
              result: "pass",
              ...where,
              ...(value !== undefined && !secret ? { found: value } : {}),
            });
          }
        }
      }
      return findings;
    }
    case "text-present":
    case "text-absent": {
      const files = facts.matching(check.files);
      const globs = typeof check.files === "string" ? check.files : check.files.join(", ");
      const limit = check.kind === "text-present" ? 1 : 50;
      const hits = searchText(
        facts,
        files,
        check.pattern,
        { ignoreCase: check.ignoreCase },
        limit,
        check.contains,
      );
      if (check.kind === "text-present") {
        return hits.length > 0
          ? [{ code: "text-found", result: "pass", ...hits[0]! }]
          : [{ code: "text-not-found", result: severity, subject: globs, expected: check.pattern }];
      }
      return hits.length > 0
        ? hits.map((h) => ({ code: "text-unexpected" as const, result: severity, ...h }))
        : [{ code: "text-not-found", result: "pass", subject: globs }];
    }
  }
}

function textScan(contains: string, ignoreCase: boolean): Omit<PrescanRequest, "files"> {
  return { needle: contains, ignoreCase, text: true };
}

/** A text check's question to the scan before the rules (`RepoView.prescan`): its `contains`. */
export function textScanRequest(
  check: Check,
  files: readonly string[],
): PrescanRequest | undefined {
  if ((check.kind !== "text-present" && check.kind !== "text-absent") || !check.contains)
    return undefined;
  return {
    ...textScan(check.contains, check.ignoreCase === true),
    files: filesMatching(files, check.files),
  };
}

/**
 * Lines matching the pattern `source` in `files`, up to `limit`; a quick whole-file test skips
 * most files, and `contains` (text every match holds) skips them before the pattern runs. The
 * pattern comes from a catalogue: it runs in linear time (schema/pattern.ts).
 */
export function searchText(
  facts: Facts,
  files: readonly string[],
  source: string,
  options: PatternOptions,
  limit: number,
  contains?: string,
): { file: string; line: number }[] {
  const out: { file: string; line: number }[] = [];
  const re = compilePattern(source, options);
  // Every line that matches makes the whole text match with ^ and $ at line ends.
  const whole = compilePattern(source, { ...options, multiline: true });
  // `contains` is printable ASCII. Lowercasing folds as RE2 does for it, but for the long s
  // (ſ), which RE2 matches as an s: it is turned into one first.
  const needle = options.ignoreCase ? contains?.toLowerCase() : contains;
  const holds = (text: string) =>
    needle === undefined ||
    (options.ignoreCase ? text.toLowerCase().replaceAll("ſ", "s") : text).includes(needle);
  const request =
    contains === undefined ? undefined : textScan(contains, options.ignoreCase === true);
  for (const file of files) {
    // The scan before the rules found the file does not hold `contains`: not read again.
    if (request && facts.mayHold(file, request) === false) continue;
    const text = facts.scanText(file);
    if (text === undefined || !holds(text) || !whole.test(text)) continue;
    const lines = text.split("\n");
    for (let i = 0; i < lines.length && out.length < limit; i++) {
      if (re.test(lines[i]!)) out.push({ file, line: i + 1 });
    }
    if (out.length >= limit) break;
  }
  return out;
}
