/**
 * Writes that cannot leave a half-written file: a temporary file beside the target, flushed,
 * then renamed over it (the lock that makes writers take turns is io/lock.ts).
 */
import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
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

export const TEMP_SUFFIX = ".tmp";

/** How temporary files beside `path` begin (writes' and the lock's), so leftovers can be found. */
export function tempPrefix(path: string): string {
  // The temporary name adds about 30 bytes to the file's: a name near the file system's 255
  // would fail as the temporary one (ENAMETOOLONG) though the file's own name is fine.
  const name = basename(path);
  return `.${Buffer.byteLength(name) > 160 ? name.slice(0, 40) : name}.`;
}

/** Whether process `pid` still runs on this host. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
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
