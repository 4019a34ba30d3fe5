/**
 * Files changed while `golive verify --record` runs (issue 21), at moments runVerify's
 * `afterChecks` does not reach: just after the checks' view read git's index (a `git add` or
 * a checkout adds a file no check lists), and while the inputs are taken (a file re-read for
 * its blob ID), both through `afterOpen` (the suite shares modules between files: no mock).
 * Neither may leave a verdict that status repeats as current.
 */
import { appendFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CalendarDate } from "../../src/core/dates.js";
import type { RealRepo } from "../../src/io/repo-view.js";
import { makeStyle } from "../../src/render/text.js";
import type { Context } from "../../src/work/context.js";
import { recordEvidence } from "../../src/work/evidence.js";
import { runVerify } from "../../src/work/verify-run.js";
import { openState } from "../../src/work/workspace.js";
import { commitAll, git, golive, read, tempRepo, withGitCallsLogged } from "../helpers/cli.js";

const DAY = "2027-01-04" as CalendarDate;
const KEY =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxvR0b8tq3Ynp1aZ0k5y0\n-----END RSA PRIVATE KEY-----\n";

/**
 * `verify --record` in a clean shop with `change` made as the checks' view has opened; what
 * is recorded and what status says of APP-17.
 */
async function recordWith(change: (dir: string, view: RealRepo) => void) {
  const dir = tempRepo({ "docs/notes.md": "# notes\n" });
  commitAll(dir, "shop");
  const init = await golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY });
  expect(init.code).toBe(0);
  const ctx: Context = {
    cwd: dir,
    today: DAY,
    now: () => "2027-01-04T09:00:00Z",
    style: makeStyle(0, 100),
    gitUser: () => "Test User",
  };
  const workspace = openState(ctx).read();
  const items = workspace.catalogue.items.filter((i) => i.checks);
  const run = await runVerify(ctx, workspace, items, {
    inputs: true,
    afterOpen: (view) => change(dir, view),
  });
  await recordEvidence(ctx, run.verdicts, run.inputs ? { inputs: run.inputs } : {});
  const status = await golive(dir, ["status", "--json"], { GOLIVE_TODAY: DAY });
  const app17 = JSON.parse(status.stdout).items.find((i: { id: string }) => i.id === "APP-17");
  return { run, state: read(dir), evidence: app17.evidence };
}

describe("a file changed where afterChecks does not reach", () => {
  test("a key added with git add as the checks' view opens: status runs APP-17 again", async () => {
    const { run, state, evidence } = await recordWith((dir) => {
      writeFileSync(join(dir, "deploy.pem"), KEY);
      git(dir, "add", "deploy.pem");
    });
    // The checks listed the files before deploy.pem was added: APP-17 judged a tree without it.
    expect(run.verdicts.find((v) => v.id === "APP-17")?.result).toBe("pass");
    expect(run.changedWhileRead).toBe(true);
    expect(run.inputs).toBeUndefined();
    expect(state).not.toContain("inputs:");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });

  test("a key written while the inputs are taken: status runs APP-17 again", async () => {
    const { run, state, evidence } = await recordWith((dir, view) => {
      // The first blob ID asked for is the first input taken, once every check has run.
      const blob = view.blob;
      let written = false;
      view.blob = (path) => {
        if (!written) appendFileSync(join(dir, "docs/notes.md"), KEY);
        written = true;
        return blob(path);
      };
    });
    expect(run.verdicts.find((v) => v.id === "APP-17")?.result).toBe("pass");
    expect(run.changedWhileRead).toBe(true);
    expect(state).not.toContain("inputs:");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });
});

describe("the work tree's fingerprint, twice", () => {
  test("with hundreds of touched files, git diff-files runs once for each fingerprint and once for the inputs", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`a/${String(i).padStart(3, "0")}.md`] = `${i}\n`;
    const dir = tempRepo(files);
    commitAll(dir, "shop");
    const init = await golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY });
    expect(init.code).toBe(0);
    // Stat data changed, bytes not: git lists every file, and each is hashed.
    const later = new Date(Date.now() + 60_000);
    for (const path of Object.keys(files)) utimesSync(join(dir, path), later, later);
    const ctx: Context = {
      cwd: dir,
      today: DAY,
      now: () => "2027-01-04T09:00:00Z",
      style: makeStyle(0, 100),
      gitUser: () => "Test User",
    };
    const workspace = openState(ctx).read();
    const items = workspace.catalogue.items.filter((i) => i.checks);
    const { result: run, calls } = await withGitCallsLogged(() =>
      runVerify(ctx, workspace, items, { inputs: true }),
    );
    expect(run.changedWhileRead).toBeUndefined();
    expect(run.inputs?.get("APP-17")).toMatch(/ t:[0-9a-f]{40}/);
    expect(calls.filter((c) => c.includes("diff-files"))).toHaveLength(3);
  });
});

describe("a work tree with no fingerprint to record", () => {
  test("a tracked file deleted: a key written after the checks still leaves no inputs", async () => {
    const dir = tempRepo({ "docs/notes.md": "# notes\n", "old.md": "gone\n" });
    commitAll(dir, "shop");
    // A file that cannot be read leaves no fingerprint (evidence-inputs.ts: worktreeFingerprint).
    rmSync(join(dir, "old.md"));
    const init = await golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: DAY });
    expect(init.code).toBe(0);
    const ctx: Context = {
      cwd: dir,
      today: DAY,
      now: () => "2027-01-04T09:00:00Z",
      style: makeStyle(0, 100),
      gitUser: () => "Test User",
    };
    const workspace = openState(ctx).read();
    const items = workspace.catalogue.items.filter((i) => i.checks);
    // Nothing written: the inputs are recorded as before, without a fingerprint.
    const still = await runVerify(ctx, workspace, items, { inputs: true });
    expect(still.changedWhileRead).toBeUndefined();
    expect(still.inputs?.get("APP-17")).toMatch(/^[0-9a-f]{40} /);
    expect(still.inputs?.get("APP-17")).not.toContain("t:");
    const run = await runVerify(ctx, workspace, items, {
      inputs: true,
      afterChecks: () => appendFileSync(join(dir, "docs/notes.md"), KEY),
    });
    expect(run.verdicts.find((v) => v.id === "APP-17")?.result).toBe("pass");
    expect(run.changedWhileRead).toBe(true);
    await recordEvidence(ctx, run.verdicts, run.inputs ? { inputs: run.inputs } : {});
    const status = await golive(dir, ["status", "--json"], { GOLIVE_TODAY: DAY });
    const app17 = JSON.parse(status.stdout).items.find((i: { id: string }) => i.id === "APP-17");
    expect(app17.evidence).toMatchObject({ result: "pass", stale: true });
  });
});
