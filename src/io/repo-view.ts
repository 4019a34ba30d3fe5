/**
 * The repository as `golive verify` reads it: the files git tracks (a plain walk outside git),
 * never `vendor/` or `node_modules/`, each read at most once and only up to a size cap, and no
 * symlink followed out of the repository. Reading only: no command but `git ls-files` runs.
 * A submodule is not a file: its pinned commit is given by `submodule(path)`.
 */

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { lstatSync, readdirSync, realpathSync, type Stats } from "node:fs";
import * as path from "node:path";
import { join } from "node:path";
import type { PrescanAnswer, PrescanRequest, RepoView } from "../verify/types.js";
import { gitChangedFiles, gitTrackedFiles, type TrackedFile } from "./git.js";
import {
  type IndexEntry,
  type IndexSnapshot,
  readIndexEntries,
  statMatches,
} from "./index-entries.js";
import { findRepo } from "./locate.js";
import { posixRelative } from "./posix-path.js";
import { confinedReader, prescan } from "./repo-scan.js";

/**
 * Paths whose git blob ID is told by stat'ing each against git's index before one `git
 * diff-files` is asked for all: Node's lstat of 3,400 files cost 75-90 ms of CPU in a fresh
 * process here, git's 45 ms with its start.
 */
const MAX_STATS = 256;

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
      else if (e.isFile() || e.isSymbolicLink()) out.push(posixRelative(root, full));
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
   * path is not tracked or is golive's own (`omit`), and for every path outside git (a walked
   * folder has no index). Files in folders the checks skip have their ID too.
   */
  blob(path: string): string | undefined;
  prescan(requests: readonly PrescanRequest[]): Promise<PrescanAnswer>;
}

/** git's blob ID of `bytes`: SHA-1 of `blob <length>\0` and the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The index's entries as `git ls-files --stage` lists them: one per path. */
function trackedFromIndex(snapshot: IndexSnapshot): TrackedFile[] {
  const files: TrackedFile[] = [];
  let last: string | undefined;
  for (const e of snapshot.entries) {
    if (e.path === last) continue;
    last = e.path;
    if (e.mode === 0o160000) files.push({ path: e.path, submodule: e.object });
    else
      files.push({
        path: e.path,
        object: e.object,
        ...(e.mode === 0o120000 ? { link: true } : {}),
        ...(e.unwatched ? { unwatched: true } : {}),
      });
  }
  return files;
}

/**
 * The repository at `root`. `fromIndex`: list the tracked files from git's index read by
 * golive (io/index-entries.ts) rather than by starting `git ls-files`, when it can. `omit`:
 * paths (relative to `root`) that are not part of it, like golive's own state file. `changed`:
 * `git diff-files`' answer, when the caller asked it already.
 */
export function openRepo(
  root: string,
  options: { fromIndex?: boolean; omit?: readonly string[]; changed?: Set<string> } = {},
): RealRepo {
  const realRoot = realpathSync(root);
  // git's index, read once when needed, for a repository's top folder only (its paths are
  // relative to it): null until read.
  let snapshot: IndexSnapshot | undefined | null = null;
  const index = (): IndexSnapshot | undefined => {
    if (snapshot === null) {
      const repo = findRepo(root);
      let top = false;
      try {
        top = repo !== undefined && realpathSync(repo.root) === realRoot;
      } catch {
        top = false;
      }
      snapshot = top && repo ? readIndexEntries(repo.gitDir) : undefined;
    }
    return snapshot;
  };
  const fromIndex = options.fromIndex ? index() : undefined;
  const listed = fromIndex ? trackedFromIndex(fromIndex) : gitTrackedFiles(root);
  const source = listed ? "git" : "walk";
  const submodules = new Map<string, string>();
  const objects = new Map<string, string>();
  for (const f of listed ?? []) {
    if (f.submodule) submodules.set(f.path, f.submodule);
    // A link's index ID is its target's name, not what reading through it gives.
    // Nor is an unwatched file's: git does not notice when it changes, so it is hashed.
    else if (f.object && !f.link && !f.unwatched) objects.set(f.path, f.object);
  }
  let changed: Set<string> | undefined = options.changed;
  let entries: Map<string, IndexEntry> | undefined;
  const omit = new Set(options.omit);
  const files = (listed?.map((f) => f.path) ?? walk(root))
    .filter((f) => !SKIPPED_DIR.test(f) && !submodules.has(f) && !omit.has(f))
    .sort();
  const set = new Set(files);
  const cache = new Map<string, Uint8Array | null>();
  // Several scans (secrets, text checks) read the same files, and verify's Facts keeps no
  // scanned text; a whole-tree scan must not keep every file it saw either, so the cache has
  // a budget.
  let cacheBudget = 32 * 1024 * 1024;
  const reader = confinedReader(fs, path, root, realRoot, MAX_REPO_FILE_BYTES);

  const load = (path: string): Uint8Array | undefined => {
    if (!set.has(path)) return undefined;
    const cached = cache.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const result = reader(path, (size) => Buffer.allocUnsafe(size));
    const cost = result?.length ?? 0;
    if (cost <= cacheBudget) {
      cache.set(path, result);
      cacheBudget -= cost;
    }
    return result ?? undefined;
  };

  const decoder = new TextDecoder("utf-8");
  // Sets of files share paths (every file, every PHP file): each path's ID is worked out once.
  const blobs = new Map<string, string>();
  let statted = 0;
  const blob = (path: string): string | undefined => {
    if (!listed) return undefined;
    const pinned = submodules.get(path);
    if (pinned !== undefined) return pinned;
    // A tracked file in a folder the checks skip (vendor/, node_modules/) still has an ID: the
    // work tree's fingerprint counts every tracked file, and one touched there must not cost it.
    if (!set.has(path) && !(objects.has(path) && SKIPPED_DIR.test(path) && !omit.has(path)))
      return undefined;
    let id = blobs.get(path);
    if (id === undefined) {
      id = workTreeBlob(path);
      blobs.set(path, id);
    }
    return id;
  };
  const workTreeBlob = (path: string): string => {
    const object = objects.get(path);
    if (object !== undefined) {
      const snap = changed ? undefined : index();
      // A few paths are cheapest stat'ed here; for many (a set of thousands: every file), one
      // `git diff-files` stats them all in C for less than Node's lstat of each.
      if (snap && ++statted === MAX_STATS + 1) changed = gitChangedFiles(root);
      if (changed) return changed.has(path) ? hashed(path) : object;
      if (snap) {
        // As git decides whether a file changed: by the stat data its index holds.
        entries ??= new Map(snap.entries.filter((e) => e.stage === 0).map((e) => [e.path, e]));
        const entry = entries.get(path);
        // A file whose stat data is the index entry's is the file git hashed (a folder turned
        // into a link leads to another inode), so no folder's real path is needed here.
        if (entry) {
          let stat: Stats | undefined;
          try {
            stat = lstatSync(join(root, path), { throwIfNoEntry: false });
          } catch {
            stat = undefined;
          }
          if (stat && statMatches(entry, stat, snap.mtimeMs)) return entry.object;
        }
      } else {
        // Asked once, on the first path: `git diff-files` stats every tracked file, in C.
        changed ??= gitChangedFiles(root) ?? new Set(files);
        if (!changed.has(path)) return object;
      }
    }
    return hashed(path);
  };
  const hashed = (path: string): string => {
    // A skipped folder's file is read for its ID only, never kept: no check reads it.
    const bytes = set.has(path)
      ? load(path)
      : (reader(path, (size) => Buffer.allocUnsafe(size)) ?? undefined);
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
    prescan: (requests: readonly PrescanRequest[]) =>
      prescan(root, realRoot, MAX_REPO_FILE_BYTES, requests),
    read: (path) => {
      const bytes = load(path);
      if (!bytes) return undefined;
      // A NUL byte early on: binary, not text.
      if (bytes.subarray(0, 8000).includes(0)) return undefined;
      return decoder.decode(bytes);
    },
  };
}
