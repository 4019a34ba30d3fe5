/**
 * Where reports go besides the console: a file named with --output (written atomically, its
 * folder created, so a CI artefact is never half-written) and GitHub's step summary (appended,
 * as GitHub expects of every step that writes to it).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { GoliveError } from "../errors.js";
import { writeFileAtomic } from "./fs-atomic.js";

export function writeReport(path: string, content: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new GoliveError(
      "unreadable",
      `cannot create the folder for ${path}: ${(error as Error).message}`,
      {
        location: { file: path },
        hint: "choose an --output path in a writable folder",
      },
    );
  }
  writeFileAtomic(path, content);
}

export function appendStepSummary(path: string, content: string): void {
  try {
    appendFileSync(path, content.endsWith("\n") ? content : `${content}\n`);
  } catch (error) {
    throw new GoliveError(
      "unreadable",
      `cannot append to GITHUB_STEP_SUMMARY ${path}: ${(error as Error).message}`,
      {
        location: { file: path },
        hint: "GITHUB_STEP_SUMMARY should name a writable file; unset it outside GitHub Actions",
      },
    );
  }
}
