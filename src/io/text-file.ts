/**
 * Reading a file people wrote as text: only a regular file (a FIFO would hang the read, a
 * device never end), only up to a size golive handles within its lock wait, and only UTF-8.
 * Each refusal says what the path is instead.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { GoliveError } from "../errors.js";
import { fsErrorReason } from "./fs-errors.js";

/**
 * Larger files are refused before they are read. 2 MiB holds a state file of 10,000 items
 * with history (1.5 MiB); one started for the Spryker catalogue is 5 KiB.
 * Measured on the 2-core machine golive is built on (node 20, busy with other work: load
 * 9-19), CPU seconds / peak memory; `done` holds the lock while it reads golive.yaml and the
 * catalogue, edits, reads the result back and writes it:
 *
 *   golive.yaml          catalogue   status            done
 *   1 MiB, 7,000 items   1 MiB       3.0 s / 167 MiB   3.9 s / 213 MiB
 *   2 MiB, 14,000 items  2 MiB       4.0 s / 237 MiB   6.4 s / 245 MiB
 *   2 MiB, long history  0.25 MiB    3.6 s / 240 MiB   3.9 s / 241 MiB
 *   3 MiB, 21,000 items  3 MiB       6.8 s / 396 MiB  10.1 s / 478 MiB
 *   4 MiB, 28,000 items  4 MiB       8.5 s / 499 MiB  13.9 s / 495 MiB
 *   4 MiB, long notes    0.25 MiB    1.7 s / 115 MiB   1.2 s / 114 MiB
 *
 * At 2 MiB an edit of the densest file (both files at the limit) takes 6.4 s of CPU even on
 * that busy machine and a quarter of the 500 MiB goal; at 3 MiB it already takes the whole
 * 10 s lock wait, at 4 MiB the whole memory goal. The cost is YAML parsing, which grows with
 * the number of nodes more than with bytes (long notes cost little). bench/run.mjs times
 * `status` and `done` on a golive.yaml at this limit.
 */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

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

/** How long one file's read may take: a file on a stalled network mount must not hang a command. */
export const READ_TIMEOUT_MS = 10_000;

export interface ReadOptions {
  /** Refuse a symbolic link as the last part of the path (the confined reader resolved it already). */
  noFollow?: boolean;
  /** The time bound, checked between chunks. */
  timeoutMs?: number;
}

/** Reads a file as UTF-8 text, refusing anything but a regular file, huge files and invalid UTF-8. */
export function readTextFile(path: string, what: string, options: ReadOptions = {}): string {
  const deadline = Date.now() + (options.timeoutMs ?? READ_TIMEOUT_MS);
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw notAFile(path, what, stat);
    if (stat.size > MAX_FILE_BYTES) throw tooLarge(path, what, stat.size);
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, opening it does not
    // wait for a writer, and the second check below refuses it.
    const noFollow = options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0;
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
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
      if (Date.now() > deadline) {
        throw new GoliveError(
          "unreadable",
          `${what} took longer than ${(options.timeoutMs ?? READ_TIMEOUT_MS) / 1000} s to read`,
          { location: { file: path }, hint: "check that the file is on a working disk" },
        );
      }
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
