/**
 * The git repository around the state file: its work tree's root, its git folder, whether git
 * holds the state file unmerged, and which operation (merge, rebase, ...) is under way.
 *
 * Every golive command asks whether golive.yaml is unmerged, so the common answer, "no", must
 * cost next to nothing: starting `git ls-files -u` takes 7 to 12 ms here, a sixth of Node's own
 * start. So golive reads git's index itself, up to the path's entry, and asks git only when
 * the index is of a kind this reader does not walk (version 4, a split index, an index or
 * repository named by GIT_* variables) or cannot be read.
 */
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { gitUnmergedStages } from "./git.js";
import { foldersUp } from "./locate.js";

export interface GitRepo {
  /** The work tree's root: the folder holding `.git`. */
  root: string;
  /** The git folder: `.git`, or where a `.git` file points (worktrees, submodules). */
  gitDir: string;
}

/** The repository whose work tree holds `path`, or undefined outside git. */
export function gitRepoOf(path: string): GitRepo | undefined {
  for (const dir of foldersUp(dirname(resolve(path)))) {
    const dotGit = join(dir, ".git");
    let isDir: boolean;
    try {
      isDir = statSync(dotGit).isDirectory();
    } catch {
      continue;
    }
    if (isDir) return { root: dir, gitDir: dotGit };
    try {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, "utf8"))?.[1];
      if (pointer) {
        return { root: dir, gitDir: isAbsolute(pointer) ? pointer : resolve(dir, pointer) };
      }
    } catch {
      // An unreadable .git file: git could not use it either.
    }
    return undefined;
  }
  return undefined;
}

/** A path as git names it in the index: relative to the work tree's root, with `/`. */
export function gitPath(repo: GitRepo, path: string): string {
  return relative(repo.root, resolve(path)).split(sep).join("/");
}

/** Variables that make git use another index or repository than the one found on disk. */
const REDIRECTS = ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];

/**
 * An index file's bytes, read through one window that moves with the walk (most walks end in
 * the first few KiB), or held whole in memory (`IndexBytes.of`).
 */
export class IndexBytes {
  private window: Buffer = Buffer.alloc(0);
  private from = 0;

  constructor(private readonly readAt?: (into: Buffer, offset: number) => number) {}

  static of(all: Uint8Array): IndexBytes {
    const bytes = new IndexBytes();
    bytes.window = Buffer.from(all.buffer, all.byteOffset, all.byteLength);
    return bytes;
  }

  /** Makes `[offset, offset + length)` readable; false when the file ends before. */
  has(offset: number, length: number): boolean {
    if (offset >= this.from && offset + length <= this.from + this.window.length) return true;
    if (!this.readAt) return false;
    const window = Buffer.alloc(Math.max(length, 64 * 1024));
    this.window = window.subarray(0, this.readAt(window, offset));
    this.from = offset;
    return length <= this.window.length;
  }

  u16(offset: number): number {
    return this.window.readUInt16BE(offset - this.from);
  }

  u32(offset: number): number {
    return this.window.readUInt32BE(offset - this.from);
  }

  /** `Buffer.compare` of `[offset, offset + length)` with `other`, without making a Buffer. */
  compare(offset: number, length: number, other: Buffer): number {
    const start = offset - this.from;
    const common = Math.min(length, other.length);
    for (let i = 0; i < common; i++) {
      const d = this.window[start + i]! - other[i]!;
      if (d !== 0) return d;
    }
    return length - other.length;
  }

  slice(offset: number, length: number): Buffer {
    return this.window.subarray(offset - this.from, offset - this.from + length);
  }
}

/** An index held in memory. */
export function bytesOf(index: Uint8Array): IndexBytes {
  return IndexBytes.of(index);
}

/**
 * Whether git's index holds an unmerged entry (stage 1, 2 or 3) for `path`: true, false, or
 * undefined when this reader cannot tell (then git must be asked). It walks the entries of an
 * index of version 2 or 3 (version 4 compresses paths: undefined) in their sorted order and
 * stops at the first entry past `path`, so it reads only the index up to the path's place.
 * Each entry: 62 bytes of stat data, hash and flags (stage in bits 12-13, name length in the
 * low 12), 2 more bytes of extended flags in version 3 when flagged, the name, NUL padding
 * to a multiple of 8.
 */
export function indexHoldsUnmerged(index: IndexBytes, path: string): boolean | undefined {
  if (!index.has(0, 12) || index.slice(0, 4).toString("latin1") !== "DIRC") return undefined;
  const version = index.u32(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = index.u32(8);
  const wanted = Buffer.from(path, "utf8");
  let at = 12;
  for (let i = 0; i < count; i++) {
    // The fixed part and a name as long as the path's, in one window where the file has them.
    if (!index.has(at, 72 + wanted.length) && !index.has(at, 62)) return undefined;
    const flags = index.u16(at + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    const start = at + 62 + (extended ? 2 : 0);
    let length = flags & 0xfff;
    if (length === 0xfff) {
      // A name of 4,095 bytes or more: its length is where its NUL is.
      if (!index.has(start, 64 * 1024) && !index.has(start, 0x1000)) return undefined;
      const nul = index.slice(start, 64 * 1024).indexOf(0, 0xfff);
      if (nul < 0) return undefined;
      length = nul;
    }
    if (!index.has(start, length)) return undefined;
    const order = index.compare(start, length, wanted);
    if (order === 0) return ((flags >> 12) & 3) !== 0;
    // Entries are sorted by name: none after this one can be the path.
    if (order > 0) return false;
    at += (62 + (extended ? 2 : 0) + length + 8) & ~7;
  }
  return false;
}

/** How `isUnmerged` found its answer: for tests and the bench. */
export interface UnmergedAnswer {
  unmerged: boolean;
  /** Whether git was asked (the index could not rule it out). */
  askedGit: boolean;
}

/** Whether git holds the file at `path` unmerged, and how that was found. */
export function unmergedCheck(path: string, env: NodeJS.ProcessEnv = process.env): UnmergedAnswer {
  const repo = gitRepoOf(path);
  if (!repo) return { unmerged: false, askedGit: false };
  const rel = gitPath(repo, path);
  if (!REDIRECTS.some((name) => env[name]) && !splitIndex(repo.gitDir)) {
    const found = readIndex(join(repo.gitDir, "index"), rel);
    if (found !== undefined) return { unmerged: found, askedGit: false };
  }
  const stages = gitUnmergedStages(repo.root, rel);
  return { unmerged: (stages?.length ?? 0) > 0, askedGit: true };
}

/** Whether git holds the file at `path` unmerged (a merge, rebase, cherry-pick, stash stopped). */
export function isUnmerged(path: string): boolean {
  return unmergedCheck(path).unmerged;
}

/** `indexHoldsUnmerged` on an index file, read in pieces; no index yet: nothing is unmerged. */
function readIndex(file: string, path: string): boolean | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? false : undefined;
  }
  try {
    const bytes = new IndexBytes((into, offset) => readSync(fd, into, 0, into.length, offset));
    return indexHoldsUnmerged(bytes, path);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A split index keeps entries in a shared file this reader does not follow: ask git. */
function splitIndex(gitDir: string): boolean {
  try {
    return readdirSync(gitDir).some((name) => name.startsWith("sharedindex."));
  } catch {
    return true;
  }
}

export type GitOperation = "merge" | "rebase" | "cherry-pick" | "revert";

/** The operation that is waiting for conflicts to be resolved, by the files git keeps for it. */
export function gitOperation(repo: GitRepo): GitOperation | undefined {
  const has = (name: string) => existsSync(join(repo.gitDir, name));
  if (has("rebase-merge") || has("rebase-apply")) return "rebase";
  if (has("MERGE_HEAD")) return "merge";
  if (has("CHERRY_PICK_HEAD")) return "cherry-pick";
  if (has("REVERT_HEAD")) return "revert";
  return undefined;
}
