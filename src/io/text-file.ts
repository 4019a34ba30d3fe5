/**
 * Reading a file people wrote as text: one clear error for a folder, a huge file or bytes
 * that are not UTF-8.
 */
import { readFileSync, statSync } from "node:fs";
import { GoliveError } from "../errors.js";
import { fsErrorReason } from "./fs-errors.js";

/** Larger files are refused before they are read: no real checklist comes close. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a file as UTF-8 text, refusing folders, huge files and invalid UTF-8. */
export function readTextFile(path: string, what: string): string {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    }
    if (stat.size > MAX_FILE_BYTES) {
      throw new GoliveError(
        "too-large",
        `${what} is ${(stat.size / 1024 / 1024).toFixed(1)} MiB; golive reads at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
        { location: { file: path }, hint: "check that this is the right file" },
      );
    }
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof GoliveError) throw error;
    throw new GoliveError("unreadable", `cannot read ${what}: ${fsErrorReason(error)}`, {
      location: { file: path },
      hint: "check the path and the file's permissions",
    });
  }
  try {
    // ignoreBOM keeps a byte order mark in the text, so that parseYaml sees it and a rewrite keeps it.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new GoliveError("unreadable", `${what} is not valid UTF-8 text`, {
      location: { file: path },
      hint: "save the file as UTF-8",
    });
  }
}
