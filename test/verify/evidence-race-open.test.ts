/**
 * A file the index gains while `golive verify --record` starts (issue 21): the checks' view
 * lists the tracked files from git's index once; a `git add` or a checkout landing just after
 * must not leave a verdict that status repeats over a work tree whose fingerprint names a file
 * no check read. The moment is right after the checks' view is opened, which no option of
 * runVerify reaches: openRepo is wrapped here, in a file of its own.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import type { CalendarDate } from "../../src/core/dates.js";
import { makeStyle } from "../../src/render/text.js";
import type { Context } from "../../src/work/context.js";
import { recordEvidence } from "../../src/work/evidence.js";
import { runVerify } from "../../src/work/verify-run.js";
import { openState } from "../../src/work/workspace.js";
import { commitAll, git, golive, read, tempRepo } from "../helpers/cli.js";

/** Runs once, right after the next view of the repository is opened. */
let afterOpen: (() => void) | undefined;

vi.mock("../../src/io/repo-view.js", async (original) => {
  const real = await original<typeof import("../../src/io/repo-view.js")>();
  return {
    ...real,
    openRepo: (...args: Parameters<typeof real.openRepo>) => {
      const view = real.openRepo(...args);
      const change = afterOpen;
      afterOpen = undefined;
      change?.();
      return view;
    },
  };
});

const DAY = "2027-01-04" as CalendarDate;
const KEY =
  "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAxvR0b8tq3Ynp1aZ0k5y0\n-----END RSA PRIVATE KEY-----\n";

describe("a file the index gains as verify --record opens the repository", () => {
  test("a key added with git add: no inputs are recorded, and status runs APP-17 again", async () => {
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
    // Nothing in the work tree differs from the index: the first view opened is the checks'.
    afterOpen = () => {
      writeFileSync(join(dir, "deploy.pem"), KEY);
      git(dir, "add", "deploy.pem");
    };
    const run = await runVerify(ctx, workspace, items, { inputs: true });
    expect(afterOpen).toBeUndefined();
    // The checks listed the files before deploy.pem was added: APP-17 judged a tree without it.
    expect(run.verdicts.find((v) => v.id === "APP-17")?.result).toBe("pass");
    expect(run.changedWhileRead).toBe(true);
    expect(run.inputs).toBeUndefined();
    await recordEvidence(ctx, run.verdicts, {});
    expect(read(dir)).not.toContain("inputs:");
    const status = await golive(dir, ["status", "--json"], { GOLIVE_TODAY: DAY });
    const app17 = JSON.parse(status.stdout).items.find((i: { id: string }) => i.id === "APP-17");
    expect(app17.evidence).toMatchObject({ result: "pass", stale: true });
  });
});
