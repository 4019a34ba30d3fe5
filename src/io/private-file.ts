/**
 * Files in the user's cache folder, which golive trusts: the checked state of golive.yaml
 * (io/cache.ts) and V8's compiled code (io/code-cache.ts). Trust needs a folder and files that
 * only the user can have written, so anything else is ignored, and nothing here ever fails a
 * command: a cache can make golive faster, never wrong and never stuck.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import envPaths from "env-paths";
import { ensureFolder } from "./folders.js";

/** Files not written for this long are removed when golive writes to the folder. */
const STALE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The cache folder, or undefined when the cache is off. A relative path (GOLIVE_CACHE_DIR, or
 * XDG_CACHE_HOME, which the XDG spec says to ignore when relative) would put the cache, with
 * names and notes, into whatever folder golive runs in, so it is refused.
 */
export function cacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const off = env.GOLIVE_NO_CACHE;
  if (off !== undefined && off !== "" && off !== "0") return undefined;
  let dir: string;
  try {
    dir = env.GOLIVE_CACHE_DIR || envPaths("golive", { suffix: "" }).cache;
  } catch {
    return undefined;
  }
  return isAbsolute(dir) ? dir : undefined;
}

/**
 * Whether `dir` is the user's own and nobody else can write in it. (Windows has no owners to
 * ask here; the default folder there, under LOCALAPPDATA, is the user's own.)
 */
function isPrivateFolder(dir: string, uid: number | undefined): boolean {
  if (uid === undefined) return true;
  try {
    const stat = statSync(dir);
    return stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/**
 * A cache file's content, if it is a regular file of the user's own in a folder of the user's
 * own. Symbolic links are not followed, and a FIFO or device does not block the read.
 */
export function readPrivateFile(
  path: string,
  uid: number | undefined = process.getuid?.(),
): Buffer | undefined {
  if (!isPrivateFolder(dirname(path), uid)) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a cache file: a new temporary file (never one that exists, nor through a link),
 * renamed over the final name, so a reader sees the old file or the new one; readable by the
 * user only. Files not written for 30 days go at the same time. Unlike io/fs-atomic.ts, which
 * writes golive.yaml, there is no fsync: a cache file lost in a power cut costs one slower run.
 */
export function writePrivateFile(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  uid: number | undefined = process.getuid?.(),
): boolean {
  const dir = dirname(path);
  // Unique per write: a file left by a killed writer (in a container, golive is often pid 1
  // every time) never stands in the way.
  const temp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  let created = false;
  try {
    ensureFolder(dir, 0o700);
    if (!isPrivateFolder(dir, uid)) return false;
    const bytes = Array.isArray(data) ? Buffer.concat(data as Uint8Array[]) : data;
    writeFileSync(temp, bytes as string | Uint8Array, { mode: 0o600, flag: "wx" });
    created = true;
    renameSync(temp, path);
    created = false;
    removeStale(dir, uid);
    return true;
  } catch {
    // Not written: the next run does the work again.
    try {
      if (created) rmSync(temp, { force: true });
    } catch {
      // A temporary file left behind goes with the stale ones.
    }
    return false;
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: short file names, not security (the files are private). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/**
 * The names golive gives its cache files (io/cache.ts, io/code-cache.ts) and their temporary
 * files. Nothing else is ever removed: GOLIVE_CACHE_DIR may name a folder that holds more.
 */
const OWN_FILE =
  /^(state-[0-9a-f]{8}\.json|code-(main|edit|report)-[0-9a-f]{16}-v[\d.]+-\w+-[0-9a-f]{8}\.bin(\.commands)?)(\.\d+-[0-9a-z]+\.tmp)?$/;

/** Removes golive's own regular files, owned by the user, not written for 30 days. */
function removeStale(dir: string, uid: number | undefined): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!OWN_FILE.test(name)) continue;
    const path = join(dir, name);
    try {
      const stat = lstatSync(path);
      if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
      if (now - stat.mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
