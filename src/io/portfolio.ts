/**
 * Reading the projects of `golive portfolio`: each project's golive.yaml from its work tree, or
 * with git from a ref (a local repository's, or a remote's fetched shallow into a temporary
 * bare repository), never checking anything out. A project that cannot be read is a result
 * with its error, never a failure of the whole run. Git reads run in parallel.
 */

import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { basename, dirname, join, posix, resolve } from "node:path";
import { parse } from "yaml";
import { withoutUserInfo } from "../core/links.js";
import { formatLocation, GoliveError } from "../errors.js";
import { type PortfolioFile, type PortfolioProject, PortfolioSchema } from "../schema/portfolio.js";
import { confinedPath } from "./confined.js";
import { fsErrorReason } from "./fs-errors.js";
import { GitError, gitFetchShallow, gitIsBare, gitShowFile } from "./git.js";
import { loadWorkspace, type Workspace } from "./state-read.js";
import { readTextFile } from "./text-file.js";
import { parseYaml, toData, validate } from "./yaml-file.js";

/**
 * Where one project's golive.yaml comes from. `named`: the portfolio list gave the name, which
 * then wins over the project's own.
 */
export type ProjectSource = (
  | { kind: "worktree"; name: string; dir: string; file: string }
  | { kind: "ref"; name: string; dir: string; ref: string; file: string }
  | { kind: "remote"; name: string; url: string; ref: string; file: string }
) & { named?: true };

export type ProjectRead =
  | { source: ProjectSource; workspace: Workspace }
  | { source: ProjectSource; error: { code: string; message: string; where?: string } };

/** `catalogue: { path: ... }` or a block `catalogue:` with a `path:` line under it. */
const NAMES_A_PATH =
  /^catalogue:[^\n]*\bpath\b|^catalogue:[ \t]*\r?\n(?:[ \t]+[^\n]*\n)*?[ \t]+path[ \t]*:/m;

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/i;

function nameOf(text: string): string {
  const trimmed = withoutUserInfo(text)
    .replace(/[/\\]+$/, "")
    .replace(/\.git$/, "");
  return basename(trimmed.replace(/^[\w.-]+@[\w.-]+:/, "")) || text;
}

/** `PATH`, `PATH#REF`, `GIT-URL` or `GIT-URL#REF`, as given on the command line. */
export function sourceOfArgument(arg: string, cwd: string): ProjectSource {
  const hash = arg.lastIndexOf("#");
  const target = hash > 0 ? arg.slice(0, hash) : arg;
  const ref = hash > 0 ? arg.slice(hash + 1) : undefined;
  if (REMOTE.test(target)) {
    return {
      kind: "remote",
      name: nameOf(target),
      url: target,
      ref: ref || "HEAD",
      file: "golive.yaml",
    };
  }
  const dir = resolve(cwd, target);
  if (ref) return { kind: "ref", name: `${nameOf(dir)}#${ref}`, dir, ref, file: "golive.yaml" };
  return { kind: "worktree", name: nameOf(dir), dir, file: "golive.yaml" };
}

function sourceOfEntry(entry: PortfolioProject, base: string, at: string): ProjectSource {
  const file = entry.file ?? "golive.yaml";
  if ((entry.path === undefined) === (entry.git === undefined)) {
    throw new GoliveError("invalid-portfolio", `${at}: give either path or git`, {
      hint: "path: a local folder; git: a remote, with ref: the branch or tag",
    });
  }
  const named = entry.name !== undefined ? ({ named: true } as const) : {};
  if (entry.git !== undefined) {
    return {
      ...named,
      kind: "remote",
      name: entry.name ?? nameOf(entry.git),
      url: entry.git,
      ref: entry.ref ?? "HEAD",
      file,
    };
  }
  const dir = resolve(base, entry.path!);
  const name = entry.name ?? nameOf(dir);
  return entry.ref !== undefined
    ? { ...named, kind: "ref", name, dir, ref: entry.ref, file }
    : { ...named, kind: "worktree", name, dir, file };
}

/** The projects a portfolio.yaml lists; a bad list is a usage error (exit 2). */
export function readPortfolioList(path: string, shown: string): ProjectSource[] {
  const what = "portfolio list";
  const file = parseYaml(shown, readTextFile(path, what), what);
  const list: PortfolioFile = validate(
    file,
    toData(file, what),
    PortfolioSchema,
    what,
    "invalid-portfolio",
  );
  return list.projects.map((p, i) => sourceOfEntry(p, dirname(path), `${shown}: projects.${i}`));
}

/**
 * A project's state file from a ref, with git. Its text is read as it is; only when it names a
 * catalogue of its own by path are both files written to `scratch()`, at their places, for
 * the catalogue to be found next to golive.yaml as in a work tree.
 */
async function readWithGit(
  source: Exclude<ProjectSource, { kind: "worktree" }>,
  scratch: () => string,
): Promise<Workspace> {
  let dir: string;
  let ref: string;
  if (source.kind === "remote") {
    dir = join(scratch(), "repo.git");
    await gitFetchShallow(source.url, source.ref, dir);
    ref = "FETCH_HEAD";
  } else {
    dir = source.dir;
    ref = source.ref;
  }
  const stateRel = posix.normalize(source.file);
  if (stateRel.startsWith("../")) throw new GitError(`${source.file} is outside the repository`);
  // A local repository may be bare too (origin.git#main), as a fetched remote always is.
  const bare = source.kind === "remote" || (await gitIsBare(dir));
  const text = await gitShowFile(dir, ref, stateRel, bare);
  // Parsing the whole file twice doubled the cost of a ref: only a file whose catalogue entry
  // has a path (a cheap look first) is parsed here for it.
  let catalogue: unknown;
  if (NAMES_A_PATH.test(text)) {
    try {
      catalogue = (parse(text) as { catalogue?: { path?: unknown } } | null)?.catalogue?.path;
    } catch {
      catalogue = undefined; // loadWorkspace reports the YAML error with its place
    }
  }
  if (typeof catalogue !== "string") {
    // Errors name golive.yaml as in the repository; nothing is written.
    const root = source.kind === "remote" ? join(scratch(), "tree") : source.dir;
    return loadWorkspace(join(root, stateRel), root, text, { root, label: "the repository" });
  }
  const tree = join(scratch(), "tree");
  const statePath = join(tree, stateRel);
  mkdirSync(dirname(statePath), { recursive: true });
  writeFileSync(statePath, text);
  const rel = posix.normalize(posix.join(posix.dirname(stateRel), catalogue));
  if (!rel.startsWith("../") && !posix.isAbsolute(rel)) {
    const catalogueText = await gitShowFile(dir, ref, rel, bare).catch(() => undefined);
    if (catalogueText !== undefined) {
      mkdirSync(dirname(join(tree, rel)), { recursive: true });
      writeFileSync(join(tree, rel), catalogueText);
    }
  }
  // The copy's folder is the repository now: a path out of it (`/proc/self/environ`, `../..`)
  // is refused at its line, never read on this machine.
  return loadWorkspace(statePath, tree, text, { root: tree, label: "the repository" });
}

async function readProject(source: ProjectSource): Promise<ProjectRead> {
  let scratch: string | undefined;
  // A temporary folder only for what needs one: a remote's fetch, a catalogue of a ref's own.
  const scratchDir = () => {
    scratch ??= mkdtempSync(join(tmpdir(), "golive-portfolio-"));
    return scratch;
  };
  try {
    if (source.kind === "worktree") {
      // `file:` of a list entry names a file in the project: never one out of it.
      const inside = { root: source.dir, label: "the project's folder" };
      let statePath = confinedPath(source.file, source.dir, inside, "file:", undefined);
      // A path to the state file itself is fine too.
      if (statSync(source.dir, { throwIfNoEntry: false })?.isFile()) statePath = source.dir;
      return { source, workspace: loadWorkspace(statePath, dirname(statePath)) };
    }
    return { source, workspace: await readWithGit(source, scratchDir) };
  } catch (error) {
    // git and the readers may quote the remote's URL: its token never reaches a row.
    if (error instanceof GoliveError) {
      const where = error.location ? formatLocation(error.location) : undefined;
      return {
        source,
        error: {
          code: error.code,
          message: withoutUserInfo(error.message),
          ...(where ? { where: withoutUserInfo(where) } : {}),
        },
      };
    }
    if (error instanceof GitError)
      return { source, error: { code: "git", message: withoutUserInfo(error.message) } };
    // A path the file system refuses (a name too long, a loop of links): a row, not a crash.
    if (typeof (error as NodeJS.ErrnoException)?.code === "string") {
      return {
        source,
        error: { code: "unreadable", message: `cannot read it: ${fsErrorReason(error)}` },
      };
    }
    throw error;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/** Reads every project, several at a time; results in the order given. */
export async function readProjects(sources: readonly ProjectSource[]): Promise<ProjectRead[]> {
  const results: ProjectRead[] = new Array(sources.length);
  let next = 0;
  const lanes = Math.min(sources.length, Math.max(4, availableParallelism() * 4));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < sources.length) {
        const i = next++;
        results[i] = await readProject(sources[i]!);
      }
    }),
  );
  return results;
}
