/**
 * Writes that cannot leave a half-written file, and a lock so that concurrent writers
 * take turns instead of overwriting each other.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { GoliveError } from "../errors.js";

/**
 * Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`: a reader, or a crash, sees either the old file or the new one.
 */
export function writeFileAtomic(path: string, content: string): void {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", mode ?? 0o644);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw new GoliveError("unreadable", `cannot write ${path}: ${(error as Error).message}`, {
      location: { file: path },
      hint: "check that the folder is writable",
    });
  }
}

export interface LockOptions {
  /** How long to wait for another writer, in milliseconds. */
  timeoutMs?: number;
  /** A lock older than this is taken to be left by a crashed writer. */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  at: string;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(lockPath: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return undefined;
  }
}

function isStale(lockPath: string, staleMs: number): boolean {
  const info = readLock(lockPath);
  if (info && info.host === hostname() && !processAlive(info.pid)) return true;
  try {
    return Date.now() - statSync(lockPath).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

/**
 * Runs `work` while holding `<path>.lock`. Waits for another writer; breaks a lock whose
 * owner died; gives up with a clear message when the lock is held too long.
 */
export function withLock<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const lockPath = `${path}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  let delay = 5;
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx");
      const info: LockInfo = { pid: process.pid, host: hostname(), at: new Date().toISOString() };
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new GoliveError(
          "unreadable",
          `cannot create ${lockPath}: ${(error as Error).message}`,
          {
            location: { file: lockPath },
            hint: "check that the folder is writable",
          },
        );
      }
    }
    if (isStale(lockPath, staleMs)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const info = readLock(lockPath);
      const owner = info ? ` by process ${info.pid} on ${info.host} since ${info.at}` : "";
      throw new GoliveError("locked", `${basename(path)} is locked${owner}`, {
        location: { file: lockPath },
        hint: `wait for the other golive command to finish; if none is running, delete ${lockPath}`,
      });
    }
    sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 100);
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
