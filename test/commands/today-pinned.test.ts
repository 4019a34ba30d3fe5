/**
 * A day GOLIVE_TODAY pins, not the clock's, is said by every gate: a variable left in a CI
 * job's settings must not keep one green unseen. `golive check`'s own test is in gate.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { golive, initRepo, tempDir } from "../helpers/cli.js";

const clock = { now: new Date("2027-02-10T09:00:00") };
const SAID = "GOLIVE_TODAY sets today to 2026-06-01, the clock says 2027-02-10";

describe("golive portfolio --gate", () => {
  it("says when GOLIVE_TODAY judges another day than the clock's", async () => {
    // Go-live 2027-03-01: on the clock's day the eight-week items are late.
    const shop = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
    const gate = (env: Record<string, string>, args: string[] = []) =>
      golive(tempDir(), [...args, "portfolio", shop, "--gate"], env, clock);

    const pinned = await gate({ GOLIVE_TODAY: "2026-06-01" });
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stderr).toContain(SAID);

    const late = await gate({});
    expect(late.code).toBe(1);
    expect(late.stderr).not.toContain("GOLIVE_TODAY");
    // The clock's own day, or --today written on the command line: nothing to say.
    for (const quiet of [
      await gate({ GOLIVE_TODAY: "2027-02-10" }),
      await gate({}, ["--today", "2026-06-01"]),
    ]) {
      expect(quiet.stderr).not.toContain("GOLIVE_TODAY");
    }
    // A failing gate under a pinned day says both.
    const both = await gate({ GOLIVE_TODAY: "2027-02-20" });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("GOLIVE_TODAY sets today to 2027-02-20");
    expect(both.stderr).toContain("golive portfolio --gate failed");
  });
});

describe("golive check in every format", () => {
  it("says it in the GitHub annotations, the job summary, Markdown and JUnit", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
    const env = { GOLIVE_TODAY: "2026-06-01" };
    const format = async (name: string) =>
      (await golive(dir, ["check", "--format", name], env, clock)).stdout;
    expect(await format("github")).toMatch(
      /^::warning title=golive%3A today is pinned::GOLIVE_TODAY sets today to 2026-06-01, the clock says 2027-02-10$/m,
    );
    expect(await format("markdown")).toContain(`Today is 2026-06-01 (${SAID});`);
    expect(await format("junit")).toContain(`<!-- ${SAID} -->`);
    const summary = `${tempDir()}/summary.md`;
    const ci = await golive(
      dir,
      ["check"],
      { ...env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
      clock,
    );
    expect(ci.code, ci.stderr).toBe(0);
    expect(ci.stdout).toContain("::warning title=golive%3A today is pinned::");
    expect(readFileSync(summary, "utf8")).toContain(`Today is 2026-06-01 (${SAID});`);
    // The clock's own day: the formats say nothing of it.
    const plain = await golive(dir, ["check", "--format", "github"], {}, clock);
    expect(plain.stdout).not.toContain("pinned");
  });
});
