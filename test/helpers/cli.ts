/**
 * Runs the built CLI the way a user does, in temporary repositories built from inline files.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll } from "vitest";

export const BIN = resolve(import.meta.dirname, "../../dist/golive.cjs");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The per-user cache of checked state files (src/io/cache.ts), kept out of the repositories
 * under test (HOME is the repository) in a folder of its own per test file.
 */
export const CACHE_DIR = mkdtempSync(join(tmpdir(), "golive-cache-"));

/** The environment every test run of the CLI gets: no colour, and this file's cache folder. */
export function cliEnv(home: string | undefined, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? "",
    ...(home !== undefined ? { HOME: home } : {}),
    GOLIVE_CACHE_DIR: CACHE_DIR,
    NO_COLOR: "1",
    ...extra,
  };
}

export function golive(cwd: string, args: string[], env: Record<string, string> = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    // A hung command fails its test instead of blocking the whole run.
    timeout: 60_000,
    killSignal: "SIGKILL",
    env: { ...cliEnv(cwd), GIT_CONFIG_NOSYSTEM: "1", ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];
// Temporary repositories go when the test file that made them is done, whatever the outcome.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  rmSync(CACHE_DIR, { recursive: true, force: true });
});

/** An empty temporary folder, removed when the test file is done. */
export function tempDir(prefix = "golive-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A temporary folder holding `files`; a git repository with a user unless `git` is false. */
export function tempRepo(
  files: Record<string, string> = {},
  options: { git?: boolean } = {},
): string {
  const dir = tempDir();
  if (options.git !== false) {
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
    execFileSync("git", ["config", "user.name", "Test User"], { cwd: dir });
    execFileSync("git", ["config", "user.email", "test@example.com"], { cwd: dir });
  }
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function read(dir: string, path = "golive.yaml"): string {
  return readFileSync(join(dir, path), "utf8");
}
