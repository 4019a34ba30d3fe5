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
import { gitEnv, tempDir, tempRepo } from "../helpers/cli.js";

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
  const dir = tempRepo({ "keys/id_rsa": "placeholder\n", "ok/a.txt": "inside\n" });
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
