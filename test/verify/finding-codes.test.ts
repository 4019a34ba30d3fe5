/**
 * docs/verify.md lists every code a verify rule can report, with what golive says for it: the
 * list between `<!-- finding-codes -->` and `<!-- /finding-codes -->` is made from the
 * `FindingCode` union (src/core/verdict.ts, probe's codes aside) and each code's words
 * (src/render/verify-words.ts). GOLIVE_DOCS_UPDATE=1 (`npm run docs`) rewrites it.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import type { FindingCode, ItemVerdict } from "../../src/core/verdict.js";
import { findingMessage, staleEvidenceWords } from "../../src/render/verify-words.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DOC = join(ROOT, "docs/verify.md");

/** The codes of verify's rules, in the order the union lists them. */
function verifyCodes(): FindingCode[] {
  const text = readFileSync(join(ROOT, "src/core/verdict.ts"), "utf8");
  const union = /export type FindingCode =([\s\S]*?);/.exec(text)![1]!;
  return [...union.matchAll(/\|\s*"([a-z0-9-]+)"/g)].map((m) => m[1] as FindingCode);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Codes no rule reports any more, kept so that evidence an earlier golive recorded still reads. */
const RETIRED = new Set<string>([]);

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/`/g, "'");

function table(codes: readonly FindingCode[]): string {
  const lines = [
    "| Code | What golive says (FILE, SUBJECT, FOUND, EXPECTED: the finding's own) |",
    "| --- | --- |",
  ];
  for (const code of codes) {
    const words = findingMessage({
      code,
      result: "fail",
      file: "FILE",
      line: 1,
      subject: "SUBJECT",
      found: "FOUND",
      expected: "EXPECTED",
    });
    const retired = RETIRED.has(code)
      ? " (no longer reported: read in evidence recorded before)"
      : "";
    lines.push(`| \`${code}\` | ${cell(words)}${retired} |`);
  }
  return lines.join("\n");
}

test("every finding code of verify's rules is in docs/verify.md with its words, and only those", () => {
  const codes = verifyCodes();
  expect(codes.length).toBeGreaterThan(100);
  // Each code is one a rule under src/verify can report.
  const rules = sources(join(ROOT, "src/verify"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  expect(codes.filter((c) => !rules.includes(`"${c}"`))).toEqual([...RETIRED]);
  const doc = readFileSync(DOC, "utf8");
  const block = /<!-- finding-codes -->\n([\s\S]*?)\n<!-- \/finding-codes -->/.exec(doc);
  expect(block, "docs/verify.md has no <!-- finding-codes --> block").not.toBeNull();
  const wanted = table(codes);
  if (process.env.GOLIVE_DOCS_UPDATE === "1" && block![1] !== wanted) {
    writeFileSync(DOC, doc.replace(block![1]!, wanted));
    return;
  }
  expect(block![1]).toBe(wanted);
});

describe("stale evidence in the standup's words", () => {
  const recorded = { result: "unknown", code: "release-none", at: "2027-01-04T10:00:00Z" } as const;
  const now = (result: "pass" | "unknown", code: string): ItemVerdict => ({
    id: "APP-02",
    title: "Keep Spryker up to date",
    result,
    findings: [{ code: code as FindingCode, result }],
  });

  test("another result: the two results", () => {
    expect(staleEvidenceWords(recorded, now("pass", "release-ok"))).toBe(
      "recorded unknown on 2027-01-04, the repository now says pass",
    );
  });

  test("the same result from another finding: the findings, never 'unknown, now unknown' alone", () => {
    expect(staleEvidenceWords(recorded, now("unknown", "composer-lock-missing"))).toBe(
      "recorded unknown (release-none) on 2027-01-04, the repository now says unknown (composer-lock-missing)",
    );
  });

  test("a code golive does not know, from an edited golive.yaml, is not echoed", () => {
    const edited = { ...recorded, code: "\u001b]8;;evil\u0007x" };
    const words = staleEvidenceWords(edited, now("unknown", "composer-lock-missing"));
    expect(words).not.toContain("\u001b");
    expect(words).toBe(
      "recorded unknown on 2027-01-04, the repository now says unknown (composer-lock-missing)",
    );
  });
});
