// @module-tag process
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { BIN, golive, initRepo, read, tempDir } from "../helpers/cli.js";
import { evidenceIn } from "../helpers/evidence.js";

function git(dir: string, ...args: string[]): { code: number; out: string } {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1" },
  });
  return { code: result.status ?? -1, out: result.stdout + result.stderr };
}

const projects = new Map<boolean, string>();

/**
 * A repository with golive.yaml committed on main, and a branch `other` at the same commit:
 * made once per file for each kind, and copied for each test.
 */
async function project(withDriver: boolean): Promise<string> {
  let source = projects.get(withDriver);
  if (source === undefined) {
    source = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
    if (withDriver) {
      writeFileSync(join(source, ".gitattributes"), "golive.yaml merge=golive\n");
      execFileSync("git", [
        "-C",
        source,
        "config",
        "merge.golive.driver",
        `"${process.execPath}" "${BIN}" merge-driver %O %A %B %P`,
      ]);
    }
    git(source, "add", "-A");
    git(source, "commit", "-qm", "init");
    git(source, "branch", "other");
    projects.set(withDriver, source);
  }
  const dir = tempDir();
  cpSync(source, dir, { recursive: true });
  return dir;
}

async function on(dir: string, branch: string, today: string, ...args: string[]): Promise<void> {
  expect(git(dir, "checkout", "-q", branch).code).toBe(0);
  const result = await golive(dir, args, { GOLIVE_TODAY: today });
  expect(result.stderr).toBe("");
  git(dir, "commit", "-qam", args.join(" "));
}

/** Edits golive.yaml by hand on `branch` and commits, as a person fixing a typo would. */
function byHand(dir: string, branch: string, edit: (text: string) => string): void {
  expect(git(dir, "checkout", "-q", branch).code).toBe(0);
  const before = read(dir);
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(join(dir, "golive.yaml"), after);
  git(dir, "commit", "-qam", "by hand");
}

async function mergeOther(dir: string): Promise<void> {
  git(dir, "checkout", "-q", "main");
  const merge = git(dir, "merge", "--no-edit", "other");
  expect(merge.out).not.toContain("CONFLICT");
  expect(merge.code).toBe(0);
  expect((await golive(dir, ["check"], { GOLIVE_TODAY: "2027-01-04" })).stderr).toBe("");
}

/**
 * Both branches changed items, one commit each: GEN-01 done (Ana) and blocked (Bo), both with
 * a note; CLO-02 started and done; CLO-03 assigned to Ana and to Bo; CLO-01 done on one side.
 */
let twoSidesSource: string | undefined;

async function twoSides(): Promise<string> {
  twoSidesSource ??= await buildTwoSides();
  const dir = tempDir();
  cpSync(twoSidesSource, dir, { recursive: true });
  return dir;
}

async function buildTwoSides(): Promise<string> {
  const dir = await project(true);
  const edit = async (branch: string, today: string, runs: string[][]) => {
    expect(git(dir, "checkout", "-q", branch).code).toBe(0);
    for (const args of runs) {
      const r = await golive(dir, args, { GOLIVE_TODAY: today });
      expect(r.code, r.stderr).toBe(0);
    }
    git(dir, "commit", "-qam", branch);
  };
  await edit("main", "2027-01-04", [
    ["done", "GEN-01", "--by", "Ana", "--note", "announced by mail"],
    ["start", "CLO-02", "--by", "Ana"],
    ["assign", "CLO-03", "Ana", "--by", "Ana"],
  ]);
  await edit("other", "2027-01-06", [
    ["block", "GEN-01", "--reason", "no date yet", "--by", "Bo"],
    ["note", "GEN-01", "waiting for the CSM", "--by", "Bo"],
    ["done", "CLO-02", "--by", "Bo"],
    ["assign", "CLO-03", "Bo", "--by", "Bo"],
    ["done", "CLO-01", "--by", "Bo"],
  ]);
  return dir;
}

/**
 * Merges `other` into main when both moved go-live: git stops with only the goLive line in
 * conflict; a person keeps theirs (the later date here) and `golive resolve` checks and stages it.
 */
async function mergeGoLiveConflict(dir: string, ours: string, theirs: string): Promise<void> {
  git(dir, "checkout", "-q", "main");
  const merge = git(dir, "merge", "--no-edit", "other");
  expect(merge.code).toBe(1);
  expect(merge.out).toContain(`both sides moved go-live, to ${ours} (ours) and ${theirs} (theirs)`);
  const conflict = `<<<<<<< ours\ngoLive: ${ours}\n=======\ngoLive: ${theirs}\n>>>>>>> theirs\n`;
  expect(read(dir)).toContain(conflict);
  expect(read(dir).match(/^<<<<<<< /gm)).toHaveLength(1);
  // Until then every command says what to do with that line, not only "run golive resolve".
  const refused = await golive(dir, ["status"]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("is merged but for its goLive line");
  expect(refused.stderr).toContain("keep the goLive line with the right date");
  writeFileSync(join(dir, "golive.yaml"), read(dir).replace(conflict, `goLive: ${theirs}\n`));
  const resolved = await golive(dir, ["resolve"]);
  expect(resolved.code, resolved.stderr).toBe(0);
  expect(git(dir, "ls-files", "-u").out).toBe("");
  expect(git(dir, "commit", "-qm", "merged").code).toBe(0);
  expect((await golive(dir, ["check"], { GOLIVE_TODAY: "2027-01-04" })).stderr).toBe("");
}

describe("plain git merge, no driver", () => {
  test("items marked on two branches merge without conflict, even adjacent ones", async () => {
    const dir = await project(false);
    // GEN-01 and CLO-01 are neighbours in the catalogue and in the file.
    await on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana", "--note", "announced");
    await on(dir, "main", "2027-01-04", "assign", "CLO-02", "Ana");
    await on(dir, "other", "2027-01-05", "done", "CLO-01", "--by", "Bo");
    await on(dir, "other", "2027-01-05", "block", "CLO-03", "--reason", "VPN", "--by", "Bo");
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.out).not.toContain("CONFLICT");
    expect(merge.code).toBe(0);
    const state = parse(read(dir));
    expect(state.items["GEN-01"]).toMatchObject({ status: "done", note: "announced", by: "Ana" });
    expect(state.items["CLO-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect(state.items["CLO-02"]).toMatchObject({ owner: "Ana" });
    expect(state.items["CLO-03"]).toMatchObject({ status: "blocked", reason: "VPN" });
    expect((await golive(dir, ["check"], { GOLIVE_TODAY: "2027-01-04" })).stderr).toBe("");
  });
});

describe("golive merge-driver through git merge", () => {
  test("one field changed to two values: that item waits for a person; rules say what they settled", async () => {
    const dir = await twoSides();
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    // git stops, as for any conflict: the file stays unmerged.
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("CONFLICT");
    expect(merge.out).toContain(
      "golive merge-driver: GEN-01: ours noted (Ana, 2027-01-04), theirs noted (Bo, 2027-01-06): both notes are kept",
    );
    expect(merge.out).toContain(
      "golive merge-driver: CLO-02: ours in progress (Ana, 2027-01-04), theirs done (Bo, 2027-01-06): the status further along wins",
    );
    expect(merge.out).toContain(
      "both sides changed GEN-01 (status) and CLO-03 (owner) differently",
    );
    const text = read(dir);
    expect(text.match(/^<<<<<<< ours$/gm)).toHaveLength(2);
    expect(text).toContain("# GEN-01 Share go-live plan");
    expect(git(dir, "ls-files", "-u", "--", "golive.yaml").out).not.toBe("");
    // Every command refuses the file until a person chose, and names the items.
    const refused = await golive(dir, ["status"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("GEN-01, CLO-03");

    // Without a terminal, resolve shows both sides (what, who, when) and changes nothing.
    const shown = await golive(dir, ["resolve"]);
    expect(shown.code).toBe(1);
    for (const cell of ["done", "blocked: no date yet", "Ana, 2027-01-04", "Bo, 2027-01-06"]) {
      expect(shown.stderr).toContain(cell);
    }
    expect(shown.stderr).toContain("--take");
    expect(read(dir)).toBe(text);

    const r = await golive(dir, ["resolve", "--take", "theirs", "--take", "CLO-03=ours"]);
    expect(r.code, r.stderr).toBe(0);
    expect(git(dir, "ls-files", "-u").out).toBe("");
    expect(git(dir, "commit", "-qm", "merged").code).toBe(0);
    const items = parse(read(dir)).items;
    expect(items["GEN-01"]).toMatchObject({
      status: "blocked",
      reason: "no date yet",
      note: "announced by mail\nwaiting for the CSM",
      by: "Ana + Bo",
      at: "2027-01-06",
    });
    // The side not taken is history, under its own author.
    expect(items["GEN-01"].history).toContainEqual({
      status: "done",
      note: "announced by mail",
      by: "Ana",
      at: "2027-01-04",
    });
    expect(items["CLO-02"]).toMatchObject({ status: "done", by: "Bo" });
    expect(items["CLO-02"].history).toEqual([
      { status: "in-progress", by: "Ana", at: "2027-01-04" },
    ]);
    expect(items["CLO-03"]).toMatchObject({ owner: "Ana", by: "Ana" });
    expect(items["CLO-03"].history).toEqual([{ owner: "Bo", by: "Bo", at: "2027-01-06" }]);
    expect(items["CLO-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect((await golive(dir, ["check"], { GOLIVE_TODAY: "2027-01-06" })).stderr).toBe("");
  });

  test("a rebase gives the file a merge gives", async () => {
    const merged = await twoSides();
    git(merged, "checkout", "-q", "main");
    expect(git(merged, "merge", "--no-edit", "other").code).toBe(1);
    const take = ["resolve", "--take", "theirs", "--take", "CLO-03=ours"];
    expect((await golive(merged, take)).code).toBe(0);
    // Rebasing other onto main: main is ours there too.
    const rebased = await twoSides();
    const rebase = git(rebased, "rebase", "main");
    expect(rebase.code).toBe(1);
    expect(rebase.out).toContain(
      "both sides changed GEN-01 (status) and CLO-03 (owner) differently",
    );
    const taken = await golive(rebased, take);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toContain("git rebase --continue");
    expect(git(rebased, "-c", "core.editor=true", "rebase", "--continue").code).toBe(0);
    expect(parse(read(rebased))).toEqual(parse(read(merged)));
  });

  test("both branches reschedule: both slips kept, the go-live line left for a person", async () => {
    const dir = await project(true);
    await on(
      dir,
      "main",
      "2027-01-04",
      "reschedule",
      "--date",
      "2027-03-15",
      "--reason",
      "a",
      "--by",
      "A",
    );
    await on(
      dir,
      "other",
      "2027-01-05",
      "reschedule",
      "--date",
      "2027-04-01",
      "--reason",
      "b",
      "--by",
      "B",
    );
    await mergeGoLiveConflict(dir, "2027-03-15", "2027-04-01");
    const state = parse(read(dir));
    expect(state.goLive).toBe("2027-04-01");
    expect(state.slips.map((s: { to: string }) => s.to)).toEqual(["2027-03-15", "2027-04-01"]);
  });

  test("a waiver and recorded evidence survive the other side's change of the same item", async () => {
    const dir = await project(true);
    await on(
      dir,
      "main",
      "2027-01-04",
      "waive",
      "APP-08",
      "--reason",
      "SDK pinned in CI",
      "--until",
      "2027-02-01",
      "--by",
      "Ana",
    );
    await on(dir, "other", "2027-01-05", "start", "APP-08", "--by", "Bo");
    // Exit 1 (the check fails), but the evidence is recorded.
    expect(git(dir, "checkout", "-q", "other").code).toBe(0);
    expect(
      (
        await golive(dir, ["verify", "--record", "--item", "APP-08"], {
          GOLIVE_TODAY: "2027-01-06",
        })
      ).code,
    ).toBe(1);
    git(dir, "commit", "-qam", "verify --record");
    await mergeOther(dir);
    const item = parse(read(dir)).items["APP-08"];
    expect(item).toMatchObject({
      status: "in-progress",
      by: "Bo",
      at: "2027-01-05",
      waiver: { reason: "SDK pinned in CI", until: "2027-02-01", by: "Ana", at: "2027-01-04" },
    });
    expect(evidenceIn(read(dir), "APP-08")).toMatchObject({ result: "fail", at: "2027-01-06" });
    // Ours changed no status, owner or note: nothing of it belongs in the history.
    expect(item.history).toBeUndefined();
  });

  test("verify.allow entries added on both branches are all kept", async () => {
    const dir = await project(true);
    const allow = (path: string) => (text: string) =>
      `${text}verify:\n  allow:\n    # reviewed\n    - { path: ${path}, reason: test fixture }\n`;
    byHand(dir, "main", allow("tests/a.php"));
    await on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana");
    byHand(dir, "other", allow("tests/b.php"));
    await on(dir, "other", "2027-01-05", "done", "CLO-01", "--by", "Bo");
    await mergeOther(dir);
    const text = read(dir);
    expect(text).toContain("# reviewed");
    const state = parse(text);
    expect(state.verify.allow).toEqual([
      { path: "tests/a.php", reason: "test fixture" },
      { path: "tests/b.php", reason: "test fixture" },
    ]);
    expect(state.items["GEN-01"]).toMatchObject({ status: "done" });
    expect(state.items["CLO-01"]).toMatchObject({ status: "done" });
  });

  test("verify settings added on one branch only are kept", async () => {
    const dir = await project(true);
    byHand(dir, "other", (text) =>
      text.replace("items:", "verify:\n  allow:\n    - { path: x.php, reason: fixture }\nitems:"),
    );
    await on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana");
    await mergeOther(dir);
    expect(parse(read(dir)).verify).toEqual({ allow: [{ path: "x.php", reason: "fixture" }] });
  });

  test("a slip corrected by hand on one branch: the correction stays, nothing doubles", async () => {
    const dir = await project(true);
    const reschedule = async (today: string, date: string, reason: string) =>
      await on(dir, "main", today, "reschedule", "--date", date, "--reason", reason, "--by", "A");
    await reschedule("2027-01-04", "2027-03-08", "a");
    await reschedule("2027-01-05", "2027-03-15", "b typo");
    await reschedule("2027-01-06", "2027-03-22", "c");
    git(dir, "branch", "-f", "other", "main");
    byHand(dir, "main", (text) => text.replace("b typo", "b corrected"));
    await reschedule("2027-01-07", "2027-03-29", "d");
    await on(
      dir,
      "other",
      "2027-01-08",
      "reschedule",
      "--date",
      "2027-04-05",
      "--reason",
      "e",
      "--by",
      "B",
    );
    await mergeGoLiveConflict(dir, "2027-03-29", "2027-04-05");
    const state = parse(read(dir));
    expect(state.slips.map((s: { reason: string }) => s.reason)).toEqual([
      "a",
      "b corrected",
      "c",
      "d",
      "e",
    ]);
    expect(state.goLive).toBe("2027-04-05");
  });

  test("input it cannot read: exit 1, git's conflict markers left for a person", async () => {
    const dir = await project(true);
    await on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana");
    git(dir, "checkout", "-q", "other");
    writeFileSync(join(dir, "golive.yaml"), read(dir).replace("GEN-01: {}", "GEN-01: [broken"));
    git(dir, "commit", "-qam", "break it");
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("golive merge-driver: cannot merge golive.yaml");
    expect(merge.out).toContain("CONFLICT");
    expect(read(dir)).toMatch(/^<<<<<<< ours$/m);
    expect((await golive(dir, ["status"])).code).toBe(2);
  });
});
