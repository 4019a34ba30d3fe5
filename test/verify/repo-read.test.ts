/**
 * io/repo-view.ts as verify reads a real repository: symlinks out of it are not followed (one
 * open with O_NOFOLLOW per file, the target looked up only for a link), and a submodule is not
 * a file but a pinned commit (`git ls-files --stage`).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { openRepo } from "../../src/io/repo-view.js";
import { verifyRepository } from "../../src/verify/index.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { gitEnv, tempDir, tempRepo } from "../helpers/cli.js";
import { BEFORE_GO_LIVE } from "../helpers/shop.js";

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" });

test("a symlink inside is read, one leading outside is not", () => {
  const dir = tempRepo({ "a.txt": "inside\n" });
  symlinkSync("/etc/hostname", join(dir, "out.txt"));
  symlinkSync("a.txt", join(dir, "in.txt"));
  git(dir, "add", "-A");
  const repo = openRepo(dir);
  expect(repo.read("out.txt")).toBeUndefined();
  expect(repo.read("in.txt")).toBe("inside\n");
  expect(repo.read("a.txt")).toBe("inside\n");
});

test("a tracked file under a folder that is now a link out of the repository is not read", () => {
  const outside = tempDir();
  writeFileSync(join(outside, "id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  mkdirSync(join(outside, "deep"));
  writeFileSync(join(outside, "deep/id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  const dir = tempRepo({
    "keys/id_rsa": "placeholder\n",
    "keys/deep/id_rsa": "placeholder\n",
    "ok/a.txt": "inside\n",
  });
  git(dir, "add", "-A");
  // The index still lists keys/id_rsa; the folder is swapped for a link to the outside one.
  renameSync(join(dir, "keys"), join(dir, "moved"));
  symlinkSync(outside, join(dir, "keys"));
  mkdirSync(join(dir, "ok/inner"));
  symlinkSync("../ok", join(dir, "ok/inner/back"));
  const repo = openRepo(dir);
  expect(repo.files).toContain("keys/id_rsa");
  expect(repo.read("keys/id_rsa")).toBeUndefined();
  expect(repo.bytes("keys/id_rsa")).toBeUndefined();
  // A real folder inside the linked one is just as far out (folders are checked one by one).
  expect(repo.read("keys/deep/id_rsa")).toBeUndefined();
  expect(repo.read("ok/a.txt")).toBe("inside\n");
});

test("a docker submodule is its pinned commit, not a file", () => {
  const dir = tempRepo({
    ".gitmodules": '[submodule "docker"]\n\tpath = docker\n\turl = ../docker-sdk\n',
  });
  const pin = "0123456789abcdef0123456789abcdef01234567";
  git(dir, "add", ".gitmodules");
  git(dir, "update-index", "--add", "--cacheinfo", `160000,${pin},docker`);
  const repo = openRepo(dir);
  expect(repo.files).toEqual([".gitmodules"]);
  expect(repo.submodule?.("docker")).toBe(pin);
  expect(repo.submodule?.(".gitmodules")).toBeUndefined();
});

test("blob IDs of many files, the work tree's where it differs from the index", () => {
  const files: Record<string, string> = {};
  // More files than are stat'ed one by one (repo-view.ts MAX_STATS): the rest are git's answer.
  for (let i = 0; i < 400; i++) files[`f/${String(i).padStart(3, "0")}.txt`] = `file ${i}\n`;
  const dir = tempRepo(files);
  git(dir, "add", "-A");
  writeFileSync(join(dir, "f/010.txt"), "changed early\n");
  writeFileSync(join(dir, "f/390.txt"), "changed late\n");
  // The same bytes written again: only its time stamp differs.
  writeFileSync(join(dir, "f/391.txt"), "file 391\n");
  const repo = openRepo(dir, { fromIndex: true });
  const want = git(dir, "hash-object", "--", ...repo.files)
    .trim()
    .split("\n");
  expect(repo.files.map((path) => repo.blob(path))).toEqual(want);
  expect(repo.blob("f/390.txt")).not.toBe(git(dir, "rev-parse", ":f/390.txt").trim());
  expect(openRepo(dir, { omit: ["f/000.txt"] }).files).not.toContain("f/000.txt");
});

test("a file git was told to stop watching (assume-unchanged, skip-worktree) is hashed from the work tree", () => {
  const files: Record<string, string> = {};
  // More files than repo-view.ts stats one by one: the rest are `git diff-files`'s answer,
  // which never lists a file git does not watch.
  for (let i = 0; i < 300; i++) files[`f/${String(i).padStart(3, "0")}.txt`] = `file ${i}\n`;
  const dir = tempRepo(files);
  git(dir, "add", "-A");
  git(dir, "update-index", "--assume-unchanged", "f/290.txt");
  git(dir, "update-index", "--skip-worktree", "f/291.txt");
  writeFileSync(join(dir, "f/290.txt"), "-----BEGIN RSA PRIVATE KEY-----\n");
  writeFileSync(join(dir, "f/291.txt"), "changed, skip-worktree\n");
  const hash = (path: string) => git(dir, "hash-object", "--", path).trim();
  // golive's own reading of the index (version 3, for the skip-worktree flag), and git's
  // answer when golive cannot read it (version 4).
  for (const version of ["3", "4"]) {
    git(dir, "update-index", "--index-version", version);
    const repo = openRepo(dir, { fromIndex: true });
    expect(repo.files.map((path) => repo.blob(path)).slice(290, 292)).toEqual([
      hash("f/290.txt"),
      hash("f/291.txt"),
    ]);
  }
});

test("a tracked file whose name is not UTF-8 cannot be opened by name: APP-17 is unknown, never a pass", async () => {
  const dir = tempRepo({ "docs/a.md": "# a\n" });
  mkdirSync(join(dir, "keys"));
  // git keeps a name's bytes; golive reads them as UTF-8, \xff as U+FFFD, which no file has.
  writeFileSync(
    Buffer.concat([Buffer.from(join(dir, "keys/lat")), Buffer.from([0xff]), Buffer.from("1.pem")]),
    "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n",
  );
  git(dir, "add", "-A");
  const item = sprykerCatalogue().items.find((i) => i.id === "APP-17")!;
  for (const repo of [openRepo(dir), openRepo(dir, { fromIndex: true })]) {
    expect(repo.files).toContain("keys/lat\uFFFD1.pem");
    const [v] = await verifyRepository([item], repo, BEFORE_GO_LIVE);
    expect(v?.result).toBe("unknown");
    expect(v?.findings).toContainEqual({
      code: "file-name-unreadable",
      result: "unknown",
      file: "keys/lat\uFFFD1.pem",
    });
  }
  // A clean file really named with U+FFFD does not stand in for git's: still unknown.
  writeFileSync(join(dir, "keys/lat\uFFFD1.pem"), "readme\n");
  git(dir, "add", "-A");
  const [v] = await verifyRepository([item], openRepo(dir, { fromIndex: true }), BEFORE_GO_LIVE);
  expect(v?.result).toBe("unknown");
});
