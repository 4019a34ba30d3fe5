/**
 * A file changed while `golive verify --record` runs (issue 21): once the checks have read the
 * work tree, an editor, a build or a checkout writes to it before the inputs are taken. The
 * recorded inputs must not name bytes the checks never judged, or `status` would repeat a
 * verdict over other bytes as current. runVerify's `afterChecks` makes the change at that moment.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { CalendarDate } from "../../src/core/dates.js";
import { makeStyle } from "../../src/render/text.js";
import type { Context } from "../../src/work/context.js";
import { recordEvidence } from "../../src/work/evidence.js";
import { runVerify } from "../../src/work/verify-run.js";
import { openState } from "../../src/work/workspace.js";
import { commitAll, git, golive, read, tempRepo } from "../helpers/cli.js";

const DAY = "2027-01-04" as CalendarDate;
const KEY =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxvR0b8tq3Ynp1aZ0k5y0\n-----END RSA PRIVATE KEY-----\n";

/** `verify --record` with `change` made after the checks; what is recorded and what status says. */
async function recordDuring(dir: string, change: () => void) {
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
  const run = await runVerify(ctx, workspace, items, { inputs: true, afterChecks: change });
  await recordEvidence(ctx, run.verdicts, run.inputs ? { inputs: run.inputs } : {});
  const recorded = read(dir)
    .split("\n")
    .find((line) => line.includes("code: secrets-"));
  const status = await golive(dir, ["status", "--json"], { GOLIVE_TODAY: DAY });
  const app17 = JSON.parse(status.stdout).items.find((i: { id: string }) => i.id === "APP-17");
  return { run, recorded, evidence: app17.evidence };
}

describe("a file changed while verify --record runs", () => {
  test("a key written into a file the every-file scan read: status runs APP-17 again", async () => {
    const dir = tempRepo({ "docs/notes.md": "# notes\n" });
    commitAll(dir, "shop");
    const { run, recorded, evidence } = await recordDuring(dir, () =>
      appendFileSync(join(dir, "docs/notes.md"), KEY),
    );
    expect(run.changedWhileRead).toBe(true);
    expect(recorded).toContain("result: pass");
    expect(recorded).not.toContain("inputs:");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });

  test("a checkout that brings a key back, with more files than are stat'ed one by one", async () => {
    // Past a few hundred files, blob IDs come from `git diff-files`, which answers against the
    // index the checkout wrote.
    const files: Record<string, string> = { "docs/notes.md": `# notes\n${KEY}` };
    for (let i = 0; i < 300; i++) files[`a/${String(i).padStart(3, "0")}.md`] = `${i}\n`;
    const dir = tempRepo(files);
    commitAll(dir, "shop");
    writeFileSync(join(dir, "docs/notes.md"), "# notes\n");
    const { run, recorded, evidence } = await recordDuring(dir, () =>
      git(dir, "checkout", "--", "docs/notes.md"),
    );
    expect(run.changedWhileRead).toBe(true);
    expect(recorded).toContain("result: pass");
    expect(recorded).not.toContain("inputs:");
    expect(evidence).toMatchObject({ result: "pass", stale: true });
  });

  test("nothing written: the inputs and the fingerprint are recorded, and status runs nothing", async () => {
    const dir = tempRepo({ "docs/notes.md": "# notes\n" });
    commitAll(dir, "shop");
    const { run, recorded, evidence } = await recordDuring(dir, () => undefined);
    expect(run.changedWhileRead).toBeUndefined();
    expect(recorded).toMatch(/inputs: [0-9a-f]{40} .*t:[0-9a-f]{40}/);
    expect(evidence).toMatchObject({ result: "pass", stale: false });
  });
});
