/**
 * Issue 18, values from the environment: a CI job's environment holds its secrets, and none of
 * its values reaches any output of golive, whichever variable holds it: the ones golive reads
 * (GOLIVE_TODAY, GOLIVE_WEBHOOK_URL, GOLIVE_GIT_TIMEOUT, GOLIVE_DEBUG, COLUMNS, TERM,
 * FORCE_COLOR, GITHUB_ACTIONS, a --webhook-env name) and the ones a shop's files name
 * (`${SPRYKER_DB_PASSWORD}` in a deploy file), which golive never expands.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitEnv, golive, tempDir, tempRepo } from "../helpers/cli.js";
import { shop } from "../helpers/shop.js";

const SECRET = "ghp_EnvSecret0123456789abcdefABCDEF0123";
/** What must never show: the secret's distinctive middle, however it is escaped or cut. */
const NEVER = /EnvSecret|0123456789abcdef/;

const COMMANDS: string[][] = [
  ["status"],
  ["status", "--format", "markdown"],
  ["list", "--json"],
  ["show", "CLO-01"],
  ["check"],
  ["check", "--format", "github"],
  ["check", "--format", "junit"],
  ["check", "--format", "json"],
  ["export", "--format", "markdown"],
  ["export", "--format", "ics"],
  ["export", "--format", "csv"],
  ["export", "--format", "html"],
  ["verify", "--json"],
  ["notify", "--to", "slack", "--dry-run"],
  ["notify", "--to", "json", "--retries", "0", "--timeout", "2"],
  ["notify", "--to", "json", "--webhook-env", "GITHUB_TOKEN"],
  ["portfolio", ".", "--json"],
  ["doctor"],
];

async function shopProject(): Promise<string> {
  const files = shop() as Record<string, string>;
  files["deploy.shop-prod.yml"] = files["deploy.shop-prod.yml"]!.replace(
    "    SPRYKER_HOOK_INSTALL:",
    `    SPRYKER_DB_PASSWORD: \${SPRYKER_DB_PASSWORD}\n    SPRYKER_HOOK_INSTALL:`,
  );
  const repo = tempRepo(files);
  const init = await golive(repo, ["init", "--date", "2027-03-01"], {
    GOLIVE_TODAY: "2027-01-04",
  });
  expect(init.code, init.stderr).toBe(0);
  execFileSync("git", ["add", "-A"], { cwd: repo, env: gitEnv(repo) });
  await golive(repo, ["block", "CLO-01", "--reason", "waiting"], { GOLIVE_TODAY: "2027-01-04" });
  return repo;
}

describe("no value of the environment reaches an output", () => {
  it("GOLIVE_TODAY holding a secret: refused, the value not shown", async () => {
    const repo = tempRepo();
    const r = await golive(repo, ["status"], { GOLIVE_TODAY: SECRET });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: GOLIVE_TODAY is not a date$/m);
    expect(r.stderr).not.toMatch(NEVER);
  });

  it("GOLIVE_GIT_TIMEOUT holding a secret or no number golive takes: refused, the value not shown", async () => {
    const repo = tempRepo();
    for (const value of [SECRET, "0x10", "0", "-1", "3601"]) {
      const r = await golive(repo, ["status"], {
        GOLIVE_TODAY: "2027-01-04",
        GOLIVE_GIT_TIMEOUT: value,
      });
      expect(r.code, value).toBe(2);
      expect(r.stderr).toMatch(
        /^error: GOLIVE_GIT_TIMEOUT is not a number of seconds golive takes$/m,
      );
      expect(r.stderr).not.toMatch(NEVER);
      if (value === "0x10" || value === "3601") expect(r.stderr).not.toContain(value);
    }
  });

  it(`every other variable holding one, under ${COMMANDS.length} commands`, async () => {
    const repo = await shopProject();
    const summary = join(tempDir(), "summary.md");
    const env = {
      GOLIVE_TODAY: "2027-02-20",
      GOLIVE_WEBHOOK_URL: `https://127.0.0.1:1/hooks/${SECRET}`,
      GOLIVE_DEBUG: SECRET,
      COLUMNS: SECRET,
      TERM: SECRET,
      FORCE_COLOR: SECRET,
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_TOKEN: SECRET,
      SPRYKER_DB_PASSWORD: SECRET,
      AWS_SECRET_ACCESS_KEY: SECRET,
    };
    let runs = 0;
    for (const args of COMMANDS) {
      const r = await golive(repo, args, env);
      expect(`${args.join(" ")}: ${r.stdout}${r.stderr}`).not.toMatch(NEVER);
      expect(r.stderr).not.toContain("internal error");
      runs++;
    }
    expect(runs).toBe(COMMANDS.length);
    expect(readFileSync(summary, "utf8")).not.toMatch(NEVER);
  }, 60_000);
});
