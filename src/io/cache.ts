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
 * The folder (io/private-file.ts) also holds the code cache (io/code-cache.ts).
 * GOLIVE_NO_CACHE=1 switches both off; GOLIVE_CACHE_DIR moves them.
 */
import { join } from "node:path";
import type { CatalogueFile } from "../schema/catalogue.js";
import type { StateData } from "../schema/state.js";
import { cacheFolder, readPrivateFile, shortHash, writePrivateFile } from "./private-file.js";

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
function cacheDir(): string | undefined {
  return typeof __GOLIVE_BUILD__ === "string" ? cacheFolder() : undefined;
}

function entryFile(dir: string, statePath: string): string {
  return join(dir, `state-${shortHash(statePath)}.json`);
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
    entry.state !== null &&
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
  return catalogue?.path === path &&
    catalogue.text === text &&
    typeof catalogue.data === "object" &&
    catalogue.data !== null
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
