/**
 * git's index, read by golive itself: whether it holds an unmerged entry for a path. Every
 * golive command asks, so the common answer, "no", must cost next to nothing: starting
 * `git ls-files -u` takes 7 to 12 ms here (0.5 ms for this reader), a sixth of Node's own start.
 * The reader walks only the index up to the path's entry, and answers undefined (ask git) for
 * an index of a kind it does not walk (version 4, a split index) or cannot read.
 */
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { GoliveError } from "../errors.js";
import { kindOf } from "./text-file.js";

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

/** `indexHoldsUnmerged` on an index file, read in pieces; no index yet: nothing is unmerged. */
export function readIndex(file: string, path: string): boolean | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: an index that is a FIFO must not hang the command (nor git, which would
    // wait on it until its time limit): it is refused below, at once.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? false : undefined;
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw new GoliveError("unreadable", `git's index is ${kindOf(stat)}, not a file`, {
      location: { file },
      hint: "git cannot read it either: restore it (`rm` it, then `git reset`) and run the command again",
    });
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
export function splitIndex(gitDir: string): boolean {
  try {
    return readdirSync(gitDir).some((name) => name.startsWith("sharedindex."));
  } catch {
    return true;
  }
}
