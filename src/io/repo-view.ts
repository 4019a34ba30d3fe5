/**
 * The repository as `golive verify` reads it: the files git tracks (a plain walk outside git),
 * never `vendor/` or `node_modules/`, each read at most once and only up to a size cap, and no
 * symlink followed out of the repository. Reading only: no command but `git ls-files` runs.
 * A submodule is not a file: its pinned commit is given by `submodule(path)`.
 */

import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
} from "node:fs";
import { join, posix, relative, sep } from "node:path";
import type { RepoView } from "../verify/types.js";
import { gitChangedFiles, gitTrackedFiles } from "./git.js";

/** Larger files are not read: no file a check needs comes close (composer.lock is ~1 MiB). */
export const MAX_REPO_FILE_BYTES = 4 * 1024 * 1024;

const SKIPPED_DIR = /(^|\/)(vendor|node_modules)\//;

function walk(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === ".git" || e.name === "vendor" || e.name === "node_modules") continue;
      const full = join(dir, e.name);
      // Symlinked folders are not entered: they may lead anywhere, or in a circle.
      if (e.isDirectory()) visit(full);
      else if (e.isFile() || e.isSymbolicLink())
        out.push(relative(root, full).split(sep).join("/"));
    }
  };
  visit(root);
  return out;
}

export interface RealRepo extends RepoView {
  root: string;
  /** Where the list of files came from. */
  source: "git" | "walk";
  /**
   * The git blob ID of a path's content in the work tree (what `git hash-object` would say):
   * the index's own ID when git sees the file unchanged, else the hash of the bytes read; a
   * submodule's pinned commit; `unreadable` for a file that cannot be read; undefined when the
   * path is not tracked, and for every path outside git (a walked folder has no index).
   */
  blob(path: string): string | undefined;
}

/** git's blob ID of `bytes`: SHA-1 of `blob <length>\0` and the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

export function openRepo(root: string): RealRepo {
  const realRoot = realpathSync(root);
  const listed = gitTrackedFiles(root);
  const source = listed ? "git" : "walk";
  const submodules = new Map<string, string>();
  const objects = new Map<string, string>();
  for (const f of listed ?? []) {
    if (f.submodule) submodules.set(f.path, f.submodule);
    // A link's index ID is its target's name, not what reading through it gives.
    else if (f.object && !f.link) objects.set(f.path, f.object);
  }
  let changed: Set<string> | undefined;
  const files = (listed?.map((f) => f.path) ?? walk(root))
    .filter((f) => !SKIPPED_DIR.test(f) && !submodules.has(f))
    .sort();
  const set = new Set(files);
  const cache = new Map<string, Uint8Array | null>();
  // Several scans (secrets, text checks) read the same files, and verify's Facts keeps no
  // scanned text; a whole-tree scan must not keep every file it saw either, so the cache has
  // a budget.
  let cacheBudget = 32 * 1024 * 1024;
  // A tracked path whose folder is now a symbolic link (`shared -> ../outside`) leads out of
  // the repository though its last part is a file: each folder's real place is checked once.
  const folders = new Map<string, boolean>();
  const folderInside = (dir: string): boolean => {
    if (dir === "." || dir === "") return true;
    let known = folders.get(dir);
    if (known === undefined) {
      let real: string | undefined;
      try {
        real = realpathSync.native(join(root, dir));
      } catch {
        real = undefined;
      }
      known = real !== undefined && (real === realRoot || real.startsWith(realRoot + sep));
      folders.set(dir, known);
    }
    return known;
  };

  const load = (path: string): Uint8Array | undefined => {
    if (!set.has(path)) return undefined;
    const cached = cache.get(path);
    if (cached !== undefined) return cached ?? undefined;
    let result: Uint8Array | null = null;
    try {
      if (!folderInside(posix.dirname(path))) throw new Error("outside");
      const full = join(root, path);
      // O_NONBLOCK: a tracked path that is a FIFO now must not hang the run; it is not a
      // regular file, so it is not read.
      const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
      const inside = () => {
        const target = realpathSync(full);
        if (target !== realRoot && !target.startsWith(realRoot + sep)) throw new Error("outside");
      };
      let fd: number;
      if (constants.O_NOFOLLOW === undefined) {
        if (lstatSync(full).isSymbolicLink()) inside();
        fd = openSync(full, flags);
      } else {
        // O_NOFOLLOW refuses a symlink (ELOOP): only then is its target looked up, which
        // spares every other file an lstat (a verify run opens thousands).
        try {
          fd = openSync(full, flags | constants.O_NOFOLLOW);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== "ELOOP" && code !== "EMLINK") throw error;
          inside();
          fd = openSync(full, flags);
        }
      }
      try {
        const stat = fstatSync(fd);
        const size = stat.size;
        if (stat.isFile() && size <= MAX_REPO_FILE_BYTES) {
          const buffer = Buffer.allocUnsafe(size);
          let read = 0;
          while (read < size) {
            const n = readSync(fd, buffer, read, size - read, read);
            if (n === 0) break;
            read += n;
          }
          result = buffer.subarray(0, read);
        }
      } finally {
        closeSync(fd);
      }
    } catch {
      result = null;
    }
    const cost = result?.length ?? 0;
    if (cost <= cacheBudget) {
      cache.set(path, result);
      cacheBudget -= cost;
    }
    return result ?? undefined;
  };

  const decoder = new TextDecoder("utf-8");
  const blob = (path: string): string | undefined => {
    if (!listed) return undefined;
    const pinned = submodules.get(path);
    if (pinned !== undefined) return pinned;
    if (!set.has(path)) return undefined;
    // Asked once, on the first path: `git diff-files` stats every tracked file, in C.
    changed ??= gitChangedFiles(root) ?? new Set(files);
    const object = objects.get(path);
    if (object !== undefined && !changed.has(path)) return object;
    const bytes = load(path);
    return bytes === undefined ? "unreadable" : gitBlobId(bytes);
  };
  return {
    root,
    source,
    blob,
    files,
    has: (path) => set.has(path),
    submodule: (path) => submodules.get(path),
    bytes: load,
    read: (path) => {
      const bytes = load(path);
      if (!bytes) return undefined;
      // A NUL byte early on: binary, not text.
      if (bytes.subarray(0, 8000).includes(0)) return undefined;
      return decoder.decode(bytes);
    },
  };
}
