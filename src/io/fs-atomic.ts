/**
 * Writes that cannot leave a half-written file, and a lock so that concurrent writers
 * take turns instead of overwriting each other.
 */
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join, sep } from "node:path";
import { GoliveError } from "../errors.js";
import { unwritable } from "./fs-errors.js";
import { kindOf } from "./text-file.js";

/**
 * The file a write to `path` must change, or a refusal. A symbolic link is written through
 * (its target changes, the link stays a link) when its target is inside `within` (the
 * repository); a link that leads out of it is refused, as is a file nobody may write (a
 * read-only golive.yaml was made so on purpose), a folder, a FIFO or a device. A path that
 * does not exist yet is written as it is.
 */
export function writableTarget(path: string, within?: string): string {
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      try {
        target = realpathSync(path);
      } catch {
        throw new GoliveError(
          "unwritable",
          `${basename(path)} is a link to a file that does not exist`,
          {
            location: { file: path },
            hint: "restore the link's target, or replace the link with the file",
          },
        );
      }
      const root = within === undefined ? undefined : realpathSync(within);
      if (root !== undefined && target !== root && !target.startsWith(root + sep)) {
        throw new GoliveError(
          "unwritable",
          `${basename(path)} is a link to ${target}, outside the repository; golive does not write through it`,
          {
            location: { file: path },
            hint: "replace the link with the file itself, or pass --file with the target's path",
          },
        );
      }
    }
  } catch (error) {
    if (error instanceof GoliveError) throw error;
    return path; // nothing there yet
  }
  let stat: import("node:fs").Stats;
  try {
    stat = statSync(target);
  } catch {
    return target;
  }
  if (!stat.isFile()) {
    throw new GoliveError("unwritable", `${basename(path)} is ${kindOf(stat)}, not a file`, {
      location: { file: path },
      hint: "point golive at a regular file",
    });
  }
  let writable = (stat.mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) {
    throw new GoliveError(
      "unwritable",
      `${basename(path)} is read-only; golive changes nothing in it`,
      {
        location: { file: path },
        hint: `make it writable (chmod u+w ${basename(path)}) if the change is meant`,
      },
    );
  }
  return target;
}

const TEMP_SUFFIX = ".tmp";

function tempPrefix(path: string): string {
  // The temporary name adds about 30 bytes to the file's: a name near the file system's 255
  // would fail as the temporary one (ENAMETOOLONG) though the file's own name is fine.
  const name = basename(path);
  return `.${Buffer.byteLength(name) > 160 ? name.slice(0, 40) : name}.`;
}

/**
 * Removes temporary files that writers killed before their rename left beside `path`
 * (`.golive.yaml.<pid>.<random>.tmp`), once their process is gone.
 */
function removeLeftovers(path: string): void {
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split(".")[0]);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) {
      rmSync(join(dirname(path), name), { force: true });
    }
  }
}

/** Makes a rename durable: the directory entry is flushed too, where the platform allows it. */
function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory, and some file systems refuse to fsync one.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes `content` to a temporary file beside `path`, flushes it to disk and renames it over
 * `path`: a reader, or a crash, sees either the old file or the new one, never a part.
 */
export function writeFileAtomic(path: string, content: string): void {
  removeLeftovers(path);
  const temp = join(
    dirname(path),
    `${tempPrefix(path)}${process.pid}.${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`,
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
    const bytes = Buffer.from(content, "utf8");
    for (let written = 0; written < bytes.length; ) {
      written += writeSync(fd, bytes, written, bytes.length - written);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw unwritable(path, error, "check the path and that its folder is writable");
  }
  fsyncDirectory(dirname(path));
}

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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
