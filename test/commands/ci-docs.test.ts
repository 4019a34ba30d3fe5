/**
 * The CI snippets in docs/ci.md and the example workflow, run against the demo fixture
 * with its pinned date: they must be green, and the workflow must turn red as documented.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { golive, tempDir } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DEMO = join(ROOT, "examples/demo/golive.yaml");
const GREEN = "2027-02-03";

/** A command line's words, without a trailing shell comment. */
function words(command: string): string[] {
  return command
    .replace(/\s#\s.*$/, "")
    .trim()
    .split(/\s+/);
}

describe("docs/ci.md", () => {
  const commands = [
    ...readFileSync(join(ROOT, "docs/ci.md"), "utf8").matchAll(
      /node tools\/golive\.cjs ([^`'\n]+)/g,
    ),
  ].map((m) => words(m[1]!));

  it("has snippets for GitHub Actions, GitLab CI and Jenkins", () => {
    const text = readFileSync(join(ROOT, "docs/ci.md"), "utf8");
    expect(text).toContain("reports:\n      junit: reports/golive.xml");
    expect(text).toContain("junit 'reports/golive.xml'");
    expect(commands.length).toBeGreaterThanOrEqual(6);
  });

  it("every golive command in it runs green on the demo", async () => {
    const ran = new Set<string>();
    for (const args of commands) {
      const cwd = tempDir("golive-docs-");
      ran.add(args[0]!);
      // The portfolio job's list names the demo; the digest's --since is Monday's shell
      // line (`"$(...)"`), and it is run with --dry-run: a webhook is the notify test's.
      if (args[0] === "portfolio") {
        writeFileSync(
          join(cwd, "portfolio.yaml"),
          `projects:\n  - name: Demo\n    path: ${dirname(DEMO)}\n`,
        );
      }
      if (args[0] === "notify") {
        expect(args.join(" ")).toContain('--since "$([');
        args.splice(
          args.indexOf("--since"),
          Number.POSITIVE_INFINITY,
          "--since",
          "3d",
          "--dry-run",
        );
      }
      const r = await golive(cwd, ["--file", DEMO, "--today", GREEN, ...args], {
        GOLIVE_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/x",
      });
      expect(r.code, `golive ${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
    expect([...ran].sort()).toEqual(["check", "export", "notify", "portfolio"]);
  });
});

describe(".github/workflows/golive-gate.yml", () => {
  const workflow = readFileSync(join(ROOT, ".github/workflows/golive-gate.yml"), "utf8");
  const line = /run: node dist\/golive\.cjs (.+)/.exec(workflow)![1]!;

  async function run(today: string) {
    const cwd = tempDir("golive-gate-");
    const summary = join(cwd, "summary.md");
    const args = words(line.replace("examples/demo/golive.yaml", DEMO).replace(GREEN, today));
    const r = await golive(cwd, args, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    return { ...r, cwd, summary };
  }

  it("is green on the demo fixture, with annotations, a summary and a JUnit file", async () => {
    expect(line).toContain(`--today ${GREEN}`);
    const r = await run(GREEN);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^::warning /m);
    expect(r.stdout).toMatch(/^::notice .*TES-03 waived/m);
    expect(readFileSync(r.summary, "utf8")).toContain("### ✅");
    expect(XMLValidator.validate(readFileSync(join(r.cwd, "reports/golive.xml"), "utf8"))).toBe(
      true,
    );
  });

  it("turns red as documented once the waiver has expired", async () => {
    expect(workflow).toContain("change --today below to 2027-02-09");
    const r = await run("2027-02-09");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=.*title=golive%3A TES-03 waiver expired::/m);
  });
});
