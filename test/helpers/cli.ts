/**
 * Runs golive in temporary repositories built from inline files: in-process through `run`
 * (src/cli.ts) with an injected environment, the way most tests do, or as the built binary
 * for what only a real process shows (exit of the process, kills, concurrency, git's drivers).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll } from "vitest";
import { run } from "../../src/cli.js";
import { gitUserName } from "../../src/io/git.js";

/** The installed command: Node's compile cache, then dist/golive.cjs. */
export const BIN = resolve(import.meta.dirname, "../../bin/golive.cjs");
/** The one self-contained file the build makes. */
export const BUNDLE = resolve(import.meta.dirname, "../../dist/golive.cjs");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * git's environment for a test: the repository's own config only, never the machine's or the
 * user's (HOME is the repository).
 */
export function gitEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: home, GIT_CONFIG_NOSYSTEM: "1", ...extra };
}

/** Runs golive in-process in `cwd`, as `golive ARGS` would with `env` (no colour by default). */
export async function golive(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  options: { isTTY?: boolean; columns?: number; now?: Date } = {},
): Promise<RunResult> {
  const result = await run(args, {
    cwd,
    env: { NO_COLOR: "1", ...env },
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.isTTY ?? false,
    columns: options.columns,
    clock: () => options.now ?? new Date(),
    gitUserName: (dir) => gitUserName(dir, gitEnv(cwd)),
    // As main.ts says for the installed command: git's merge driver runs the built bin.
    runtime: { node: process.execPath, script: BIN, nodeVersion: process.versions.node },
  });
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built `golive` command as a separate process; for what needs a real process. */
export function goliveBin(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    // A hung command fails its test instead of blocking the whole run.
    timeout: 60_000,
    killSignal: "SIGKILL",
    env: { ...gitEnv(cwd), NO_COLOR: "1", ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];
// Temporary repositories go when the test file that made them is done, whatever the outcome.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
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
