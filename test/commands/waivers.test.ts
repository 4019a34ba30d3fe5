/**
 * What people agreed stays visible (issue 20): a waiver that is replaced or withdrawn is kept
 * in the item's history with its own author, and `golive unwaive` withdraws one, with a reason.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gitEnv, golive, initRepo, read } from "../helpers/cli.js";

const on = (day: string) => ({ GOLIVE_TODAY: day });

async function waived(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01"], on("2027-01-10"));
  const first = await golive(
    repo,
    ["waive", "CLO-01", "--reason", "training in week one", "--until", "2027-02-12"],
    { ...on("2027-01-10") },
  );
  expect(first.code, first.stderr).toBe(0);
  return repo;
}

describe("waiver history", () => {
  it("a new waiver keeps the one it replaces in the history, with its author", async () => {
    const repo = await waived();
    const again = await golive(
      repo,
      [
        "waive",
        "CLO-01",
        "--reason",
        "trainer ill",
        "--until",
        "2027-03-05",
        "--approver",
        "Klaus (client PM)",
        "--by",
        "Sam",
      ],
      on("2027-02-01"),
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      "waived until 2027-03-05; the waiver until 2027-02-12 it replaces is in its history",
    );
    const item = parse(read(repo)).items["CLO-01"];
    expect(item.waiver).toMatchObject({ until: "2027-03-05", by: "Sam" });
    expect(item.history).toEqual([
      {
        waiver: { reason: "training in week one", until: "2027-02-12" },
        by: "Test User",
        at: "2027-01-10",
      },
    ]);
    const show = await golive(repo, ["show", "CLO-01"], on("2027-02-01"));
    expect(show.stdout).toContain(
      "2027-01-10 Test User: waived until 2027-02-12: training in week one",
    );
  });

  it("the same terms again change nothing: the waiver stands as recorded", async () => {
    const repo = await waived();
    const before = read(repo);
    const again = await golive(
      repo,
      ["waive", "CLO-01", "--reason", "training in week one", "--until", "2027-02-12"],
      on("2027-01-11"),
    );
    expect([again.code, again.stdout]).toEqual([
      0,
      "CLO-01 Ensure a network diagram: waived until 2027-02-12\n",
    ]);
    expect(read(repo)).toBe(before);
  });

  it("unwaive withdraws it: the gate judges the item again, the history says who, when and why", async () => {
    const repo = await waived();
    // Past its due date (1 Feb) the item passes the gate only while waived.
    const overdue = async () => {
      const check = await golive(repo, ["check", "--category", "CLO", "--json"], on("2027-02-10"));
      return JSON.parse(check.stdout).progress.overdue;
    };
    expect(await overdue()).toBe(6);
    const r = await golive(
      repo,
      ["unwaive", "CLO-01", "--reason", "training moved before go-live", "--by", "Dana"],
      on("2027-02-10"),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("waiver until 2027-02-12 withdrawn");
    const item = parse(read(repo)).items["CLO-01"];
    expect(item.waiver).toBeUndefined();
    expect(item.history).toEqual([
      {
        waiver: { reason: "training in week one", until: "2027-02-12" },
        by: "Test User",
        at: "2027-01-10",
      },
      { unwaived: "training moved before go-live", by: "Dana", at: "2027-02-10" },
    ]);
    expect(await overdue()).toBe(7);
    const show = await golive(repo, ["show", "CLO-01"], on("2027-02-10"));
    expect(show.stdout).toContain("waiver withdrawn: training moved before go-live");
  });

  it("status --since and diff say who withdrew a waiver, when and why", async () => {
    const repo = await waived();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv(repo) });
    git("add", "-A");
    git("commit", "-qm", "waived");
    const r = await golive(
      repo,
      ["unwaive", "CLO-01", "--reason", "training moved", "--by", "Dana"],
      on("2027-02-10"),
    );
    expect(r.code, r.stderr).toBe(0);
    const since = await golive(repo, ["status", "--since", "2027-02-09"], on("2027-02-10"));
    expect(since.stdout).toContain("waiver withdrawn by Dana on 2027-02-10");
    const diff = await golive(repo, ["diff", "HEAD"], on("2027-02-10"));
    expect(diff.stdout).toContain(
      "waiver withdrawn by Dana on Wed 10 Feb 2027: training moved (it held",
    );
  });

  it("unwaive needs a reason and an item with a waiver; otherwise nothing changes", async () => {
    const repo = await waived();
    const before = read(repo);
    const noReason = await golive(repo, ["unwaive", "CLO-01"], on("2027-02-10"));
    expect([noReason.code, noReason.stderr]).toEqual([
      2,
      expect.stringContaining("error: required option '--reason <text>' not specified"),
    ]);
    // One item without a waiver: none of them is changed.
    const none = await golive(
      repo,
      ["unwaive", "CLO-01", "CLO-02", "--reason", "r"],
      on("2027-02-10"),
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("CLO-02 has no waiver to withdraw");
    expect(read(repo)).toBe(before);
  });

  it("a waiver until no real day is refused at its place, by the gate and every view", async () => {
    const repo = await waived();
    const text = read(repo).replace("until: 2027-02-12", "until: 2027-02-30");
    expect(text).toContain("until: 2027-02-30");
    writeFileSync(join(repo, "golive.yaml"), text);
    for (const args of [["check"], ["status"], ["export", "--format", "ics"]]) {
      const result = await golive(repo, args, on("2027-02-20"));
      expect([result.code, result.stdout]).toEqual([2, ""]);
      expect(result.stderr).toMatch(
        /^error: golive\.yaml:\d+:\d+: state file: items\.CLO-01\.waiver\.until: 2027-02-30 is not a real date\n/,
      );
    }
    expect(read(repo)).toBe(text);
  });

  it("a go-live move or a change stamped on no real day or time is refused at its place", async () => {
    const repo = await waived();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv(repo) });
    git("add", "-A");
    git("commit", "-qm", "waived");
    const text = read(repo);
    const cases: [string, RegExp][] = [
      // status crashed ("internal error: Invalid time value") wording the slip.
      [
        text.replace("items:\n", "slips:\n  - { from: 2027-02-30, to: 2027-03-01 }\nitems:\n"),
        /golive\.yaml:\d+:\d+: state file: slips\[0\]\.from: 2027-02-30 is not a real date/,
      ],
      // diff crashed the same way wording who changed the item when.
      [
        text.replace("    at: 2027-01-10\n", "    at: 2027-13-45T10:00:00Z\n"),
        /golive\.yaml:\d+:\d+: state file: items\.CLO-01\.waiver\.at: expected a real date/,
      ],
    ];
    for (const [bad, says] of cases) {
      expect(bad).not.toBe(text);
      writeFileSync(join(repo, "golive.yaml"), bad);
      for (const args of [["status"], ["diff", "HEAD"], ["check"]]) {
        const result = await golive(repo, args, on("2027-02-20"));
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toMatch(says);
        expect(result.stderr).not.toContain("internal error");
      }
    }
  });
});
