/**
 * What makes git merge golive.yaml with golive: the `.gitattributes` line (committed, so every
 * clone has it) and the driver in each clone's own git config, which no clone can commit.
 *
 * The driver is named by absolute paths, the Node.js binary and the golive file that are
 * running now, so that it works however golive was installed (a dev dependency is not on
 * git's PATH, a GUI client's PATH may lack Node) and whichever other golive is on PATH.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AttributesStatus, DriverStatus } from "../core/setup.js";
import { writeFileAtomic } from "./fs-atomic.js";
import { gitCheckAttr, gitConfigGet, gitConfigSet } from "./git.js";
import type { GitRepo } from "./locate.js";
import { shellQuote } from "./locate.js";

/** The merge driver's name in `.gitattributes` and git's config (`merge.golive.*`). */
export const DRIVER_NAME = "golive";
export const DRIVER_KEY = `merge.${DRIVER_NAME}.driver`;
export const DRIVER_NAME_KEY = `merge.${DRIVER_NAME}.name`;
export const DRIVER_TITLE = "golive: keeps both sides' changes of golive.yaml";

/** How golive runs now, as git's shell must start it again. */
export interface Program {
  node: string;
  script: string;
}

/** The driver command for git's config: quoted for the shell git runs it with. */
export function driverCommand(program: Program): string {
  return `${shellQuote(program.node)} ${shellQuote(program.script)} merge-driver %O %A %B %P`;
}

/**
 * A path as a `.gitattributes` pattern that matches it alone: plain when it can be, else in
 * C-style quotes (spaces), with glob characters escaped.
 */
export function attributesPattern(path: string): string {
  const escaped = path.replace(/[*?[\\]/g, (c) => `\\${c}`);
  if (/^[\w./@%+=:,~-]+$/.test(path)) return escaped;
  return `"${escaped.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function attributesLine(path: string): string {
  return `${attributesPattern(path)} merge=${DRIVER_NAME}`;
}

/** The merge attribute git gives `path`: "golive" when the driver is set up for it. */
export function mergeAttribute(repo: GitRepo, path: string): string | undefined {
  return gitCheckAttr(repo.root, "merge", path);
}

/**
 * Makes git give `path` the golive merge driver: appends the line to the root `.gitattributes`
 * unless git already says so. "overridden": the line is there but another attributes file
 * (a folder's `.gitattributes`, `.git/info/attributes`) wins.
 */
export function ensureAttributes(
  repo: GitRepo,
  path: string,
): { status: AttributesStatus; line: string } | undefined {
  const line = attributesLine(path);
  const before = mergeAttribute(repo, path);
  if (before === undefined) return undefined;
  if (before === DRIVER_NAME) return { status: "present", line };
  const file = join(repo.root, ".gitattributes");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const sep = text === "" || text.endsWith("\n") ? "" : eol;
  writeFileAtomic(file, `${text}${sep}${line}${eol}`);
  return { status: mergeAttribute(repo, path) === DRIVER_NAME ? "added" : "overridden", line };
}

/** Sets this clone's driver (and its name) to `command`; says what it found. */
export function ensureDriver(
  repo: GitRepo,
  command: string,
): { status: DriverStatus; previous?: string } | undefined {
  const previous = gitConfigGet(repo.root, DRIVER_KEY);
  if (gitConfigGet(repo.root, DRIVER_NAME_KEY) !== DRIVER_TITLE) {
    if (!gitConfigSet(repo.root, DRIVER_NAME_KEY, DRIVER_TITLE)) return undefined;
  }
  if (previous === command) return { status: "present" };
  if (!gitConfigSet(repo.root, DRIVER_KEY, command)) return undefined;
  return previous === undefined ? { status: "set" } : { status: "replaced", previous };
}

/** This clone's configured driver command, if any. */
export function configuredDriver(repo: GitRepo): string | undefined {
  return gitConfigGet(repo.root, DRIVER_KEY);
}

/**
 * A command's words as a POSIX shell splits them ('...', "...", \), or undefined when it uses
 * more of the shell than words (variables, pipes, `;`): such a command is not checked by
 * running it.
 */
export function commandWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (text: string) => {
    word = (word ?? "") + text;
  };
  while (i < command.length) {
    const c = command[i]!;
    if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      add(command.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let text = "";
      i++;
      while (i < command.length && command[i] !== '"') {
        if (command[i] === "$" || command[i] === "`") return undefined;
        if (command[i] === "\\" && /["\\$`]/.test(command[i + 1] ?? "")) i++;
        text += command[i];
        i++;
      }
      if (i >= command.length) return undefined;
      add(text);
      i++;
    } else if (c === "\\") {
      if (i + 1 >= command.length) return undefined;
      add(command[i + 1]!);
      i += 2;
    } else if (/[;&|<>()$`*?[\]{}~#\n]/.test(c)) {
      return undefined;
    } else {
      add(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

export type DriverProbe =
  | { ok: true; program: string }
  | {
      ok: false;
      problem: "not-plain" | "no-merge-driver" | "not-found" | "failed" | "not-golive";
      program?: string;
      detail?: string;
    };

/**
 * Runs the configured driver's program the way git would start it, with `merge-driver --help`
 * instead of the files: it must start and be golive's merge driver. (`--version` would not
 * tell: `npx --no golive --version` prints npm's own version.) No shell runs it.
 */
export function probeDriver(command: string, cwd: string): DriverProbe {
  const words = commandWords(command);
  if (!words) return { ok: false, problem: "not-plain" };
  const at = words.indexOf("merge-driver");
  if (at < 1) return { ok: false, problem: "no-merge-driver" };
  const [program, ...args] = words.slice(0, at) as [string, ...string[]];
  try {
    const out = execFileSync(program, [...args, "merge-driver", "--help"], {
      cwd,
      encoding: "utf8",
      timeout: 20_000,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (!/golive merge-driver/.test(out)) {
      return { ok: false, problem: "not-golive", program, detail: out.trim().split("\n")[0] };
    }
    return { ok: true, program };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number | null; stderr?: string };
    if (e.code === "ENOENT" || e.code === "EACCES") {
      return { ok: false, problem: "not-found", program, detail: e.code };
    }
    const said = typeof e.stderr === "string" ? e.stderr.trim().split("\n").at(-1) : undefined;
    return {
      ok: false,
      problem: "failed",
      program,
      detail: `exit ${e.status ?? e.code ?? "?"}${said ? `: ${said}` : ""}`,
    };
  }
}
