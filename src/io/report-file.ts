/**
 * Where reports go besides the console: a file named with --output (written atomically, its
 * folder created, so a CI artefact is never half-written) and GitHub's step summary (appended,
 * as GitHub expects of every step that writes to it).
 */
import { appendFileSync, realpathSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { GoliveError } from "../errors.js";
import { confinedPath } from "./confined.js";
import { ensureFolder } from "./folders.js";
import { writeFileAtomic } from "./fs-atomic.js";
import { unwritable } from "./fs-errors.js";

/** The same file, through links and `..`: realpath when it exists, else the path itself. */
function sameFile(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Writes a report to `path`, which must not be one of the files golive reads (`reads`: the
 * state file, the catalogue): a report written over golive.yaml would destroy the team's record.
 */
export function writeReport(
  given: string,
  content: string,
  reads: readonly string[] = [],
  /** The repository: a path into it must not leave it through a linked folder. */
  repository?: string,
): void {
  let path = given;
  if (repository !== undefined) {
    const root = resolve(repository);
    const full = resolve(given);
    if (full.startsWith(root + sep)) {
      const inside = { root, label: "the repository" };
      path = confinedPath(relative(root, full), root, inside, "--output", { file: given });
    }
  }
  const clash = reads.find((file) => sameFile(path, file));
  if (clash !== undefined) {
    throw new GoliveError("usage", `--output names ${basename(clash)}, a file golive reads`, {
      location: { file: path },
      hint: "write the report to another file, for example reports/golive.html",
    });
  }
  try {
    ensureFolder(dirname(path));
  } catch (error) {
    throw unwritable(path, error, "choose an --output path in a writable folder");
  }
  try {
    writeFileAtomic(path, content);
  } catch (error) {
    if (error instanceof GoliveError && error.code === "unwritable") {
      throw new GoliveError(error.code, error.message, {
        ...(error.location ? { location: error.location } : {}),
        hint: "choose another --output path: a file in a writable folder",
      });
    }
    throw error;
  }
}

export function appendStepSummary(
  path: string,
  content: string,
  reads: readonly string[] = [],
): void {
  if (reads.some((file) => sameFile(path, file))) {
    throw new GoliveError("usage", "GITHUB_STEP_SUMMARY names a file golive reads", {
      location: { file: path },
    });
  }
  try {
    appendFileSync(path, content.endsWith("\n") ? content : `${content}\n`);
  } catch (error) {
    throw unwritable(
      path,
      error,
      "GITHUB_STEP_SUMMARY should name a writable file; unset it outside GitHub Actions",
    );
  }
}
