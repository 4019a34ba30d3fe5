/**
 * Reading a file people wrote as text: only a regular file (a FIFO would hang the read, a
 * device never end), only up to a size golive handles within its lock wait, and only UTF-8.
 * Each refusal says what the path is instead.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { GoliveError } from "../errors.js";
import { fsErrorReason } from "./fs-errors.js";

/**
 * Larger files are refused before they are read. A state file of 10,000 items with history
 * is about 1.5 MiB, and 8 MiB is read, edited and rewritten well within the 10 s lock wait
 * (bench: see CONTRIBUTING.md).
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** What a path that is not a regular file is, in words. */
export function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a regular file";
}

function notAFile(path: string, what: string, stat: Stats): GoliveError {
  return new GoliveError("unreadable", `${what} is ${kindOf(stat)}, not a file`, {
    location: { file: path },
    hint: "point golive at a regular file",
  });
}

function tooLarge(path: string, what: string, size: number): GoliveError {
  return new GoliveError(
    "too-large",
    `${what} is ${(size / 1024 / 1024).toFixed(1)} MiB; golive reads at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
    { location: { file: path }, hint: "check that this is the right file" },
  );
}

/** Reads a file as UTF-8 text, refusing anything but a regular file, huge files and invalid UTF-8. */
export function readTextFile(path: string, what: string): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw notAFile(path, what, stat);
    if (stat.size > MAX_FILE_BYTES) throw tooLarge(path, what, stat.size);
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it does not
    // wait for a writer, and the second check below refuses it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notAFile(path, what, opened);
    // Read until the end, but never more than one byte past the limit: a file can grow
    // after its size was taken, and a /proc file says 0.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.max(64 * 1024, Math.min(opened.size, MAX_FILE_BYTES) + 1));
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, MAX_FILE_BYTES + 1 - length), null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      length += n;
      if (length > MAX_FILE_BYTES) throw tooLarge(path, what, length);
    }
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    bytes = buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof GoliveError) throw error;
    throw new GoliveError("unreadable", `cannot read ${what}: ${fsErrorReason(error)}`, {
      location: { file: path },
      hint: "check the path and the file's permissions",
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
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
