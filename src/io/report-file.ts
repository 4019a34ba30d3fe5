/**
 * Where reports go besides the console: a file named with --output (written atomically, its
 * folder created, so a CI artefact is never half-written) and GitHub's step summary (appended,
 * as GitHub expects of every step that writes to it).
 */
import { appendFileSync } from "node:fs";
import { dirname } from "node:path";
import { GoliveError } from "../errors.js";
import { ensureFolder } from "./folders.js";
import { writeFileAtomic } from "./fs-atomic.js";
import { unwritable } from "./fs-errors.js";

export function writeReport(path: string, content: string): void {
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

export function appendStepSummary(path: string, content: string): void {
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
