/**
 * Every entry of git's index, read by golive itself, with the blob ID and the file's stat data
 * git recorded: what `git ls-files --stage` lists and `git diff-files` compares, without
 * starting either. `status` asks for it when an item has recorded evidence, and starting two
 * git processes cost more than the rest of that check together (on a busy 2-core machine,
 * 150 to 400 ms of waiting). Version 2 and 3 only; undefined (ask git) for version 4, a split
 * or sparse index, an index named by GIT_* variables, or one that cannot be read.
 */
import { createHash } from "node:crypto";
import { readFileSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { splitIndex } from "./git-index.js";

export interface IndexEntry {
  path: string;
  /** git's mode: 0o100644 or 0o100755 a file, 0o120000 a link, 0o160000 a submodule. */
  mode: number;
  object: string;
  /** Stage 1 to 3 for a path git holds unmerged; 0 otherwise. */
  stage: number;
  ctimeMs: number;
  mtimeMs: number;
  ino: number;
  size: number;
  /** Flagged assume-valid or skip-worktree: git no longer compares the file (io/git.ts). */
  unwatched: boolean;
}

export interface IndexSnapshot {
  entries: IndexEntry[];
  /** When the index was written: an entry changed in the same moment is not trusted. */
  mtimeMs: number;
}

/** Variables that make git use another index or repository than the one found on disk. */
const REDIRECTS = ["GIT_INDEX_FILE", "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR"];

/** Larger indexes are left to git (a 30,000-file repository's index is about 3 MiB). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** Milliseconds as Node computes `Stats.mtimeMs` from seconds and nanoseconds. */
const ms = (sec: number, nsec: number) => sec * 1e3 + nsec / 1e6;

export function readIndexEntries(
  gitDir: string,
  env: NodeJS.ProcessEnv = process.env,
): IndexSnapshot | undefined {
  if (REDIRECTS.some((name) => env[name]) || splitIndex(gitDir)) return undefined;
  const file = join(gitDir, "index");
  let bytes: Buffer;
  let mtimeMs: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_INDEX_BYTES) return undefined;
    mtimeMs = stat.mtimeMs;
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    return { entries: parseIndex(bytes), mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * The entries of an index of version 2 or 3: each 62 bytes of stat data, blob ID and flags
 * (stage in bits 12-13, name length in the low 12), 2 more bytes of extended flags in
 * version 3 when flagged, the name, NUL padding to a multiple of 8. Throws on anything else.
 */
export function parseIndex(bytes: Buffer): IndexEntry[] {
  if (bytes.length < 12 || bytes.toString("latin1", 0, 4) !== "DIRC")
    throw new Error("not an index");
  const version = bytes.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new Error(`index version ${version}`);
  const count = bytes.readUInt32BE(8);
  const entries: IndexEntry[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > bytes.length) throw new Error("index cut short");
    const flags = bytes.readUInt16BE(at + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    // assume-valid is the top bit of the flags; skip-worktree the second of the extended ones.
    const unwatched =
      (flags & 0x8000) !== 0 || (extended && (bytes.readUInt16BE(at + 62) & 0x4000) !== 0);
    const start = at + 62 + (extended ? 2 : 0);
    let length = flags & 0xfff;
    if (length === 0xfff) length = bytes.indexOf(0, start + 0xfff) - start;
    if (length < 0 || start + length > bytes.length) throw new Error("index cut short");
    entries.push({
      path: bytes.toString("utf8", start, start + length),
      mode: bytes.readUInt32BE(at + 24),
      object: bytes.toString("hex", at + 40, at + 60),
      stage: (flags >> 12) & 3,
      ctimeMs: ms(bytes.readUInt32BE(at), bytes.readUInt32BE(at + 4)),
      mtimeMs: ms(bytes.readUInt32BE(at + 8), bytes.readUInt32BE(at + 12)),
      ino: bytes.readUInt32BE(at + 20),
      size: bytes.readUInt32BE(at + 36),
      unwatched,
    });
    at += (62 + (extended ? 2 : 0) + length + 8) & ~7;
  }
  // A sparse index holds folders as entries ("sdir"): its list is not the files'.
  for (let ext = at; ext + 8 <= bytes.length - 20; ) {
    if (bytes.toString("latin1", ext, ext + 4) === "sdir") throw new Error("sparse index");
    ext += 8 + bytes.readUInt32BE(ext + 4);
  }
  return entries;
}

/**
 * Whether a work-tree file is the content the index entry names, by its stat data as git
 * compares it: the same size, change and modification times and inode, and not changed in
 * the moment the index was written (a "racily clean" entry, whose time cannot tell).
 */
export function statMatches(entry: IndexEntry, stat: Stats, indexMtimeMs: number): boolean {
  return (
    stat.isFile() &&
    entry.stage === 0 &&
    stat.size % 2 ** 32 === entry.size &&
    stat.mtimeMs === entry.mtimeMs &&
    stat.ctimeMs === entry.ctimeMs &&
    stat.ino % 2 ** 32 === entry.ino &&
    entry.mtimeMs < indexMtimeMs
  );
}

/**
 * What git's index says every tracked file holds, in one SHA-1: each entry's path, mode and
 * object, but the `omit`ted paths (golive's own state file). Equal fingerprints mean the same
 * files with the same contents, as far as the index knows; `status` pairs it with `git
 * diff-files` to know the work tree holds them too (work/evidence-inputs.ts).
 */
export interface IndexFingerprint {
  digest: string;
  /** Submodules: their pinned commit is in the digest; what is checked out in them is not. */
  gitlinks: Set<string>;
  /** The object of each path the index holds, read on first use. */
  object(path: string): string | undefined;
}

const GITLINK = 0o160000;
const SYMLINK = 0o120000;

/**
 * The fingerprint of the index in `gitDir`; undefined where the index alone cannot tell what
 * the work tree holds or this reader cannot tell what the index holds: an unmerged path, a
 * symbolic link (reading through it gives its target's bytes, which the index does not hold),
 * a file git was told to stop watching (assume-unchanged, skip-worktree), and every index
 * `readIndexEntries` leaves to git.
 */
export function indexFingerprint(
  gitDir: string,
  omit: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  blobs?: ReadonlyMap<string, string>,
): IndexFingerprint | undefined {
  if (REDIRECTS.some((name) => env[name]) || splitIndex(gitDir)) return undefined;
  let bytes: Buffer;
  try {
    const file = join(gitDir, "index");
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > MAX_INDEX_BYTES) return undefined;
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    return fingerprintOf(bytes, omit, blobs);
  } catch {
    return undefined;
  }
}

/**
 * `indexFingerprint` of an index's bytes, which it overwrites: SHA-1 over the entries with
 * their stat data zeroed (a checkout or a touch changes it, not what the file holds) and the
 * omitted paths' entries cut out. Throws on an index it does not read.
 */
export function fingerprintOf(
  bytes: Buffer,
  omit: readonly string[],
  /** Blob IDs (hex) to take in place of the index's, by path: what the work tree holds now. */
  blobs?: ReadonlyMap<string, string>,
): IndexFingerprint | undefined {
  if (bytes.length < 12 || bytes.toString("latin1", 0, 4) !== "DIRC")
    throw new Error("not an index");
  const version = bytes.readUInt32BE(4);
  if (version !== 2 && version !== 3) throw new Error(`index version ${version}`);
  const count = bytes.readUInt32BE(8);
  const omitted = omit.map((path) => Buffer.from(path, "utf8"));
  // Entries start at 12 and are padded to multiples of 8: each starts on 4 bytes, so its stat
  // words are zeroed as 32-bit words. Thousands of Buffer calls would cost more than the walk.
  const aligned = bytes.byteOffset % 4 === 0;
  const words = aligned
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2)
    : undefined;
  const hash = createHash("sha1");
  let from = 12;
  const gitlinks = new Set<string>();
  let replaced = 0;
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > bytes.length) throw new Error("index cut short");
    const flags = (bytes[at + 60]! << 8) | bytes[at + 61]!;
    const extended = version === 3 && (flags & 0x4000) !== 0;
    // Unwatched (assume-valid, or skip-worktree in the extended flags) or unmerged.
    if ((flags & 0x8000) !== 0 || (extended && (bytes[at + 62]! & 0x40) !== 0)) return undefined;
    if ((flags & 0x3000) !== 0) return undefined;
    const start = at + 62 + (extended ? 2 : 0);
    let length = flags & 0xfff;
    if (length === 0xfff) length = bytes.indexOf(0, start + 0xfff) - start;
    if (length < 0 || start + length > bytes.length) throw new Error("index cut short");
    const mode = bytes.readUInt32BE(at + 24);
    if (mode === SYMLINK) return undefined;
    const next = at + ((62 + (extended ? 2 : 0) + length + 8) & ~7);
    let skip = false;
    for (const o of omitted)
      if (o.length === length && bytes.compare(o, 0, length, start, start + length) === 0)
        skip = true;
    if (skip) {
      hash.update(bytes.subarray(from, at));
      from = next;
    } else {
      if (blobs !== undefined && blobs.size > 0) {
        const blob = blobs.get(bytes.toString("utf8", start, start + length));
        if (blob !== undefined) {
          // Buffer.write stops at the first character that is not hex, leaving the index's ID.
          if (!/^[0-9a-f]{40}$/.test(blob)) throw new Error(`not a blob ID: ${blob}`);
          bytes.write(blob, at + 40, 20, "hex");
          replaced++;
        }
      }
      if (mode === GITLINK) gitlinks.add(bytes.toString("utf8", start, start + length));
      if (words) {
        // ctime, mtime, dev, ino (words 0-5), then uid, gid, size (words 7-9).
        const w = at >> 2;
        words[w] = words[w + 1] = words[w + 2] = words[w + 3] = words[w + 4] = words[w + 5] = 0;
        words[w + 7] = words[w + 8] = words[w + 9] = 0;
      } else {
        bytes.fill(0, at, at + 24);
        bytes.fill(0, at + 28, at + 40);
      }
    }
    at = next;
  }
  hash.update(bytes.subarray(from, at));
  // A blob for a path the index does not hold: not the index's tree.
  if (blobs !== undefined && replaced !== blobs.size) return undefined;
  // A sparse index holds folders as entries ("sdir"): its list is not the files'.
  for (let ext = at; ext + 8 <= bytes.length - 20; ) {
    if (bytes.toString("latin1", ext, ext + 4) === "sdir") return undefined;
    ext += 8 + bytes.readUInt32BE(ext + 4);
  }
  let objects: Map<string, string> | undefined;
  return {
    digest: hash.digest("hex"),
    gitlinks,
    object: (path) => {
      objects ??= new Map(parseIndex(bytes).map((e) => [e.path, e.object]));
      return objects.get(path);
    },
  };
}
