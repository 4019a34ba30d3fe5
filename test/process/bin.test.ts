// @module-tag process
/**
 * The installed command as a process: what the in-process tests cannot show. The README's
 * quick start as typed, and the exit codes and streams a shell or a CI job sees.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { goliveBin, read, tempRepo } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;

/** The words of a shell command line, with "double quotes" kept together. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("the built command", () => {
  test("runs the README's quick start as written", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = readme
      .split("```sh\n")
      .map((b) => b.split("```")[0]!)
      .find((b) => b.includes("cd your-shop"));
    expect(block, "README.md has a quick start block with `cd your-shop`").toBeDefined();
    const commands = block!
      .split("\n")
      .map((line) => line.replace(/#.*$/, "").trim())
      .filter((line) => line.startsWith("golive "))
      .map((line) => words(line).slice(1));
    expect(commands.map((c) => c[0])).toEqual(["init", "status", "done", "check"]);

    const repo = tempRepo();
    // Three weeks before go-live, when the eight-week items are overdue: pinned on the command
    // line, as GOLIVE_TODAY's day would not be the clock's, which check says on stderr.
    for (const args of commands) {
      const result = goliveBin(repo, ["--today", "2027-02-10", ...args]);
      expect(result.stderr, args.join(" ")).toBe("");
      if (args[0] === "check") {
        // "in CI: exit 1 while items are overdue"
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("golive check failed");
      } else {
        expect(result.code, args.join(" ")).toBe(0);
      }
      if (args[0] === "status") expect(result.stdout).toContain("Overdue (36)");
    }
    expect(read(repo)).toContain("  CLO-14:\n    status: done\n    note: DNS delegated, TTL 300\n");
  });

  test("exits 0, 1 or 2 as documented, with output on stdout and messages on stderr", () => {
    const repo = tempRepo();
    const env = { GOLIVE_TODAY: "2027-02-10" };
    const version = goliveBin(repo, ["--version"]);
    expect([version.code, version.stdout, version.stderr]).toEqual([0, `${VERSION}\n`, ""]);
    const help = goliveBin(repo, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes:");

    // No golive.yaml yet: a bad setup is exit 2, one message, no stack trace.
    const missing = goliveBin(repo, ["status"], env);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^error: no golive.yaml in /);
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    // A warning goes to stderr, the report to stdout.
    const init = goliveBin(repo, ["init", "--date", "2027-01-01", "--allow-past"], env);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Created golive.yaml");
    expect(init.stdout).not.toContain("warning");
    expect(init.stderr).toContain("warning: go-live 2027-01-01 is before today (2027-02-10)");

    const gate = goliveBin(repo, ["check", "--json"], env);
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.stdout)).toMatchObject({ command: "check", passed: false });
    const passing = goliveBin(repo, ["--today", "2026-10-01", "check"], env);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain("golive check passed");

    const usage = goliveBin(repo, ["check", "--no-such-flag"], env);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expect(usage.stderr).toContain("unknown option '--no-such-flag'");
  });
});
