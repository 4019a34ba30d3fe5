/**
 * Every git command golive runs, in one place (docs/state-file.md lists them):
 * `git config user.name`, `git ls-files -z --cached --stage` and `git merge-file`.
 *
 * A repository's own configuration can name programs for git to run (core.fsmonitor is run by
 * `git ls-files`), and a repository golive is pointed at may be hostile, so each command runs
 * with those keys neutralised on the command line, which wins over every config file.
 */
import { execFileSync, spawnSync } from "node:child_process";

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
 * `git config user.name` in `cwd`, or undefined when git or the name is missing. `env` is git's
 * environment (the process's by default).
 */
export function gitUserName(cwd: string, env?: NodeJS.ProcessEnv): string | undefined {
  try {
    const name = execFileSync("git", [...NO_PROGRAMS, "config", "user.name"], {
      cwd,
      ...(env ? { env } : {}),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

/** A tracked path; `submodule` is the commit of a gitlink (a submodule's pinned commit). */
export interface TrackedFile {
  path: string;
  submodule?: string;
}

/**
 * The paths git tracks under `root` (`git ls-files --stage`, which also gives the commit each
 * submodule is pinned to), or undefined outside a git work tree.
 */
export function gitTrackedFiles(root: string): TrackedFile[] | undefined {
  try {
    const out = execFileSync("git", [...NO_PROGRAMS, "ls-files", "-z", "--cached", "--stage"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "ignore"],
    });
    const files: TrackedFile[] = [];
    let last: string | undefined;
    for (const entry of out.split("\0")) {
      // "<mode> <object> <stage>\t<path>"; a conflicted path has one entry per stage.
      const tab = entry.indexOf("\t");
      if (tab === -1) continue;
      const path = entry.slice(tab + 1);
      if (path === last) continue;
      last = path;
      const [mode, object] = entry.slice(0, tab).split(" ");
      files.push(mode === "160000" && object ? { path, submodule: object } : { path });
    }
    return files;
  } catch {
    return undefined;
  }
}

/** git's usual three-way text merge, with conflict markers, written into `ours`. */
export function gitMergeFile(cwd: string, base: string, ours: string, theirs: string): void {
  spawnSync(
    "git",
    [...NO_PROGRAMS, "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs],
    { cwd, stdio: "ignore" },
  );
}
