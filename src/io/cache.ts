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
 * GOLIVE_NO_CACHE=1 switches it off; GOLIVE_CACHE_DIR moves it.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

/** The entry for `statePath` when it was made from `stateText` by this build. */
export function readCacheEntry(statePath: string, stateText: string): CacheEntry | undefined {
  const dir = cacheDir();
  if (dir === undefined) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryFile(dir, statePath), "utf8")) as CacheEntry;
    if (
      entry.build !== __GOLIVE_BUILD__ ||
      entry.statePath !== statePath ||
      entry.stateText !== stateText ||
      typeof entry.state !== "object" ||
      typeof entry.catalogue?.path !== "string"
    ) {
      return undefined;
    }
    return entry;
  } catch {
    return undefined;
  }
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
  const dir = cacheDir();
  if (dir === undefined) return undefined;
  try {
    const entry = JSON.parse(readFileSync(entryFile(dir, statePath), "utf8")) as CacheEntry;
    const catalogue = entry.catalogue;
    if (
      entry.build !== __GOLIVE_BUILD__ ||
      entry.statePath !== statePath ||
      catalogue?.path !== path ||
      catalogue.text !== text ||
      typeof catalogue.data !== "object"
    ) {
      return undefined;
    }
    return catalogue.data;
  } catch {
    return undefined;
  }
}

/**
 * Stores an entry: written whole beside its final name, then renamed over it, so a reader
 * sees the old entry or the new one. Private to the user: notes and names are in it.
 */
export function writeCacheEntry(entry: Omit<CacheEntry, "build">): void {
  const dir = cacheDir();
  if (dir === undefined || typeof __GOLIVE_BUILD__ !== "string") return;
  const target = entryFile(dir, entry.statePath);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    ensureFolder(dir, 0o700);
    writeFileSync(temp, JSON.stringify({ build: __GOLIVE_BUILD__, ...entry }), { mode: 0o600 });
    renameSync(temp, target);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}
