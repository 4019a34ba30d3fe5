/**
 * The state file's lock, `<path>.lock`: concurrent writers take turns instead of overwriting
 * each other, a lock left by a crashed writer is broken, and a wait has a bound.
 */
import {
  closeSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { GoliveError } from "../errors.js";
import { processAlive, TEMP_SUFFIX, tempPrefix } from "./fs-atomic.js";
import { unwritable } from "./fs-errors.js";
import { kindOf } from "./text-file.js";

export interface LockOptions {
  /** How long to wait while one other writer holds the lock, in milliseconds. */
  timeoutMs?: number;
  /**
   * A lock older than this, whose owner cannot be checked (another host, or no owner
   * written), is taken to be left by a crashed writer.
   */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  at: string;
  /** Tells this lock from a later one by the same process, so a release removes only its own. */
  token: string;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function parseLock(text: string | undefined): Partial<LockInfo> | undefined {
  if (text === undefined) return undefined;
  try {
    const info: unknown = JSON.parse(text);
    return typeof info === "object" && info !== null ? (info as Partial<LockInfo>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock is stale when its owner is known dead: a process on this host that no longer runs.
 * An owner that still runs is waited for, however long it takes (up to the timeout). Only a
 * lock whose owner cannot be checked (written on another host sharing the folder, or empty
 * because its writer died between creating and filling it) goes stale by age.
 */
function isStale(text: string | undefined, lockPath: string, staleMs: number): boolean {
  const info = parseLock(text);
  if (info && info.host === hostname() && typeof info.pid === "number") {
    return info.pid !== process.pid && !processAlive(info.pid);
  }
  try {
    return Date.now() - statSync(lockPath).mtimeMs > staleMs;
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock without racing other waiters that found it stale too: only the one
 * that creates `<lock>.break` may remove it, and only if it still holds what was judged stale.
 * Otherwise two waiters could each remove the lock, the second removing the first one's new lock.
 */
function breakStaleLock(lockPath: string, judged: string | undefined, staleMs: number): void {
  const breaker = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(breaker, "wx");
  } catch {
    // Another waiter is breaking it. A breaker is held for microseconds; one left by a
    // crash is old and goes.
    try {
      if (Date.now() - statSync(breaker).mtimeMs > Math.min(staleMs, 5_000)) {
        rmSync(breaker, { force: true });
      }
    } catch {
      // gone already
    }
    return;
  }
  try {
    if (readText(lockPath) === judged) rmSync(lockPath, { force: true });
  } finally {
    closeSync(fd);
    rmSync(breaker, { force: true });
  }
}

/** A lock path that is a folder (or anything but a file) is in the way: say so, change nothing. */
function refuseOddLock(lockPath: string): void {
  let stat: import("node:fs").Stats;
  try {
    stat = lstatSync(lockPath);
  } catch {
    return;
  }
  if (stat.isFile()) return;
  throw new GoliveError(
    "unwritable",
    `${basename(lockPath)} is ${kindOf(stat)}, not golive's lock file`,
    {
      location: { file: lockPath },
      hint: `golive locks the state file with that name while it writes; remove ${lockPath}, then run the command again`,
    },
  );
}

/**
 * Runs `work` while holding `<path>.lock`. Waits for another writer; breaks a lock whose
 * owner died; gives up with a clear message when the lock is held too long.
 */
export function withLock<T>(path: string, work: () => T, options: LockOptions = {}): T {
  const lockPath = `${path}.lock`;
  refuseOddLock(lockPath);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  let started = Date.now();
  let lastHeld: string | undefined;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    at: new Date().toISOString(),
    token: Math.random().toString(36).slice(2),
  };
  const mine = JSON.stringify(info);
  let delay = 2;
  for (;;) {
    try {
      // The lock appears whole or not at all: written beside it, then hard-linked into place
      // (which fails if it exists). A writer killed mid-write leaves no empty lock that
      // others would have to wait out; its temporary file goes with removeLeftovers.
      const temp = join(
        dirname(path),
        `${tempPrefix(path)}${process.pid}.${info.token}.lock${TEMP_SUFFIX}`,
      );
      writeFileSync(temp, mine, { flag: "w" });
      try {
        linkSync(temp, lockPath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
        // A file system without hard links: create the lock in place instead.
        const fd = openSync(lockPath, "wx");
        try {
          writeSync(fd, mine);
        } finally {
          closeSync(fd);
        }
      } finally {
        rmSync(temp, { force: true });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw unwritable(
          lockPath,
          error,
          "golive locks the state file while it writes; check that its folder is writable",
        );
      }
    }
    const held = readText(lockPath);
    if (isStale(held, lockPath, staleMs)) {
      breakStaleLock(lockPath, held, staleMs);
      continue;
    }
    // The wait is for one holder: while other writers take and release the lock in turn, the
    // queue moves, and how long it takes depends on the machine's load, not on a stuck writer.
    if (held !== lastHeld) {
      lastHeld = held;
      started = Date.now();
    }
    if (Date.now() - started > timeoutMs) {
      const owner = parseLock(held);
      const by =
        owner?.pid !== undefined
          ? ` by process ${owner.pid} on ${owner.host ?? "an unknown host"} since ${owner.at ?? "an unknown time"}`
          : "";
      throw new GoliveError(
        "locked",
        `${basename(path)} is locked${by}; waited ${Number((timeoutMs / 1000).toFixed(1))} s`,
        {
          location: { file: lockPath },
          hint: `wait for the other golive command to finish; if none is running, delete ${lockPath}`,
        },
      );
    }
    sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  try {
    return work();
  } finally {
    // A lock broken as stale and taken by another writer is theirs now: leave it.
    if (readText(lockPath) === mine) rmSync(lockPath, { force: true });
  }
}
