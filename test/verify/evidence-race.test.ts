/**
 * Files changed while `golive verify --record` runs (issue 21): an editor, a build, a checkout
 * or a `git add` writes to the work tree just after the checks' view read git's index, once
 * the checks are done, or while the inputs are taken. The recorded inputs must not name bytes
 * the checks never judged, or `status` would repeat a verdict over other bytes as current.
 * runVerify's `afterOpen` and `afterChecks` make the change at those moments (the suite shares
 * modules between files: no module mock).
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
import { evidenceIn } from "../helpers/evidence.js";

const DAY = "2027-01-04" as CalendarDate;
const KEY =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxvR0b8tq3Ynp1aZ0k5y0\n-----END RSA PRIVATE KEY-----\n";

/** A committed shop of `files` with golive.yaml, and what runVerify needs to check it. */
async function initShop(files: Record<string, string>, prepare?: (dir: string) => void) {
  const dir = tempRepo(files);
  commitAll(dir, "shop");
  prepare?.(dir);
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
  return { dir, ctx, workspace, items };
}

/** Records `run` as `verify --record` would; what status says of APP-17 then. */
async function recordAndAsk(
  shop: Awaited<ReturnType<typeof initShop>>,
  run: Awaited<ReturnType<typeof runVerify>>,
) {
  await recordEvidence(shop.ctx, run.verdicts, run.inputs ? { inputs: run.inputs } : {});
  const status = await golive(shop.dir, ["status", "--json"], { GOLIVE_TODAY: DAY });
  return JSON.parse(status.stdout).items.find((i: { id: string }) => i.id === "APP-17").evidence;
}

/** `verify --record` with `change` made after the checks; the APP-17 line and what status says. */
async function recordDuring(
  files: Record<string, string>,
  change: (dir: string) => void,
  prepare?: (dir: string) => void,
) {
  const shop = await initShop(files, prepare);
  const run = await runVerify(shop.ctx, shop.workspace, shop.items, {
    inputs: true,
    afterChecks: () => change(shop.dir),
  });
  const evidence = await recordAndAsk(shop, run);
  const recorded = evidenceIn(read(shop.dir), "APP-17");
  return { run, recorded, evidence };
}

/** `verify --record` in a clean shop with `change` made as the checks' view has opened. */
async function recordWith(change: (dir: string, view: RealRepo) => void) {
  const shop = await initShop({ "docs/notes.md": "# notes\n" });
  const run = await runVerify(shop.ctx, shop.workspace, shop.items, {
    inputs: true,
    afterOpen: (view) => change(shop.dir, view),
  });
  const evidence = await recordAndAsk(shop, run);
  return { run, state: read(shop.dir), evidence };
}

describe("a file changed while verify --record runs", () => {
  test("a key written into a file the every-file scan read: status runs APP-17 again", async () => {
    const { run, recorded, evidence } = await recordDuring(
      { "docs/notes.md": "# notes\n" },
      (dir) => appendFileSync(join(dir, "docs/notes.md"), KEY),
    );
    expect(run.changedWhileRead).toBe(true);
    expect(recorded).toMatchObject({ result: "pass", code: expect.stringMatching(/^secrets-/) });
    expect(recorded).not.toHaveProperty("inputs");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });

  test("a checkout that brings a key back, with more files than are stat'ed one by one", async () => {
    // Past a few hundred files, blob IDs come from `git diff-files`, which answers against the
    // index the checkout wrote.
    const files: Record<string, string> = { "docs/notes.md": `# notes\n${KEY}` };
    for (let i = 0; i < 300; i++) files[`a/${String(i).padStart(3, "0")}.md`] = `${i}\n`;
    const { run, recorded, evidence } = await recordDuring(
      files,
      (dir) => git(dir, "checkout", "--", "docs/notes.md"),
      (dir) => writeFileSync(join(dir, "docs/notes.md"), "# notes\n"),
    );
    expect(run.changedWhileRead).toBe(true);
    expect(recorded).toMatchObject({ result: "pass", code: expect.stringMatching(/^secrets-/) });
    expect(recorded).not.toHaveProperty("inputs");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });

  test("nothing written: the inputs and the fingerprint are recorded, and status runs nothing", async () => {
    const { run, recorded, evidence } = await recordDuring(
      { "docs/notes.md": "# notes\n" },
      () => undefined,
    );
    expect(run.changedWhileRead).toBeUndefined();
    expect(recorded?.inputs).toMatch(/^[0-9a-f]{40} .*t:[0-9a-f]{40}$/);
    expect(evidence).toMatchObject({ result: "pass", stale: false });
  });
});

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
    expect(evidenceIn(state, "APP-17")).not.toHaveProperty("inputs");
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
    expect(evidenceIn(state, "APP-17")).not.toHaveProperty("inputs");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });
});

describe("the work tree's fingerprint, twice", () => {
  test("with hundreds of touched files, git diff-files runs once for each fingerprint and once for the inputs", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`a/${String(i).padStart(3, "0")}.md`] = `${i}\n`;
    const { dir, ctx, workspace, items } = await initShop(files);
    // Stat data changed, bytes not: git lists every file, and each is hashed.
    const later = new Date(Date.now() + 60_000);
    for (const path of Object.keys(files)) utimesSync(join(dir, path), later, later);
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
    // A file that cannot be read leaves no fingerprint (evidence-inputs.ts: worktreeFingerprint).
    const shop = await initShop({ "docs/notes.md": "# notes\n", "old.md": "gone\n" }, (dir) =>
      rmSync(join(dir, "old.md")),
    );
    const { dir, ctx, workspace, items } = shop;
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
    expect(await recordAndAsk(shop, run)).toMatchObject({ result: "pass", stale: true });
  });
});
