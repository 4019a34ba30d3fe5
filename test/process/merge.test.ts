// @module-tag process
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { mergeItem, mergeLog, mergeStates } from "../../src/core/merge.js";
import type { StateData } from "../../src/schema/state.js";
import { BIN, golive, initRepo, read } from "../helpers/cli.js";

function git(dir: string, ...args: string[]): { code: number; out: string } {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1" },
  });
  return { code: result.status ?? -1, out: result.stdout + result.stderr };
}

/** A repository with golive.yaml committed on main, and a branch `other` at the same commit. */
async function project(withDriver: boolean): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
  if (withDriver) {
    writeFileSync(join(dir, ".gitattributes"), "golive.yaml merge=golive\n");
    execFileSync("git", [
      "-C",
      dir,
      "config",
      "merge.golive.driver",
      `"${process.execPath}" "${BIN}" merge-driver %O %A %B %P`,
    ]);
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  git(dir, "branch", "other");
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
  test("two edits of the same item: the later status wins, both notes and all history stay", async () => {
    const dir = await project(true);
    await on(
      dir,
      "main",
      "2027-01-04",
      "done",
      "GEN-01",
      "--by",
      "Ana",
      "--note",
      "announced by mail",
    );
    await on(dir, "other", "2027-01-05", "assign", "GEN-01", "Bo", "--by", "Bo");
    await on(
      dir,
      "other",
      "2027-01-06",
      "block",
      "GEN-01",
      "--reason",
      "no date yet",
      "--by",
      "Bo",
    );
    await on(dir, "other", "2027-01-06", "note", "GEN-01", "waiting for the CSM", "--by", "Bo");
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.out).not.toContain("CONFLICT");
    expect(merge.code).toBe(0);
    const text = read(dir);
    expect(text).toContain("# GEN-01 Share go-live plan");
    const item = parse(text).items["GEN-01"];
    expect(item).toMatchObject({
      status: "blocked",
      owner: "Bo",
      reason: "no date yet",
      note: "announced by mail\nwaiting for the CSM",
      by: "Bo",
      at: "2027-01-06",
    });
    // Ours' done is history now, next to theirs' earlier states.
    expect(item.history).toContainEqual({
      status: "done",
      note: "announced by mail",
      by: "Ana",
      at: "2027-01-04",
    });
    expect(item.history).toContainEqual({ owner: "Bo", by: "Bo", at: "2027-01-05" });
    expect((await golive(dir, ["show", "GEN-01"], { GOLIVE_TODAY: "2027-01-06" })).code).toBe(0);
  });

  test("ours later than theirs: ours wins the status", async () => {
    const dir = await project(true);
    await on(dir, "other", "2027-01-04", "start", "GEN-01", "--by", "Bo");
    await on(dir, "main", "2027-01-05", "done", "GEN-01", "--by", "Ana");
    git(dir, "checkout", "-q", "main");
    expect(git(dir, "merge", "--no-edit", "other").code).toBe(0);
    const item = parse(read(dir)).items["GEN-01"];
    expect(item).toMatchObject({ status: "done", by: "Ana", at: "2027-01-05" });
    expect(item.history).toEqual([{ status: "in-progress", by: "Bo", at: "2027-01-04" }]);
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
      evidence: { result: "fail", at: "2027-01-06" },
    });
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

describe("mergeStates", () => {
  const base: StateData = {
    golive: 1,
    catalogue: { name: "spryker-cloud" },
    goLive: "2027-03-01",
    items: { "GEN-01": {}, "CLO-01": { owner: "Ana" } },
  };

  test("takes the one side that changed an item, and removals the other side left alone", () => {
    const ours = { ...base, items: { "GEN-01": { status: "done" as const } } };
    const theirs = { ...base, items: { ...base.items, "CLO-01": { owner: "Bo" } } };
    const result = mergeStates(base, ours, theirs);
    expect(result.ok && result.state.items).toEqual({
      "GEN-01": { status: "done" },
      "CLO-01": { owner: "Bo" },
    });
  });

  test("refuses when both sides changed the catalogue differently", () => {
    const ours = { ...base, catalogue: { name: "a" } };
    const theirs = { ...base, catalogue: { name: "b" } };
    expect(mergeStates(base, ours, theirs)).toEqual({
      ok: false,
      reasons: ["both sides changed catalogue.name, differently"],
    });
  });

  test("a field only one side changed keeps that change, whoever is later", () => {
    const merged = mergeItem(
      { owner: "Ana" },
      { owner: "Cy", by: "A", at: "2027-01-04T10:00:00+01:00" },
      { owner: "Ana", status: "done", by: "B", at: "2027-01-04T10:00:00Z" },
    );
    // 10:00Z is later than 10:00+01:00: theirs is the later change.
    expect(merged).toMatchObject({ owner: "Cy", status: "done", by: "B" });
    expect(merged.history).toEqual([{ owner: "Cy", by: "A", at: "2027-01-04T10:00:00+01:00" }]);
  });
});

describe("mergeLog", () => {
  const [A, B, C, D, X] = [
    { to: "A", at: "2027-01-01" },
    { to: "B", at: "2027-01-02" },
    { to: "C", at: "2027-01-03" },
    { to: "D", at: "2027-01-04" },
    { to: "X", at: "2027-01-02" },
  ];

  test("a changed entry ends the common prefix: nothing lost, nothing doubled", () => {
    expect(mergeLog([A, B, C], [A, X, C, D], [A, B, C])).toEqual([A, X, C, D]);
    expect(mergeLog([A, B, C], [A, B, C], [A, X, C, D])).toEqual([A, X, C, D]);
  });

  test("both sides' new entries, once each, by time", () => {
    const E = { to: "E", at: "2027-01-05" };
    expect(mergeLog([A], [A, E, C], [A, B, C])).toEqual([A, B, C, E]);
  });
});

describe("mergeItem, beyond the change fields", () => {
  test("both sides waived: the later waiver wins, by its own time", () => {
    const earlier = { reason: "r1", until: "2027-02-01", at: "2027-01-05" };
    const later = { reason: "r2", until: "2027-02-15", at: "2027-01-06" };
    // Ours' item change is later, but theirs' waiver is.
    const merged = mergeItem(
      {},
      { status: "done", at: "2027-01-07", waiver: earlier },
      { waiver: later },
    );
    expect(merged).toEqual({ status: "done", at: "2027-01-07", waiver: later });
  });

  test("the same note written on both sides is kept once", () => {
    const merged = mergeItem(
      {},
      { note: "n", status: "done", at: "2027-01-02" },
      { note: "n", at: "2027-01-03" },
    );
    expect(merged.note).toBe("n");
  });

  test("the stamp moves as a pair: who goes with when", () => {
    const merged = mergeItem(
      { owner: "Ana", by: "Ana", at: "2027-01-01" },
      { owner: "Ana", note: "n", by: "Bo", at: "2027-01-02" },
      { owner: "Cy", by: "Ana", at: "2027-01-03" },
    );
    expect(merged).toMatchObject({ owner: "Cy", note: "n", by: "Ana", at: "2027-01-03" });
  });
});

describe("mergeStates, top-level settings", () => {
  const base: StateData = {
    golive: 1,
    catalogue: { name: "spryker-cloud" },
    goLive: "2027-03-01",
    settings: { weekendShift: true },
    verify: { allow: [{ path: "a", reason: "r" }] },
  };

  test("allow entries: both sides' additions, one side's removal", () => {
    const ours = { ...base, verify: { allow: [{ path: "b", reason: "r" }] } };
    const theirs = {
      ...base,
      verify: {
        allow: [
          { reason: "r", path: "a" },
          { path: "c", reason: "r" },
        ],
      },
    };
    const result = mergeStates(base, ours, theirs);
    expect(result.ok && result.state.verify).toEqual({
      allow: [
        { path: "b", reason: "r" },
        { path: "c", reason: "r" },
      ],
    });
  });

  test("one setting changed differently on both sides cannot be merged", () => {
    const ours = { ...base, settings: { weekendShift: false } };
    const theirs = { ...base, settings: {} };
    expect(mergeStates(base, ours, theirs)).toEqual({
      ok: false,
      reasons: ["both sides changed settings.weekendShift, differently"],
    });
  });
});
