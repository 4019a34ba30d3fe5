/**
 * The CI snippets in docs/ci.md and the example workflow, run against the demo fixture
 * with its pinned date: they must be green, and the workflow must turn red as documented.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUNDLE, gitEnv, golive, tempDir, tempRepo } from "../helpers/cli.js";

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
      if (args[0] === "diff") {
        expect(args).toEqual([
          "diff",
          '"origin/$BASE_REF"',
          "--format",
          "markdown",
          ">",
          "golive-diff.md",
        ]);
        continue;
      }
      const r = await golive(cwd, ["--file", DEMO, "--today", GREEN, ...args], {
        GOLIVE_WEBHOOK_URL: "https://hooks.slack.com/services/T0/B0/x",
      });
      expect(r.code, `golive ${args.join(" ")}: ${r.stderr}`).toBe(0);
    }
    expect([...ran].sort()).toEqual(["check", "diff", "export", "notify", "portfolio"]);
  });
});

describe("docs/ci.md: the pull-request diff comment", () => {
  const text = readFileSync(join(ROOT, "docs/ci.md"), "utf8");
  const block = /<!-- ci: pr-diff -->\n```yaml\n([\s\S]*?)```/.exec(text)![1]!;
  const workflow = parse(block);
  const steps = workflow.jobs.diff.steps as {
    run?: string;
    uses?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
  }[];

  it("checks out the history, keeps the base name out of the shell line, posts one sticky comment", () => {
    expect(steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const diff = steps.find((s) => s.run?.includes("golive.cjs diff"))!;
    expect(diff.run).not.toContain("${{");
    expect(diff.env).toEqual({ BASE_REF: `$\{{ github.base_ref }}` });
    expect(steps.at(-1)).toMatchObject({ with: { header: "golive", path: "golive-diff.md" } });
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  });

  it("its diff line, run by bash in a pull request's merge, writes the comment's Markdown", async () => {
    const repo = tempRepo({ "golive.yaml": readFileSync(DEMO, "utf8") });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv(repo) });
    git("add", "-A");
    git("commit", "-q", "-m", "demo");
    // The runner's clone: the base branch as origin/main, the pull request's merge checked out.
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("checkout", "-q", "-b", "pr-merge");
    const edited = readFileSync(join(repo, "golive.yaml"), "utf8").replace(
      /^goLive: .*$/m,
      "goLive: 2027-03-15",
    );
    writeFileSync(join(repo, "golive.yaml"), edited);
    mkdirSync(join(repo, "tools"));
    cpSync(BUNDLE, join(repo, "tools/golive.cjs"));
    const diff = steps.find((s) => s.run?.includes("golive.cjs diff"))!;
    execFileSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", diff.run!], {
      cwd: repo,
      env: { ...gitEnv(repo), BASE_REF: "main", GOLIVE_TODAY: GREEN },
    });
    expect(readFileSync(join(repo, "golive-diff.md"), "utf8")).toMatch(
      /^### golive\.yaml: go-live moved to Mon 15 Mar 2027/,
    );
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
