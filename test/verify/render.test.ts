import { describe, expect, test } from "vitest";
import type { ItemVerdict } from "../../src/core/verdict.js";
import { makeStyle } from "../../src/render/text.js";
import { renderVerify, type VerifyRun, verifyJson } from "../../src/render/verify.js";
import { verdictSummary } from "../../src/render/verify-words.js";

// Repository text can hold anything: here an escape sequence in a value and a bell in a path.
const ESC = "\u001b[31m";
const verdict: ItemVerdict = {
  id: "APP-08",
  title: "Pin the Docker SDK",
  result: "warn",
  findings: [
    {
      code: "docker-sdk-branch",
      result: "warn",
      file: "a\u0007.git.docker",
      line: 1,
      found: `v1${ESC}x`,
    },
  ],
};
const run: VerifyRun = {
  root: "/shop",
  source: "git",
  fileCount: 1,
  today: "2027-01-04",
  goLive: "2027-03-01",
  verdicts: [verdict],
};

describe("repository text in verify's output", () => {
  test("is stored and reported as it is: the summary and JSON carry the raw characters", () => {
    expect(verdictSummary(verdict)).toBe(
      `a\u0007.git.docker:1: Docker SDK branch v1${ESC}x, not a release tag`,
    );
    const report = verifyJson(run);
    expect(report.items[0]!.summary).toBe(verdictSummary(verdict));
    expect(report.items[0]!.findings[0]!.message).toBe(
      `Docker SDK branch v1${ESC}x, not a release tag`,
    );
    // JSON.stringify's own escaping is the only one: no \x1b spelled out by golive.
    const json = JSON.stringify(report);
    expect(json).toContain("v1\\u001b[31mx");
    expect(json).not.toContain("\\\\x1b");
  });

  test("is escaped on the terminal", () => {
    const text = renderVerify(makeStyle(0, 80), run);
    expect(text).toContain(
      "a\\x07.git.docker:1  Docker SDK branch v1\\x1b[31mx, not a release tag",
    );
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
  });
});
