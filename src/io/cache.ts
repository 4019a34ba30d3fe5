/**
 * A per-user cache of state files that golive has already read and checked.
 *
 * Reading golive.yaml means loading a YAML parser and a schema validator and running both, which
 * costs more than everything else `golive status` does. The file rarely changes between two
 * standups, so the checked data is kept in the user's cache folder under a name derived from the
 * file's path. An entry is used only when the state file's text is exactly the text it was made
 * from, the catalogue is unchanged too, and the same build of golive made it: whatever else
 * happened, the result is what reading the file again would give. An entry that cannot be read,
 * written or parsed is ignored: the cache can make golive faster, never wrong and never fail.
 *
 * The folder also holds the code cache (io/code-cache.ts), which uses the private-file helpers
 * below. GOLIVE_NO_CACHE=1 switches both off; GOLIVE_CACHE_DIR moves them.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import envPaths from "env-paths";
import type { CatalogueFile } from "../schema/catalogue.js";
import type { StateData } from "../schema/state.js";
import { ensureFolder } from "./folders.js";

/** Identifies the build (scripts/build.mjs): entries of another build are never used. */
declare const __GOLIVE_BUILD__: string | undefined;

/** What an entry holds: the checked state, and where its catalogue came from. */
export interface CacheEntry {
  build: string;
  statePath: string;
  stateText: string;
  state: StateData;
  catalogue: {
    path: string;
    /** The catalogue file's text and checked data; both absent for a shipped catalogue as built. */
    text?: string;
    data?: CatalogueFile;
  };
}

/** The cache folder, or undefined when the cache is off (or this is not a built golive). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (typeof __GOLIVE_BUILD__ !== "string") return undefined;
  const off = env.GOLIVE_NO_CACHE;
  if (off !== undefined && off !== "" && off !== "0") return undefined;
  if (env.GOLIVE_CACHE_DIR) return env.GOLIVE_CACHE_DIR;
  try {
    return envPaths("golive", { suffix: "" }).cache;
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits: a short file name per state file path; the entry itself names the path. */
function pathHash(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

function entryFile(dir: string, statePath: string): string {
  return join(dir, `state-${pathHash(statePath)}.json`);
}

/**
 * A file of the cache, if it is the user's own. golive trusts what the cache says, so a file
 * that someone else could have planted (in a shared GOLIVE_CACHE_DIR) is ignored.
 */
export function readPrivateFile(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const uid = process.getuid?.();
    if (uid !== undefined && fstatSync(fd).uid !== uid) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a file of the cache: whole beside its final name, then renamed over it, so a reader
 * sees the old file or the new one; readable by the user only. Failing is fine: the cache
 * can make golive faster, never make it fail.
 */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    ensureFolder(dirname(path), 0o700);
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}

/** The entry for `statePath` made by this build. */
function readEntry(statePath: string): CacheEntry | undefined {
  const dir = cacheDir();
  const bytes = dir === undefined ? undefined : readPrivateFile(entryFile(dir, statePath));
  if (bytes === undefined) return undefined;
  try {
    const entry = JSON.parse(bytes.toString("utf8")) as CacheEntry;
    return entry.build === __GOLIVE_BUILD__ && entry.statePath === statePath ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** The entry for `statePath` when it was made from exactly `stateText`. */
export function readCacheEntry(statePath: string, stateText: string): CacheEntry | undefined {
  const entry = readEntry(statePath);
  return entry?.stateText === stateText &&
    typeof entry.state === "object" &&
    typeof entry.catalogue?.path === "string"
    ? entry
    : undefined;
}

/**
 * The checked data of the catalogue at `path`, when the entry of `statePath` holds it for
 * exactly `text`: a command that must parse the state file itself (to edit it) can still skip
 * parsing and checking a large catalogue of its own.
 */
export function readCachedCatalogue(
  statePath: string,
  path: string,
  text: string,
): CatalogueFile | undefined {
  const catalogue = readEntry(statePath)?.catalogue;
  return catalogue?.path === path && catalogue.text === text && typeof catalogue.data === "object"
    ? catalogue.data
    : undefined;
}

/** Stores the entry of a state file, private to the user: notes and names are in it. */
export function writeCacheEntry(entry: Omit<CacheEntry, "build">): void {
  const dir = cacheDir();
  if (dir === undefined || typeof __GOLIVE_BUILD__ !== "string") return;
  writePrivateFile(
    entryFile(dir, entry.statePath),
    JSON.stringify({ build: __GOLIVE_BUILD__, ...entry }),
  );
}
