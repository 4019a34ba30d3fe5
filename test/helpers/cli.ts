/**
 * Runs golive in temporary repositories built from inline files: in-process through `run`
 * (src/cli/run.ts) with an injected environment, the way most tests do, or as the built binary
 * for what only a real process shows (exit of the process, kills, concurrency, git's drivers).
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { inject } from "vitest";
import { createProgram } from "../../src/cli/program.js";
import { run } from "../../src/cli/run.js";
import { readCatalogueFile } from "../../src/io/catalogue.js";
import { gitUserName } from "../../src/io/git.js";
import type { CatalogueFile } from "../../src/schema/catalogue.js";
import type { Asker } from "../../src/work/context.js";
import { tempRoot } from "./temp-root.js";

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

const CHECKLISTS = resolve(import.meta.dirname, "../../checklists");

type Embedded = Record<string, CatalogueFile>;
const global = globalThis as { __GOLIVE_CATALOGUES__?: Embedded };
let shipped: Embedded | undefined;
let running = 0;

/**
 * The shipped catalogues as scripts/build.mjs compiles them into the bundle: each checked once
 * by the same reader and kept as data; each read gets its own copy, as each process does.
 */
function shippedCatalogues(): Embedded {
  if (shipped) return shipped;
  const catalogues: Embedded = {};
  for (const name of readdirSync(CHECKLISTS).sort()) {
    if (!name.endsWith(".yaml")) continue;
    const json = JSON.stringify(
      readCatalogueFile(join(CHECKLISTS, name), `checklists/${name}`).file,
    );
    Object.defineProperty(catalogues, name.slice(0, -".yaml".length), {
      enumerable: true,
      get: () => JSON.parse(json),
    });
  }
  shipped = catalogues;
  return catalogues;
}

/** `user: FROM_GIT`: golive asks git for the user name (`git config user.name`), as it does for real. */
export const FROM_GIT = Symbol("git config user.name");

/**
 * Runs golive in-process in `cwd`, as `golive ARGS` would with `env` (no colour by default).
 *
 * git's user name is injected, "Test User" as every tempRepo's config says, because asking
 * git costs a process per command; `user` names another (null: git has none), and `FROM_GIT`
 * asks git the way golive does outside the tests.
 *
 * While it runs, `__GOLIVE_CATALOGUES__` holds the shipped catalogues, so that golive finds
 * them the way dist/golive.cjs does instead of parsing checklists/*.yaml on every command
 * (a third of the test run). Only while it runs: code a test calls directly, and
 * test/unit/catalogue.test.ts, read them from source.
 */
export async function golive(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  options: {
    isTTY?: boolean;
    columns?: number;
    now?: Date;
    /** What the terminal answers to `golive init`'s questions; none: not a terminal. */
    ask?: Asker;
    /** `git config user.name` as golive sees it: default "Test User". */
    user?: string | null | typeof FROM_GIT;
  } = {},
): Promise<RunResult> {
  return withShippedCatalogues(async () => {
    const result = await run(args, {
      cwd,
      env: { NO_COLOR: "1", ...env },
      isTTY: options.isTTY ?? false,
      stderrIsTTY: options.isTTY ?? false,
      columns: options.columns,
      clock: () => options.now ?? clockOf(env),
      gitUserName: userName(options.user === undefined ? defaultUser(cwd) : options.user, cwd),
      ...(options.ask ? { ask: options.ask } : {}),
      // As main.ts says for the installed command: git's merge driver runs the built bin.
      runtime: { node: process.execPath, script: BIN, nodeVersion: process.versions.node },
    });
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  });
}

/**
 * The clock of a machine whose date is the day GOLIVE_TODAY pins (noon there), so that `check`
 * does not say the day differs from the clock's: a test of that line gives `now`.
 */
function clockOf(env: Record<string, string>): Date {
  const pinned = env.GOLIVE_TODAY?.trim();
  return pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? new Date(`${pinned}T12:00:00`) : new Date();
}

/**
 * Runs `work` (sync or async) with the shipped catalogues as the built golive holds them (see
 * `golive`): for tests that call golive's readers directly thousands of times, where parsing
 * checklists/spryker-cloud.yaml on each read would be most of their time.
 */
export function withShippedCatalogues<T>(work: () => T): T {
  global.__GOLIVE_CATALOGUES__ = shippedCatalogues();
  running++;
  let result: T;
  try {
    result = work();
  } catch (error) {
    release();
    throw error;
  }
  if (result instanceof Promise) return result.finally(release) as T;
  release();
  return result;
}

function release(): void {
  if (--running === 0) delete global.__GOLIVE_CATALOGUES__;
}

/** The user name in every tempRepo's git config. */
export const TEST_USER = "Test User";

/**
 * The program as main.ts builds it, for tests that read its commands and options or parse a
 * command line without running it: an environment that touches nothing, and output dropped.
 */
export function bareProgram(clock = () => new Date()): Command {
  return createProgram(
    {
      cwd: "/nowhere",
      env: {},
      isTTY: false,
      stderrIsTTY: false,
      columns: undefined,
      clock,
      gitUserName: () => undefined,
    },
    () => {},
    { out: () => {}, err: () => {} },
  );
}

/** tempRepo's folders made without git: git has no user name there. */
const withoutGit = new Set<string>();

function defaultUser(cwd: string): string | null {
  for (const dir of withoutGit) if (cwd === dir || cwd.startsWith(`${dir}/`)) return null;
  return TEST_USER;
}

function userName(
  user: string | null | typeof FROM_GIT,
  cwd: string,
): (dir: string) => string | undefined {
  if (user === FROM_GIT) return (dir) => gitUserName(dir, gitEnv(cwd));
  return () => user ?? undefined;
}

/** `git ARGS` in `dir` with the test's git environment: its output; throws if git fails. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, env: gitEnv(dir), encoding: "utf8" });
}

/** Stages everything in `dir` and commits it. */
export function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
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

/**
 * `goliveBin` without blocking: for several processes that each wait on something (a time
 * bound, a lock) and can run side by side.
 */
export function goliveBinAsync(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        encoding: "utf8",
        timeout: 60_000,
        killSignal: "SIGKILL",
        env: { ...gitEnv(cwd), NO_COLOR: "1", ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

const created: string[] = [];
/** emptyRepo's `.git`: kept for the run (in its folder), else removed with the file's folders. */
let template: string | undefined;
/** Whether the template lives in the run's folder, and so outlives the test file. */
let templateForRun = false;

/**
 * Removes the temporary folders made so far; test/setup.ts runs it when each test file is
 * done, whatever the outcome.
 */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (!templateForRun) template = undefined;
  withoutGit.clear();
  built.clear();
}

const TEMP_ROOT = tempRoot();

/** An empty temporary folder, removed when the test file is done. */
export function tempDir(prefix = "golive-test-"): string {
  const dir = mkdtempSync(join(TEMP_ROOT, prefix));
  created.push(dir);
  return dir;
}

/**
 * The `.git` of a new, empty repository, made once per worker and copied into each
 * repository a test asks for: `git init` is one process, a copy of its eight small files is
 * not, and tests make hundreds. It has no templates (no hooks) and the test user in its config,
 * as `git config user.name` would write it; nothing in it names its folder.
 */
function emptyRepo(): string {
  if (template === undefined) {
    // Kept for the whole run when it has a folder for that: its content never changes.
    const keep = runDir();
    const dir = keep ? mkdtempSync(join(keep, "template-")) : tempDir("golive-template-");
    execFileSync("git", ["init", "-q", "-b", "main", "--template="], {
      cwd: dir,
      env: gitEnv(dir),
    });
    appendFileSync(
      join(dir, ".git/config"),
      // No `git maintenance run --auto` after each commit: a process per commit, for
      // housekeeping a repository that lives a few seconds never needs.
      "[user]\n\tname = Test User\n\temail = test@example.com\n[maintenance]\n\tauto = false\n",
    );
    template = join(dir, ".git");
    templateForRun = keep !== undefined;
  }
  return template;
}

/** A temporary folder holding `files`; a git repository with a user unless `git` is false. */
export function tempRepo(
  files: Record<string, string> = {},
  options: { git?: boolean } = {},
): string {
  const dir = tempDir();
  if (options.git !== false) cpSync(emptyRepo(), join(dir, ".git"), { recursive: true });
  else withoutGit.add(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Folders built once per test file, by key: each `copyOf` copies one. */
const built = new Map<string, Promise<string>>();
/** Folders built once per worker, by key, kept in the run's folder (`acrossFiles`). */
const builtForRun = new Map<string, Promise<string>>();

/** The folder that lives as long as the test run (test/global-setup.ts), when there is one. */
function runDir(): string | undefined {
  try {
    return inject("runDir");
  } catch {
    // Run under a configuration without the global set-up: builds last one file.
    return undefined;
  }
}

/**
 * A fresh copy of the folder `build` makes, built once per test file for each `key`: git
 * repositories a test sets up with commits, branches and merges cost several processes each,
 * a copy of their small files costs none. The copy is a whole repository (its `.git` too),
 * not a link to the original: nothing a test does to it reaches the next test's copy.
 *
 * `acrossFiles`: the key says all that `build` does (nothing from the test file's own
 * fixtures), so the folder is built once per worker and kept for the whole run.
 */
export async function copyOf(
  key: string,
  build: () => Promise<string> | string,
  options: { acrossFiles?: boolean } = {},
): Promise<string> {
  const keep = options.acrossFiles ? runDir() : undefined;
  const cache = keep ? builtForRun : built;
  let source = cache.get(key);
  if (source === undefined) {
    source = Promise.resolve()
      .then(build)
      .then((dir) => {
        if (!keep) return dir;
        // Out of the test file's folders, which go when the file is done.
        const kept = mkdtempSync(join(keep, "build-"));
        cpSync(dir, kept, { recursive: true });
        return kept;
      });
    cache.set(key, source);
    // A build that fails fails each test that asks for it, not only the first.
    source.catch(() => cache.delete(key));
  }
  const dir = tempDir();
  cpSync(await source, dir, { recursive: true });
  return dir;
}

/**
 * A copy of a repository holding `files` in which `golive init ARGS` ran (with `env`), made
 * once per worker for each set of arguments and kept for the run: init sets up git's merge
 * driver, several git processes, and most tests start from a fresh project. Fails the test if
 * init fails.
 */
export function initRepo(
  args: string[] = ["--date", "2027-03-01"],
  env: Record<string, string> = {},
  files: Record<string, string> = {},
): Promise<string> {
  return copyOf(
    JSON.stringify(["init", args, env, files]),
    async () => {
      const source = tempRepo(files);
      const result = await golive(source, ["init", ...args], env);
      if (result.code !== 0) {
        throw new Error(`golive init ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
      }
      return source;
    },
    { acrossFiles: true },
  );
}

/**
 * Runs `work` with a git first on PATH that notes each command it is given (its arguments,
 * one line a call) and then runs the real git: golive's git runs with this process's
 * environment, so PATH is changed for `work` alone. Gives `work`'s result and the calls.
 */
export async function withGitCallsLogged<T>(
  work: () => Promise<T>,
): Promise<{ result: T; calls: string[] }> {
  const shim = tempDir();
  const log = join(shim, "calls.log");
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  writeFileSync(
    join(shim, "git"),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${real}' "$@"\n`,
    { mode: 0o755 },
  );
  const path = process.env.PATH;
  process.env.PATH = `${shim}:${path}`;
  let result: T;
  try {
    result = await work();
  } finally {
    process.env.PATH = path;
  }
  let calls: string[] = [];
  try {
    calls = readFileSync(log, "utf8")
      .split("\n")
      .filter((line) => line !== "");
  } catch {
    // No git ran.
  }
  return { result, calls };
}

export function read(dir: string, path = "golive.yaml"): string {
  return readFileSync(join(dir, path), "utf8");
}
