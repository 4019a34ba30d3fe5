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

describe("an item with many findings in text", () => {
  // APP-17's real shape: notes and placeholder warnings first, literal passwords later.
  const findings: ItemVerdict["findings"] = [
    ...Array.from({ length: 10 }, (_, i) => ({
      code: "secret-placeholder" as const,
      result: "warn" as const,
      file: "deploy.dev.yml",
      line: i + 1,
      subject: `W${i}`,
    })),
    ...Array.from({ length: 60 }, (_, i) => ({
      code: "secret-deploy-literal" as const,
      result: "warn" as const,
      file: "deploy.ci.yml",
      line: i + 1,
      subject: `C${i}`,
    })),
    ...Array.from({ length: 14 }, (_, i) => ({
      code: "secret-deploy-literal" as const,
      result: "fail" as const,
      file: "deploy.shop-prod.yml",
      line: i + 1,
      subject: `P${i}`,
    })),
  ];
  const many: VerifyRun = {
    ...run,
    verdicts: [{ id: "APP-17", title: "Secrets", result: "fail", findings }],
  };

  test("lists failures first, in the rule's order, and says what the cut hides", () => {
    const text = renderVerify(makeStyle(0, 200), many);
    const shown = text.split("\n").filter((l) => l.includes("deploy."));
    expect(shown).toHaveLength(12);
    expect(shown.slice(0, 12).every((l) => l.includes("deploy.shop-prod.yml"))).toBe(true);
    expect(shown[0]).toContain("deploy.shop-prod.yml:1 ");
    expect(text).toContain("… 72 more findings (2 fail, 70 warn): --full shows them");
  });

  test("--full shows every finding, failures, then warnings", () => {
    const text = renderVerify(makeStyle(0, 200), { ...many, full: true });
    const shown = text.split("\n").filter((l) => l.includes("deploy."));
    expect(shown).toHaveLength(84);
    expect(shown.slice(0, 14).every((l) => l.includes("deploy.shop-prod.yml"))).toBe(true);
    expect(shown.slice(14, 24).every((l) => l.includes("deploy.dev.yml"))).toBe(true);
    expect(text).not.toContain("more finding");
  });
});

describe("a record over files that changed while the checks read them", () => {
  const recorded: VerifyRun = { ...run, recordedIn: "golive.yaml", changedWhileRead: true };

  test("says so after the record line, in text and JSON", () => {
    const text = renderVerify(makeStyle(0, 100), recorded);
    expect(text).toMatch(/no status changed\.\n {2}Tracked files changed while golive verify ran/);
    expect(text.replace(/\s+/g, " ")).toContain(
      "Tracked files changed while golive verify ran, so the evidence is recorded without its inputs and status runs its checks each time: run golive verify --record again once nothing writes to the repository.",
    );
    expect(verifyJson(recorded).changedWhileRead).toBe(true);
  });

  test("is not mentioned when nothing was recorded, or nothing changed", () => {
    const unrecorded = { ...run, changedWhileRead: true };
    expect(renderVerify(makeStyle(0, 200), unrecorded)).not.toContain("Tracked files changed");
    expect(verifyJson(unrecorded).changedWhileRead).toBe(false);
    const settled = { ...run, recordedIn: "golive.yaml" };
    expect(renderVerify(makeStyle(0, 200), settled)).not.toContain("Tracked files changed");
    expect(verifyJson(settled).changedWhileRead).toBe(false);
  });
});
