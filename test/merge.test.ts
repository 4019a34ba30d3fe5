import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { mergeItem, mergeStates } from "../src/core/merge.js";
import type { StateData } from "../src/schema/state.js";
import { BIN, golive, read, tempRepo } from "./helpers/cli.js";

function git(dir: string, ...args: string[]): { code: number; out: string } {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1" },
  });
  return { code: result.status ?? -1, out: result.stdout + result.stderr };
}

/** A repository with golive.yaml committed on main, and a branch `other` at the same commit. */
function project(withDriver: boolean): string {
  const dir = tempRepo();
  expect(golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" }).code).toBe(
    0,
  );
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

function on(dir: string, branch: string, today: string, ...args: string[]): void {
  expect(git(dir, "checkout", "-q", branch).code).toBe(0);
  const result = golive(dir, args, { GOLIVE_TODAY: today });
  expect(result.stderr).toBe("");
  git(dir, "commit", "-qam", args.join(" "));
}

describe("plain git merge, no driver", () => {
  test("items marked on two branches merge without conflict, even adjacent ones", () => {
    const dir = project(false);
    // GEN-01 and CLO-01 are neighbours in the catalogue and in the file.
    on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana", "--note", "announced");
    on(dir, "main", "2027-01-04", "assign", "CLO-02", "Ana");
    on(dir, "other", "2027-01-05", "done", "CLO-01", "--by", "Bo");
    on(dir, "other", "2027-01-05", "block", "CLO-03", "--reason", "VPN", "--by", "Bo");
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.out).not.toContain("CONFLICT");
    expect(merge.code).toBe(0);
    const state = parse(read(dir));
    expect(state.items["GEN-01"]).toMatchObject({ status: "done", note: "announced", by: "Ana" });
    expect(state.items["CLO-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect(state.items["CLO-02"]).toMatchObject({ owner: "Ana" });
    expect(state.items["CLO-03"]).toMatchObject({ status: "blocked", reason: "VPN" });
    expect(golive(dir, ["check"], { GOLIVE_TODAY: "2027-01-04" }).stderr).toBe("");
  });
});

describe("golive merge-driver through git merge", () => {
  test("two edits of the same item: the later status wins, both notes and all history stay", () => {
    const dir = project(true);
    on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana", "--note", "announced by mail");
    on(dir, "other", "2027-01-05", "assign", "GEN-01", "Bo", "--by", "Bo");
    on(dir, "other", "2027-01-06", "block", "GEN-01", "--reason", "no date yet", "--by", "Bo");
    on(dir, "other", "2027-01-06", "note", "GEN-01", "waiting for the CSM", "--by", "Bo");
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
    expect(golive(dir, ["show", "GEN-01"], { GOLIVE_TODAY: "2027-01-06" }).code).toBe(0);
  });

  test("ours later than theirs: ours wins the status", () => {
    const dir = project(true);
    on(dir, "other", "2027-01-04", "start", "GEN-01", "--by", "Bo");
    on(dir, "main", "2027-01-05", "done", "GEN-01", "--by", "Ana");
    git(dir, "checkout", "-q", "main");
    expect(git(dir, "merge", "--no-edit", "other").code).toBe(0);
    const item = parse(read(dir)).items["GEN-01"];
    expect(item).toMatchObject({ status: "done", by: "Ana", at: "2027-01-05" });
    expect(item.history).toEqual([{ status: "in-progress", by: "Bo", at: "2027-01-04" }]);
  });

  test("both branches reschedule: both slips kept, go-live from the later slip", () => {
    const dir = project(true);
    on(
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
    on(
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
    git(dir, "checkout", "-q", "main");
    expect(git(dir, "merge", "--no-edit", "other").code).toBe(0);
    const state = parse(read(dir));
    expect(state.goLive).toBe("2027-04-01");
    expect(state.slips.map((s: { to: string }) => s.to)).toEqual(["2027-03-15", "2027-04-01"]);
  });

  test("input it cannot read: exit 1, git's conflict markers left for a person", () => {
    const dir = project(true);
    on(dir, "main", "2027-01-04", "done", "GEN-01", "--by", "Ana");
    git(dir, "checkout", "-q", "other");
    writeFileSync(join(dir, "golive.yaml"), read(dir).replace("GEN-01: {}", "GEN-01: [broken"));
    git(dir, "commit", "-qam", "break it");
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("golive merge-driver: cannot merge golive.yaml");
    expect(merge.out).toContain("CONFLICT");
    expect(read(dir)).toMatch(/^<<<<<<< ours$/m);
    expect(golive(dir, ["status"]).code).toBe(2);
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
      reasons: ["both sides changed catalogue, differently"],
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
