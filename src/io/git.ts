/**
 * Every git command golive runs, in one place (docs/state-file.md lists them):
 * `git config user.name`, `git ls-files -z --cached --stage`, `git diff-files --name-only`
 * (status, for recorded evidence), `git merge-file`; for merges of
 * golive.yaml `git ls-files -u`, `git cat-file blob :N:PATH`, `git add`, `git check-attr` and
 * `git config merge.golive.*`; and for the portfolio `git show REF:PATH`, `git init --bare`
 * and `git fetch --depth 1`.
 *
 * A repository's own configuration can name programs for git to run (core.fsmonitor is run by
 * `git ls-files`), and a repository golive is pointed at may be hostile, so each command runs
 * with those keys neutralised on the command line, which wins over every config file.
 */

import { AsyncLocalStorage } from "node:async_hooks";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { GIT_TIMEOUT_DEFAULT_SECONDS, gitTimeoutSeconds } from "../core/git-timeout.js";
import { GoliveError } from "../errors.js";

/** `-c` settings that stop git from running programs named in a repository's config. */
const NO_PROGRAMS = [
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.sshCommand=",
  "-c",
  "diff.external=",
];

/**
 * The environment of the run in progress, for what has no Context to ask: git's time bound
 * (GOLIVE_GIT_TIMEOUT) and which index git would read (GIT_DIR, GIT_INDEX_FILE). The git
 * processes golive starts still inherit the process's own environment, as git expects.
 */
const runEnvironment = new AsyncLocalStorage<NodeJS.ProcessEnv>();

/**
 * Runs `task` (one golive command line) with git's settings read from `env`, the run's
 * injected environment: a run in-process and the real process read GOLIVE_GIT_TIMEOUT alike.
 */
export function withGitEnvironment<T>(env: NodeJS.ProcessEnv, task: () => T): T {
  return runEnvironment.run(env, task);
}

/** The run's environment (see above); outside a run, the process's. */
export function runEnv(): NodeJS.ProcessEnv {
  return runEnvironment.getStore() ?? process.env;
}

/**
 * How long one local git command may take: git reads every config file a repository includes,
 * and `include.path` naming a FIFO or a stalled mount would wait forever. GOLIVE_GIT_TIMEOUT
 * (seconds) in the run's environment changes it; outside a run, the default.
 */
export function gitTimeoutMs(env: NodeJS.ProcessEnv = runEnvironment.getStore() ?? {}): number {
  // A run refuses a value it cannot read (cli/environment.ts); elsewhere, the default.
  const given = gitTimeoutSeconds(env.GOLIVE_GIT_TIMEOUT ?? "");
  return (given ?? GIT_TIMEOUT_DEFAULT_SECONDS) * 1000;
}

/** The refusal when git passed its time bound: exit 2, naming the command, never hanging. */
function gitTimedOut(args: readonly string[], cwd: string): GoliveError {
  const command = `git ${args
    .filter((a) => !a.startsWith("-") && !a.includes("="))
    .slice(0, 2)
    .join(" ")}`;
  return new GoliveError(
    "git-timeout",
    `${command} did not finish within ${gitTimeoutMs() / 1000} s, so golive stopped it`,
    {
      location: { file: cwd },
      hint: "check the repository's git config for an include.path naming a pipe or a slow disk (git config --show-origin --list); GOLIVE_GIT_TIMEOUT=SECONDS allows longer",
    },
  );
}

const timedOut = (error: unknown) =>
  (error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";

/** Options every synchronous git call shares: the time bound, and a kill git cannot ignore. */
function bounded() {
  return { timeout: gitTimeoutMs(), killSignal: "SIGKILL" as const };
}

/**
 * `git config user.name` in `cwd`, or undefined when git or the name is missing. `env` is git's
 * environment (the process's by default).
 */
export function gitUserName(cwd: string, env?: NodeJS.ProcessEnv): string | undefined {
  try {
    const name = execFileSync("git", [...NO_PROGRAMS, "config", "user.name"], {
      cwd,
      ...bounded(),
      ...(env ? { env } : {}),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return name === "" ? undefined : name;
  } catch (error) {
    if (timedOut(error)) throw gitTimedOut(["config", "user.name"], cwd);
    return undefined;
  }
}

/**
 * A tracked path; `submodule` is the commit of a gitlink (a submodule's pinned commit), `object`
 * the blob ID git's index holds for a file, `link` set for a symbolic link.
 */
export interface TrackedFile {
  path: string;
  submodule?: string;
  object?: string;
  link?: boolean;
  /**
   * Marked assume-unchanged or skip-worktree: git stops comparing the work-tree file with the
   * index (`git diff-files` never lists it), so only its bytes tell what it holds now.
   */
  unwatched?: boolean;
}

/**
 * The paths git tracks under `root` (`git ls-files --stage`, which also gives the commit each
 * submodule is pinned to; `-v` tags the unwatched ones: lower case assume-unchanged, `S`
 * skip-worktree), or undefined outside a git work tree.
 */
export function gitTrackedFiles(root: string): TrackedFile[] | undefined {
  try {
    const out = execFileSync(
      "git",
      [...NO_PROGRAMS, "ls-files", "-z", "-v", "--cached", "--stage"],
      {
        cwd: root,
        ...bounded(),
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const files: TrackedFile[] = [];
    let last: string | undefined;
    for (const entry of out.split("\0")) {
      // "<tag> <mode> <object> <stage>\t<path>"; a conflicted path has one entry per stage.
      const tab = entry.indexOf("\t");
      if (tab === -1) continue;
      const path = entry.slice(tab + 1);
      if (path === last) continue;
      last = path;
      const [tag = "", mode, object] = entry.slice(0, tab).split(" ");
      const unwatched = tag === "S" || tag !== tag.toUpperCase() ? { unwatched: true } : {};
      if (mode === "160000" && object) files.push({ path, submodule: object });
      else if (object)
        files.push({ path, object, ...(mode === "120000" ? { link: true } : {}), ...unwatched });
      else files.push({ path });
    }
    return files;
  } catch (error) {
    if (timedOut(error)) throw gitTimedOut(["ls-files"], root);
    return undefined;
  }
}

// `git diff-files` as golive asks it: not about submodules (their pinned commit is in the index),
// all stat data compared whatever the config (core.checkStat=minimal misses a same-size edit).
const ALL_STAT = ["-c", "core.checkStat=default", "-c", "core.trustctime=true"];
const DIFF_FILES = ["diff-files", "--name-only", "-z", "--no-renames", "--ignore-submodules"];
const pathSet = (out: Buffer) =>
  new Set(
    out
      .toString("utf8")
      .split("\0")
      .filter((p) => p),
  );

/**
 * The tracked paths whose work-tree file may differ from git's index (`git diff-files
 * --name-only`: changed, deleted, or only touched since the index last saw them; git compares
 * contents where a time stamp cannot tell), or undefined when git cannot say. Nothing is
 * written: the index is not refreshed.
 */
export function gitChangedFiles(root: string): Set<string> | undefined {
  const out = gitOut(root, [...ALL_STAT, ...DIFF_FILES]);
  return out === undefined ? undefined : pathSet(out);
}

/** git's usual three-way text merge, with conflict markers, written into `ours`. */
export function gitMergeFile(cwd: string, base: string, ours: string, theirs: string): void {
  const args = ["merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs];
  const result = spawnSync("git", [...NO_PROGRAMS, ...args], {
    cwd,
    stdio: "ignore",
    ...bounded(),
  });
  if (timedOut(result.error)) throw gitTimedOut(args, cwd);
}

/**
 * `gitChangedFiles`, started now and answered later: git stats the work tree on another core
 * while golive reads golive.yaml (status, for recorded evidence). The same time bound; a
 * run that never asks for the answer leaves no rejection unhandled.
 */
export function gitChangedFilesLater(root: string): Promise<Set<string> | undefined> {
  const later = new Promise<Set<string> | undefined>((resolve, reject) => {
    execFile(
      "git",
      [...NO_PROGRAMS, ...ALL_STAT, ...DIFF_FILES],
      { cwd: root, ...bounded(), maxBuffer: 64 * 1024 * 1024, encoding: "buffer" },
      (error, stdout) => {
        if (error && (error as { killed?: boolean }).killed) reject(gitTimedOut(DIFF_FILES, root));
        else resolve(error ? undefined : pathSet(stdout));
      },
    );
  });
  later.catch(() => undefined);
  return later;
}

/** Runs git in `root` with the program-running keys neutralised; stdout, or undefined on failure. */
function gitOut(root: string, args: readonly string[]): Buffer | undefined {
  const result = spawnSync("git", [...NO_PROGRAMS, ...args], {
    cwd: root,
    ...bounded(),
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (timedOut(result.error)) throw gitTimedOut(args, root);
  return result.status === 0 ? result.stdout : undefined;
}

/** One unmerged index entry of a path: git's stage 1 (base), 2 (ours) or 3 (theirs). */
export interface UnmergedStage {
  stage: 1 | 2 | 3;
  mode: string;
}

/**
 * `git ls-files -u -z -- PATH`: the stages git holds for a path it has not merged; empty when
 * the path is merged (or untracked), undefined when git cannot say (no git, not a repository).
 */
export function gitUnmergedStages(root: string, path: string): UnmergedStage[] | undefined {
  const out = gitOut(root, ["ls-files", "-u", "-z", "--", path]);
  if (out === undefined) return undefined;
  const stages: UnmergedStage[] = [];
  for (const record of out.toString("utf8").split("\0")) {
    // "MODE SHA STAGE\tPATH"
    const m = /^(\d+) [0-9a-f]+ ([123])\t/.exec(record);
    if (m) stages.push({ mode: m[1]!, stage: Number(m[2]) as 1 | 2 | 3 });
  }
  return stages;
}

/**
 * `git cat-file blob :STAGE:PATH`: one of the versions git holds of an unmerged path, byte for
 * byte (no filter, no text conversion); undefined when git has no such stage.
 */
export function gitStageText(root: string, stage: 1 | 2 | 3, path: string): string | undefined {
  return gitOut(root, ["cat-file", "blob", `:${stage}:${path}`])?.toString("utf8");
}

/** `git add -- PATH`: stages the path, which ends its unmerged state; false when git failed. */
export function gitAdd(root: string, path: string): boolean {
  return gitOut(root, ["add", "--", path]) !== undefined;
}

/** `git config --get KEY` in the repository at `root`: the value, or undefined when unset. */
export function gitConfigGet(root: string, key: string): string | undefined {
  const out = gitOut(root, ["config", "--get", key]);
  return out === undefined ? undefined : out.toString("utf8").replace(/\n$/, "");
}

/**
 * The last value of each of `keys` (git config's own lower-case names), in one `git config -z
 * --get-regexp`; a key that is unset is absent from the map.
 */
export function gitConfigGetMany(root: string, keys: readonly string[]): Map<string, string> {
  const pattern = `^(${keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;
  const out = gitOut(root, ["config", "-z", "--get-regexp", pattern]);
  const found = new Map<string, string>();
  // -z: each entry is `key\nvalue\0`; the last of several values wins, as `--get` does.
  for (const entry of out?.toString("utf8").split("\0") ?? []) {
    if (entry === "") continue;
    const nl = entry.indexOf("\n");
    found.set(nl === -1 ? entry : entry.slice(0, nl), nl === -1 ? "" : entry.slice(nl + 1));
  }
  return found;
}

/** `git config KEY VALUE`: sets the key in the repository's own config (.git/config). */
export function gitConfigSet(root: string, key: string, value: string): boolean {
  return gitOut(root, ["config", key, value]) !== undefined;
}

/**
 * `git check-attr -z ATTR -- PATH`: the attribute's value for the path as git sees it, from
 * every attributes file ("unspecified", "set", "unset" or the value); undefined when git fails.
 */
export function gitCheckAttr(root: string, attr: string, path: string): string | undefined {
  const out = gitOut(root, ["check-attr", "-z", attr, "--", path]);
  if (out === undefined) return undefined;
  // PATH NUL ATTR NUL VALUE NUL
  return out.toString("utf8").split("\0")[2];
}

/**
 * For `golive portfolio`: git may also reach out to a remote. `ext::` runs a command of the
 * URL's choosing and is refused outright (git's default, made explicit); submodules are never
 * fetched, and git asks no one for a password: a project that needs one is a row with its error.
 * The bare repository is thrown away after one fetch, so git's housekeeping after it
 * (`git maintenance --auto`, a process of its own each time) is switched off.
 */
const FOR_REMOTES = [
  ...NO_PROGRAMS,
  "-c",
  "protocol.ext.allow=never",
  "-c",
  "fetch.recurseSubmodules=false",
  "-c",
  "credential.helper=",
  "-c",
  "maintenance.auto=false",
];

/** How long one git command of the portfolio may take before it counts as failed. */
export const GIT_TIMEOUT_MS = 60_000;

/** What git said when it failed, one line, or why it could not run. */
export class GitError extends Error {}

function gitAsync(
  args: readonly string[],
  cwd?: string,
  maxBuffer = 16 * 1024 * 1024,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      "git",
      [...FOR_REMOTES, ...args],
      {
        ...(cwd ? { cwd } : {}),
        encoding: "utf8",
        maxBuffer,
        timeout: GIT_TIMEOUT_MS,
        killSignal: "SIGKILL",
        // No terminal prompt for a password: it would hang a CI job.
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "" },
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        const said = String(stderr)
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "")
          .pop();
        const timedOut = (error as { killed?: boolean }).killed === true;
        reject(
          new GitError(
            timedOut ? `git timed out after ${GIT_TIMEOUT_MS / 1000} s` : (said ?? error.message),
          ),
        );
      },
    );
  });
}

/**
 * `git show REF:./PATH` in `dir` (a work tree or a folder in it; PATH relative to `dir`), or
 * `git show REF:PATH` in a bare repository (PATH from its root): a file as it is at REF, with
 * nothing checked out.
 */
export function gitShowFile(dir: string, ref: string, path: string, bare = false): Promise<string> {
  if (ref.startsWith("-")) return Promise.reject(new GitError(`"${ref}" is not a ref`));
  return gitAsync(["show", `${ref}:${bare ? "" : "./"}${path}`], dir, 9 * 1024 * 1024);
}

/** Whether `dir` is a bare repository (no work tree, so no `./` paths in `git show`). */
export async function gitIsBare(dir: string): Promise<boolean> {
  try {
    return (await gitAsync(["rev-parse", "--is-bare-repository"], dir, 64)).trim() === "true";
  } catch {
    return false;
  }
}

/**
 * A remote's REF fetched into a new bare repository at `into`: `git init --bare` (no
 * templates, so no sample hooks), then `git fetch --depth 1 --no-tags -- URL REF`. The commit
 * is FETCH_HEAD there; nothing is checked out.
 */
export async function gitFetchShallow(url: string, ref: string, into: string): Promise<void> {
  if (url.startsWith("-") || ref.startsWith("-"))
    throw new GitError(`"${url}#${ref}" is not a remote and ref`);
  await gitAsync(["init", "--bare", "--quiet", "--template=", into]);
  await gitAsync(["fetch", "--depth", "1", "--no-tags", "--quiet", "--", url, ref], into);
}

/** `git ARGS` in `root` for `golive diff`: stdout, or undefined when git says no. */
function gitRead(root: string, args: readonly string[]): string | undefined {
  const run = spawnSync("git", [...NO_PROGRAMS, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    ...bounded(),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
  });
  if (run.error !== undefined && (run.error as { code?: string }).code === "ETIMEDOUT") {
    throw new GitError(`git ${args[0]} took longer than ${gitTimeoutMs() / 1000} s`);
  }
  if (run.error !== undefined) throw new GitError(`git could not run: ${run.error.message}`);
  return run.status === 0 ? run.stdout : undefined;
}

/** The commit a ref names (`main`, `origin/main`, a hash), or undefined when it names none. */
export function gitCommitOf(root: string, ref: string): string | undefined {
  if (ref.startsWith("-")) return undefined;
  return gitRead(root, [
    "rev-parse",
    "--verify",
    "--quiet",
    "--end-of-options",
    `${ref}^{commit}`,
  ])?.trim();
}

/**
 * The branch a pull request merges into, as this clone knows it: the remote's default branch
 * (`origin/HEAD`), else `origin/main`, `origin/master`, `main`, `master`; undefined when none.
 */
export function gitDefaultBranch(root: string): string | undefined {
  const head = gitRead(root, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  const candidates = [head?.trim(), "origin/main", "origin/master", "main", "master"];
  return candidates.find((ref) => ref !== undefined && ref !== "" && gitCommitOf(root, ref));
}

/** The newest commit both refs share, or undefined when they share none. */
export function gitMergeBase(root: string, a: string, b: string): string | undefined {
  return gitRead(root, ["merge-base", "--end-of-options", a, b])?.trim() || undefined;
}

/**
 * A file as it is in a commit (PATH from the repository's root), or undefined when the commit
 * does not hold it.
 */
export function gitFileAt(root: string, commit: string, path: string): string | undefined {
  if (gitRead(root, ["cat-file", "-e", `${commit}:${path}`]) === undefined) return undefined;
  const text = gitRead(root, ["cat-file", "blob", `${commit}:${path}`]);
  if (text === undefined)
    throw new GitError(`git could not read ${path} at ${commit.slice(0, 12)}`);
  return text;
}
