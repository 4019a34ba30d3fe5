/**
 * While git holds golive.yaml unmerged, every command refuses it (exit 2) and says how to
 * finish; `golive resolve` merges the three versions git holds and stages the result, also
 * after a merge that ran no driver. The check costs no git process in the common case.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { bytesOf, indexHoldsUnmerged } from "../src/io/git-index.js";
import { unmergedCheck } from "../src/io/git-repo.js";
import { copyOf, gitEnv, golive, initRepo, read, tempRepo } from "./helpers/cli.js";

function git(dir: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync("git", args, { cwd: dir, encoding: "utf8", env: gitEnv(dir) });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

async function ok(dir: string, args: string[], today = "2027-01-05"): Promise<void> {
  const r = await golive(dir, args, { GOLIVE_TODAY: today });
  expect(r.code, `golive ${args.join(" ")}: ${r.stderr}`).toBe(0);
}

/**
 * A repository where `git merge` stopped on golive.yaml after both branches changed GEN-01.
 * `driver`: none (git's text merge writes conflict markers), or one git cannot start (as with
 * golive a dev dependency not on PATH: the file is left as ours, without markers). Each test
 * gets its own copy of the one merge this file makes for each.
 */
function conflicted(driver: "none" | "missing"): Promise<string> {
  return copyOf(`conflicted ${driver}`, () => merged(driver));
}

async function merged(driver: "none" | "missing"): Promise<string> {
  const dir = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
  writeFileSync(join(dir, ".gitattributes"), driver === "none" ? "" : "golive.yaml merge=golive\n");
  git(dir, "config", "--unset-all", "merge.golive.driver");
  if (driver === "missing") {
    git(dir, "config", "merge.golive.driver", "golive-not-installed merge-driver %O %A %B %P");
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  git(dir, "checkout", "-qb", "other");
  await ok(dir, ["done", "GEN-01", "--note", "theirs", "--by", "Bo"]);
  await ok(dir, ["assign", "CLO-01", "Bo", "--by", "Bo"]);
  git(dir, "commit", "-qam", "theirs");
  git(dir, "checkout", "-q", "main");
  await ok(dir, ["block", "GEN-01", "--reason", "ours", "--by", "Ana"], "2027-01-06");
  git(dir, "commit", "-qam", "ours");
  const merge = git(dir, "merge", "--no-edit", "other");
  expect(merge.code, merge.out).toBe(1);
  expect(git(dir, "ls-files", "-u", "--", "golive.yaml").out).not.toBe("");
  return dir;
}

/** Every command that reads or writes golive.yaml, with arguments it would otherwise accept. */
const COMMANDS: string[][] = [
  ["status"],
  ["list"],
  ["show", "GEN-01"],
  ["check"],
  ["verify"],
  ["export", "--format", "csv"],
  ["done", "GEN-02"],
  ["start", "GEN-02"],
  ["block", "GEN-02", "--reason", "r"],
  ["skip", "GEN-02", "--reason", "r"],
  ["reopen", "GEN-01"],
  ["assign", "GEN-02", "Ana"],
  ["ack", "GEN-02"],
  ["note", "GEN-02", "n"],
  ["waive", "GEN-02", "--reason", "r", "--until", "2027-02-01"],
  ["unwaive", "GEN-02", "--reason", "r"],
  ["reschedule", "--date", "2027-04-01"],
  ["init", "--date", "2027-04-01", "--force"],
];

describe("an unmerged golive.yaml", { tags: ["process"] }, () => {
  test("every command refuses it, exit 2, and says how to finish; nothing is changed", async () => {
    const dir = await conflicted("missing");
    const before = read(dir);
    // The driver could not run: the file is ours, no markers, and would read as if merged.
    expect(before).not.toContain("<<<<<<<");
    for (const args of COMMANDS) {
      const r = await golive(dir, args, { GOLIVE_TODAY: "2027-01-06" });
      expect(r.code, `golive ${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain("golive.yaml is unmerged in git's index");
      expect(r.stderr).toContain("run `golive resolve`");
    }
    expect(read(dir)).toBe(before);
  });

  test("golive resolve merges the three versions git holds, shows what only a person can settle, then stages the choice", async () => {
    const dir = await conflicted("missing");
    // GEN-01 is done on their side and blocked on ours: not golive's to choose.
    const shown = await golive(dir, ["resolve"]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain("both sides changed GEN-01 (status) differently");
    expect(shown.stderr).toContain("blocked: ours");
    expect(shown.stderr).toContain("Ana, 2027-01-06");
    expect(shown.stderr).toContain("Bo, 2027-01-05");
    // The file is the merge, that entry between markers; git still holds it unmerged.
    expect(read(dir).match(/^<<<<<<< ours\r?$/gm)).toHaveLength(1);
    // Without ours' side of the conflict and the markers, it is the whole merge.
    const theirs = parse(
      read(dir).replace(/^<<<<<<< ours\n[\s\S]*?^=======\n|^>>>>>>> theirs\n/gm, ""),
    );
    expect(theirs.items["CLO-01"]).toMatchObject({ owner: "Bo" });
    expect(theirs.items["GEN-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect(git(dir, "ls-files", "-u").out).not.toBe("");

    const r = await golive(dir, ["resolve", "--take", "ours"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("staged");
    expect(r.stdout).toContain("`git commit` finishes the merge");
    expect(git(dir, "ls-files", "-u").out).toBe("");
    const items = parse(read(dir)).items;
    // Ours' block with theirs' note (both names), theirs' done in the history with its own
    // author; their other change is in.
    expect(items["GEN-01"]).toMatchObject({
      status: "blocked",
      reason: "ours",
      note: "theirs",
      by: "Bo + Ana",
    });
    expect(items["GEN-01"].history).toContainEqual(
      expect.objectContaining({ status: "done", note: "theirs", by: "Bo" }),
    );
    expect(items["CLO-01"]).toMatchObject({ owner: "Bo" });
    expect(git(dir, "commit", "-qm", "merged").code).toBe(0);
    expect((await golive(dir, ["status"], { GOLIVE_TODAY: "2027-01-06" })).code).toBe(0);
    // Again: nothing to do.
    const again = await golive(dir, ["resolve"]);
    expect([again.code, again.stdout]).toEqual([
      0,
      "golive.yaml is not unmerged: nothing to resolve.\n",
    ]);
  });

  test("resolve rescues a merge made without the driver, conflict markers and all", async () => {
    const dir = await conflicted("none");
    expect(read(dir)).toContain("<<<<<<<");
    const r = await golive(dir, ["resolve", "--take", "GEN-01=theirs"]);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir)).not.toContain("<<<<<<<");
    const items = parse(read(dir)).items;
    expect(items["CLO-01"]).toMatchObject({ owner: "Bo" });
    expect(items["GEN-01"]).toMatchObject({ status: "done", note: "theirs", by: "Bo" });
  });

  test("a side kept by hand is the choice; a --take that names no conflict is refused", async () => {
    const dir = await conflicted("missing");
    expect((await golive(dir, ["resolve"])).code).toBe(1);
    const before = read(dir);
    const unknown = await golive(dir, ["resolve", "--take", "CLO-99=theirs"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--take "CLO-99=theirs": "CLO-99" is not in conflict');
    // A side that is neither is refused where --take is parsed (test/commands/options.test.ts).
    for (const take of ["GEN-01=both", "mine"]) {
      const bad = await golive(dir, ["resolve", "--take", take]);
      expect(bad.code, take).toBe(2);
      expect(bad.stderr, take).toContain(
        `argument '${take}' is invalid. The side is ours or theirs`,
      );
    }
    expect((await golive(dir, ["resolve", "--take", "clo-99=ours"])).stderr).toContain(
      "the conflicts are: GEN-01",
    );
    expect(read(dir)).toBe(before);
    // Theirs kept by hand: ours' lines and the markers deleted.
    writeFileSync(
      join(dir, "golive.yaml"),
      before.replace(/^<<<<<<< ours\n[\s\S]*?^=======\n|^>>>>>>> theirs\n/gm, ""),
    );
    const r = await golive(dir, ["resolve"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("GEN-01: theirs (Bo, 2027-01-05)");
    expect(git(dir, "ls-files", "-u").out).toBe("");
    expect(parse(read(dir)).items["GEN-01"]).toMatchObject({ status: "done", by: "Bo" });
  });

  test("on a terminal, resolve asks which side to take, item by item", async () => {
    const dir = await conflicted("none");
    const asked: string[] = [];
    const r = await golive(
      dir,
      ["resolve"],
      {},
      {
        isTTY: true,
        ask: async (questions) => {
          for (const q of questions) asked.push(q.id, q.question);
          return { "GEN-01": "theirs" };
        },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(asked[0]).toBe("GEN-01");
    expect(asked[1]).toContain("blocked: ours");
    expect(parse(read(dir)).items["GEN-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect(git(dir, "ls-files", "-u").out).toBe("");
  });

  test("lines written by hand during the conflict are not lost: resolve refuses and names them", async () => {
    const dir = await conflicted("none");
    const mine = read(dir).replace(/^items:$/m, "items:\n  # ask Priya about the VPN");
    expect(mine).not.toBe(read(dir));
    writeFileSync(join(dir, "golive.yaml"), mine);
    const r = await golive(dir, ["resolve", "--take", "ours"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/golive\.yaml:\d+: # ask Priya about the VPN/);
    expect(read(dir)).toBe(mine);
    expect(git(dir, "ls-files", "-u").out).not.toBe("");
  });

  test("resolve leaves a file a person merged by hand, and says how to go on", async () => {
    const dir = await conflicted("missing");
    const mine = read(dir).replace("reason: ours", "reason: merged by hand");
    writeFileSync(join(dir, "golive.yaml"), mine);
    const r = await golive(dir, ["resolve"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("was edited after git stopped");
    expect(r.stderr).toContain("git add golive.yaml");
    expect(read(dir)).toBe(mine);
  });

  test("resolve does not merge a deletion", async () => {
    const dir = await conflicted("none");
    git(dir, "merge", "--abort");
    git(dir, "checkout", "-q", "other");
    git(dir, "rm", "-q", "golive.yaml");
    git(dir, "commit", "-qm", "gone");
    git(dir, "checkout", "-q", "main");
    expect(git(dir, "merge", "--no-edit", "other").code).toBe(1);
    const r = await golive(dir, ["resolve"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("their side deleted golive.yaml");
  });

  test("resolve of a file both sides added names the two versions git holds, not a base", async () => {
    const dir = await conflicted("none");
    git(dir, "merge", "--abort");
    const text = read(dir);
    // A branch that started before golive.yaml existed, and added one of its own.
    git(dir, "checkout", "-q", "--orphan", "fresh");
    git(dir, "rm", "-rqf", ".");
    writeFileSync(
      join(dir, "golive.yaml"),
      text.replace("goLive: 2027-03-01", "goLive: 2027-03-08"),
    );
    git(dir, "add", "golive.yaml");
    git(dir, "commit", "-qm", "fresh");
    git(dir, "checkout", "-q", "main");
    expect(git(dir, "merge", "--no-edit", "--allow-unrelated-histories", "fresh").code).toBe(1);
    const r = await golive(dir, ["resolve"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("golive.yaml has no merge base: both sides added it");
    expect(r.stderr).toContain("`git show :2:golive.yaml` is ours, `:3:golive.yaml` theirs");
    expect(r.stderr).not.toContain(":1:");
  });
});

describe("two go-live dates left in conflict, then staged as they are", () => {
  test("every command says to keep one goLive line, not to keep both sides", async () => {
    const dir = await initRepo();
    // What the merge driver writes, once `git add` has made it no longer unmerged.
    writeFileSync(
      join(dir, "golive.yaml"),
      read(dir).replace(
        "goLive: 2027-03-01\n",
        "<<<<<<< ours\ngoLive: 2027-03-01\n=======\ngoLive: 2027-03-08\n>>>>>>> theirs\n",
      ),
    );
    const r = await golive(dir, ["status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has unresolved git merge-conflict markers");
    expect(r.stderr).toContain("hint: keep the goLive line with the right date");
    expect(r.stderr).not.toContain("keep both sides' items");
  });
});

describe("items left in conflict, then staged as they are", () => {
  test("every command says to keep one side of each item, not to run resolve", async () => {
    const dir = await initRepo();
    writeFileSync(
      join(dir, "golive.yaml"),
      read(dir).replace(
        "  GEN-01: {}\n",
        "<<<<<<< ours\n  GEN-01: { status: done }\n=======\n  GEN-01: { status: blocked, reason: r }\n>>>>>>> theirs\n",
      ),
    );
    const r = await golive(dir, ["status"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has unresolved git merge-conflict markers");
    expect(r.stderr).toContain("hint: for each item between the markers keep one side");
    expect(r.stderr).not.toContain("golive resolve");
  });
});

describe("the unmerged check's cost", () => {
  test("a committed golive.yaml is answered from the index, without starting git", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-05" });
    expect(unmergedCheck(join(dir, "golive.yaml"))).toEqual({ unmerged: false, askedGit: false });
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    expect(unmergedCheck(join(dir, "golive.yaml"))).toEqual({ unmerged: false, askedGit: false });
    // Outside git there is nothing to ask.
    const plain = tempRepo({ "golive.yaml": read(dir) }, { git: false });
    expect(unmergedCheck(join(plain, "golive.yaml"))).toEqual({ unmerged: false, askedGit: false });
  });

  test("the index reading agrees with git, entry by entry, in index versions 2 and 3", async () => {
    const dir = await conflicted("none");
    const index = () => bytesOf(readFileSync(join(dir, ".git/index")));
    const path = join(dir, "golive.yaml");
    // Names that sort just before, after and around golive.yaml, and a long one.
    const names = ["golive.yam", "golive.yamlx", "golive-x.yaml", "gol/x", "a/golive.yaml"];
    names.push(`deep/${"d".repeat(120)}/${"n".repeat(4000)}`.slice(0, 250));
    for (const name of names) {
      execFileSync("mkdir", ["-p", join(dir, name, "..")]);
      writeFileSync(join(dir, name), "x");
    }
    execFileSync("git", ["add", "--", ...names], { cwd: dir });
    const agree = () => {
      for (const name of ["golive.yaml", ...names, "nothing.yaml", "zzz"]) {
        const truth = git(dir, "ls-files", "-u", "--", name).out !== "";
        expect(indexHoldsUnmerged(index(), name), name).toBe(truth);
      }
    };
    agree();
    expect(unmergedCheck(path)).toEqual({ unmerged: true, askedGit: false });
    // Version 3: extended flags on a neighbour (skip-worktree) make its entry 2 bytes longer.
    git(dir, "update-index", "--skip-worktree", "golive-x.yaml", "a/golive.yaml");
    expect(readFileSync(join(dir, ".git/index")).readUInt32BE(4)).toBe(3);
    agree();
    // Version 4 compresses paths: left to git.
    git(dir, "update-index", "--index-version", "4");
    expect(indexHoldsUnmerged(index(), "golive.yaml")).toBeUndefined();
    expect(unmergedCheck(path)).toEqual({ unmerged: true, askedGit: true });
    git(dir, "update-index", "--index-version", "2");
    // Resolved: no unmerged entry any more (git keeps a resolve-undo record of it).
    expect((await golive(dir, ["resolve", "--take", "ours"])).code).toBe(0);
    agree();
    expect(unmergedCheck(path)).toEqual({ unmerged: false, askedGit: false });
  });

  test("an index golive does not know how to read is left to git", () => {
    expect(indexHoldsUnmerged(bytesOf(Buffer.from("not an index")), "golive.yaml")).toBeUndefined();
    const dir = tempRepo({ "golive.yaml": "x" });
    git(dir, "add", "-A");
    expect(unmergedCheck(join(dir, "golive.yaml"), { GIT_INDEX_FILE: "elsewhere" })).toEqual({
      unmerged: false,
      askedGit: true,
    });
    rmSync(join(dir, ".git/index"));
    expect(unmergedCheck(join(dir, "golive.yaml"))).toEqual({ unmerged: false, askedGit: false });
  });
});
