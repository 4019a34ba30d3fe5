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
import { gitCheckAttr, gitConfigGet, gitConfigGetMany, gitConfigSet } from "./git.js";
import type { GitRepo } from "./locate.js";
import { shellQuote } from "./locate.js";
import { posixRelative } from "./posix-path.js";

/** The merge driver's name in `.gitattributes` and git's config (`merge.golive.*`). */
export const DRIVER_NAME = "golive";
export const DRIVER_KEY = `merge.${DRIVER_NAME}.driver`;
export const DRIVER_NAME_KEY = `merge.${DRIVER_NAME}.name`;
export const DRIVER_TITLE = "golive: keeps both sides' changes of golive.yaml";
/** The config keys `ensureDriver` reads, for a caller that asks git for them with others. */
export const DRIVER_KEYS = [DRIVER_KEY, DRIVER_NAME_KEY] as const;

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

/** Whether `pattern`, from an attributes file in `base` (relative to the root), matches `path`. */
function patternMatches(pattern: string, base: string, path: string): boolean {
  const inBase =
    base === "" ? path : path.startsWith(`${base}/`) ? path.slice(base.length + 1) : "";
  if (inBase === "") return false;
  const unquoted = pattern.replace(/^"(.*)"$/, "$1").replace(/\\(.)/g, "$1");
  const glob = unquoted.replace(/^\//, "");
  const re = new RegExp(
    `^${glob
      .split("**")
      .map((part) =>
        part
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, "[^/]*")
          .replace(/\?/g, "[^/]"),
      )
      .join(".*")}$`,
  );
  // A pattern without a slash matches the name at any depth below its file's folder.
  return unquoted.includes("/") ? re.test(inBase) : re.test(inBase.split("/").at(-1)!);
}

/**
 * The attributes file that gives `path` a merge attribute other than golive's, as a path from
 * the root (`.git/info/attributes`, `sub/.gitattributes`): where git reads first. Undefined
 * when none of them says so (a global attributes file, or the root's `.gitattributes`).
 */
export function mergeOverride(repo: GitRepo, path: string): string | undefined {
  const says = (file: string, base: string): boolean => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return false;
    }
    return text.split(/\r?\n/).some((raw) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("#")) return false;
      const [pattern, ...attrs] = line.split(/\s+/);
      return (
        patternMatches(pattern!, base, path) &&
        attrs.some((a) => /^[-!]?merge(=|$)/.test(a) && a !== `merge=${DRIVER_NAME}`)
      );
    });
  };
  const info = join(repo.gitDir, "info", "attributes");
  if (says(info, "")) return posixRelative(repo.root, info);
  // Folders' own files, deepest first, win over the root's.
  const folders = path.split("/").slice(0, -1);
  for (let n = folders.length; n >= 1; n--) {
    const base = folders.slice(0, n).join("/");
    if (says(join(repo.root, base, ".gitattributes"), base)) return `${base}/.gitattributes`;
  }
  return undefined;
}

/**
 * Makes git give `path` the golive merge driver: appends the line to the root `.gitattributes`
 * unless git already says so, or the line is there already. "overridden": the line is there but
 * another attributes file (a folder's `.gitattributes`, `.git/info/attributes`) wins.
 */
export function ensureAttributes(
  repo: GitRepo,
  path: string,
): { status: AttributesStatus; line: string; added?: boolean; source?: string } | undefined {
  const line = attributesLine(path);
  const before = mergeAttribute(repo, path);
  if (before === undefined) return undefined;
  if (before === DRIVER_NAME) return { status: "present", line };
  const file = join(repo.root, ".gitattributes");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  // Appending it again would change nothing but the file.
  if (text.split(/\r?\n/).some((l) => l.trim() === line)) {
    const source = mergeOverride(repo, path);
    return { status: "overridden", line, added: false, ...(source ? { source } : {}) };
  }
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const sep = text === "" || text.endsWith("\n") ? "" : eol;
  writeFileAtomic(file, `${text}${sep}${line}${eol}`);
  if (mergeAttribute(repo, path) === DRIVER_NAME) return { status: "added", line };
  const source = mergeOverride(repo, path);
  return { status: "overridden", line, added: true, ...(source ? { source } : {}) };
}

/**
 * Sets this clone's driver (and its name) to `command`; says what it found. `set`: the values
 * of DRIVER_KEYS when the caller read them already (init reads them with the remote's URL).
 */
export function ensureDriver(
  repo: GitRepo,
  command: string,
  // Both keys in one git process: init runs this in every new clone.
  set: ReadonlyMap<string, string> = gitConfigGetMany(repo.root, DRIVER_KEYS),
): { status: DriverStatus; previous?: string } | undefined {
  const previous = set.get(DRIVER_KEY);
  if (set.get(DRIVER_NAME_KEY) !== DRIVER_TITLE) {
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
 * The line of a failed program's stderr that says why: Node's error ("Error: Cannot find module
 * '/old/golive.cjs'"), not the "Node.js v20.20.2" it ends with; else the last line.
 */
export function failureLine(stderr: string): string | undefined {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const why =
    lines.find((l) => /^(\w*Error|Error \[\w+\]):/.test(l)) ??
    lines.filter((l) => !/^Node\.js v\d/.test(l)).at(-1) ??
    lines.at(-1);
  return why?.slice(0, 300);
}

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
    const said = typeof e.stderr === "string" ? failureLine(e.stderr) : undefined;
    return {
      ok: false,
      problem: "failed",
      program,
      detail: `exit ${e.status ?? e.code ?? "?"}${said ? `: ${said}` : ""}`,
    };
  }
}
