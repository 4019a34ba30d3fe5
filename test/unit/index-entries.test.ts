/**
 * git's index read by golive (io/index-entries.ts): the same entries `git ls-files --stage`
 * lists, and the stat comparison that lets `status` take a blob ID from the index only for a
 * file git would call unchanged.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { gitChangedFiles, gitChangedFilesLater, gitTrackedFiles } from "../../src/io/git.js";
import {
  fingerprintOf,
  indexFingerprint,
  parseIndex,
  readIndexEntries,
  statMatches,
} from "../../src/io/index-entries.js";
import { gitBlobId, openRepo } from "../../src/io/repo-view.js";
import { gitEnv, tempRepo } from "../helpers/cli.js";

function repo(): string {
  const dir = tempRepo({
    "a.txt": "one\n",
    "deep/dir/b.php": "<?php\n",
    "ünïcode name.yml": "x: 1\n",
  });
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" }).trim();
  git("add", "-A");
  // A path of 4,095 bytes or more (its length is where its NUL is): longer than the file
  // system allows, so only in the index.
  const long = `${Array(40).fill("d".repeat(110)).join("/")}/c.txt`;
  git("update-index", "--add", "--cacheinfo", `100644,${git("hash-object", "a.txt")},${long}`);
  return dir;
}

describe("git's index read by golive", () => {
  test("lists what git ls-files --stage lists, with the same blob IDs", () => {
    const dir = repo();
    const snapshot = readIndexEntries(join(dir, ".git"), {});
    expect(snapshot).toBeDefined();
    const ours = snapshot!.entries.map((e) => ({ path: e.path, object: e.object }));
    const gits = gitTrackedFiles(dir)!.map((f) => ({ path: f.path, object: f.object }));
    expect(ours).toEqual(gits);
    expect(ours.length).toBe(4);
    expect(snapshot!.entries[0]!.object).toBe(gitBlobId(readFileSync(join(dir, "a.txt"))));
  });

  test("a file rewritten with the same size and its time put back is not taken as unchanged", () => {
    const dir = repo();
    const file = join(dir, "a.txt");
    const before = lstatSync(file);
    // The index must be newer than the file, or every entry is "racily clean".
    const index = join(dir, ".git/index");
    utimesSync(index, new Date(), new Date(Date.now() + 5_000));
    const snapshot = readIndexEntries(join(dir, ".git"), {})!;
    const entry = snapshot.entries.find((e) => e.path === "a.txt")!;
    expect(statMatches(entry, lstatSync(file), snapshot.mtimeMs)).toBe(true);
    writeFileSync(file, "two\n");
    utimesSync(file, before.atime, before.mtime);
    expect(statMatches(entry, lstatSync(file), snapshot.mtimeMs)).toBe(false);
    // And the repository view hashes it: the blob ID is the new content's.
    expect(openRepo(dir, { fromIndex: true }).blob("a.txt")).toBe(gitBlobId(Buffer.from("two\n")));
  });

  test("an entry written in the moment the index was is not trusted (racily clean)", () => {
    const dir = repo();
    const snapshot = readIndexEntries(join(dir, ".git"), {})!;
    const entry = snapshot.entries.find((e) => e.path === "a.txt")!;
    expect(statMatches(entry, lstatSync(join(dir, "a.txt")), entry.mtimeMs)).toBe(false);
  });

  test("what it does not read, it leaves to git", () => {
    const dir = repo();
    expect(readIndexEntries(join(dir, ".git"), { GIT_INDEX_FILE: "/elsewhere" })).toBeUndefined();
    const bytes = readFileSync(join(dir, ".git/index"));
    bytes.writeUInt32BE(4, 4);
    expect(() => parseIndex(bytes)).toThrow(/version 4/);
    expect(() => parseIndex(bytes.subarray(0, 40))).toThrow();
    expect(readIndexEntries(join(dir, "no-such-git-dir"), {})).toBeUndefined();
  });
});

describe("the index's fingerprint (status's shortcut for recorded evidence)", () => {
  const gitIn = (dir: string, ...args: string[]) =>
    execFileSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" });
  const fingerprint = (dir: string, omit: string[] = []) =>
    indexFingerprint(join(dir, ".git"), omit, {})?.digest;

  test("a work-tree blob in place of the index's is the fingerprint of that file staged", () => {
    const dir = repo();
    writeFileSync(join(dir, "a.txt"), "changed\n");
    const blob = gitIn(dir, "hash-object", "a.txt").trim();
    const withBlob = indexFingerprint(join(dir, ".git"), [], {}, new Map([["a.txt", blob]]));
    expect(withBlob?.digest).not.toBe(fingerprint(dir));
    gitIn(dir, "add", "a.txt");
    expect(withBlob?.digest).toBe(fingerprint(dir));
    // A blob for a path the index does not hold: no fingerprint.
    const stray = new Map([["nowhere.txt", blob]]);
    expect(indexFingerprint(join(dir, ".git"), [], {}, stray)).toBeUndefined();
  });

  test("what the files hold, not when they were written; the omitted paths not at all", () => {
    const dir = repo();
    const before = fingerprint(dir, ["golive.yaml"]);
    expect(before).toMatch(/^[0-9a-f]{40}$/);
    // New stat data in the index: the same fingerprint.
    utimesSync(join(dir, "a.txt"), new Date(), new Date(Date.now() + 5_000));
    gitIn(dir, "update-index", "-q", "--ignore-missing", "--refresh");
    expect(fingerprint(dir, ["golive.yaml"])).toBe(before);
    // golive's own file joining the index changes nothing; any other file does.
    writeFileSync(join(dir, "golive.yaml"), "golive: 1\n");
    gitIn(dir, "add", "golive.yaml");
    expect(fingerprint(dir, ["golive.yaml"])).toBe(before);
    expect(fingerprint(dir)).not.toBe(before);
    writeFileSync(join(dir, "a.txt"), "two\n");
    gitIn(dir, "add", "a.txt");
    expect(fingerprint(dir, ["golive.yaml"])).not.toBe(before);
  });

  test("git is not asked about a submodule's checkout: its pinned commit is what counts", async () => {
    const dir = repo();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub/x.txt"), "x\n");
    gitIn(join(dir, "sub"), "init", "-q");
    gitIn(join(dir, "sub"), "add", "x.txt");
    gitIn(join(dir, "sub"), "-c", "user.name=T", "-c", "user.email=t@x", "commit", "-qm", "x");
    // The outer repository pins another commit than the one checked out.
    gitIn(dir, "update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},sub`);
    expect(gitIn(dir, "diff-files", "--name-only")).toContain("sub");
    expect(gitChangedFiles(dir)?.has("sub")).toBe(false);
    expect((await gitChangedFilesLater(dir))?.has("sub")).toBe(false);
  });

  test("git is asked to compare every stat field, whatever the repository's config says", async () => {
    const dir = repo();
    gitIn(dir, "config", "core.checkStat", "minimal");
    gitIn(dir, "config", "core.trustctime", "false");
    const file = join(dir, "a.txt");
    const before = lstatSync(file);
    writeFileSync(file, "two\n");
    utimesSync(file, before.atime, before.mtime);
    // As if a.txt had been added a while ago (git may compare ctime by the second only): its
    // entry's ctime (the first entry's first word) earlier, the index's checksum made again.
    const indexFile = join(dir, ".git/index");
    const bytes = readFileSync(indexFile);
    bytes.writeUInt32BE(bytes.readUInt32BE(12) - 10, 12);
    const body = bytes.subarray(0, bytes.length - 20);
    writeFileSync(indexFile, Buffer.concat([body, createHash("sha1").update(body).digest()]));
    // The index newer than the file: git compares stat data only, not contents.
    utimesSync(indexFile, new Date(), new Date(Date.now() + 5_000));
    expect(gitIn(dir, "diff-files", "--name-only")).toBe("");
    expect(gitChangedFiles(dir)?.has("a.txt")).toBe(true);
    expect((await gitChangedFilesLater(dir))?.has("a.txt")).toBe(true);
  });

  test("the same from an index held anywhere in memory", () => {
    const dir = repo();
    const bytes = readFileSync(join(dir, ".git/index"));
    const odd = Buffer.alloc(bytes.length + 1).subarray(1);
    bytes.copy(odd);
    expect(odd.byteOffset % 4).not.toBe(0);
    expect(fingerprintOf(odd, [])?.digest).toBe(fingerprintOf(Buffer.from(bytes), [])?.digest);
  });

  test("a blob ID to take that is not one is refused, not half written over the index's", () => {
    const dir = repo();
    const bytes = readFileSync(join(dir, ".git/index"));
    const path = parseIndex(Buffer.from(bytes))[0]!.path;
    expect(() => fingerprintOf(Buffer.from(bytes), [], new Map([[path, "unreadable"]]))).toThrow();
    expect(indexFingerprint(join(dir, ".git"), [], {}, new Map([[path, "unreadable"]]))).toBe(
      undefined,
    );
  });

  test("none where the index does not tell what the work tree holds", () => {
    for (const flag of ["--assume-unchanged", "--skip-worktree"]) {
      const dir = repo();
      gitIn(dir, "update-index", flag, "a.txt");
      expect(fingerprint(dir)).toBeUndefined();
    }
    const linked = repo();
    symlinkSync("a.txt", join(linked, "link.txt"));
    gitIn(linked, "add", "link.txt");
    expect(fingerprint(linked)).toBeUndefined();
    expect(indexFingerprint(join(linked, ".git"), [], { GIT_INDEX_FILE: "/x" })).toBeUndefined();
    // A path git holds unmerged (stages 1 and 2 of a merge that stopped).
    const unmerged = repo();
    const blob = gitIn(unmerged, "hash-object", "a.txt").trim();
    execFileSync("git", ["update-index", "--index-info"], {
      cwd: unmerged,
      env: gitEnv(unmerged),
      input: `0 ${"0".repeat(40)}\tb.txt\n100644 ${blob} 1\tb.txt\n100644 ${blob} 2\tb.txt\n`,
    });
    expect(gitIn(unmerged, "ls-files", "-u")).toContain("b.txt");
    expect(fingerprint(unmerged)).toBeUndefined();
  });
});
