/**
 * Opening the state file for commands that only read it (status, check, list, show, export).
 *
 * When the per-user cache (io/cache.ts) holds this exact file, as checked by this build, the
 * checked data comes from there and neither the YAML parser nor the schemas are loaded. Otherwise
 * the file is read in full (io/state.ts, loaded on demand) and the result is cached for next time.
 */
import { dirname, resolve } from "node:path";
import { type Catalogue, indexCatalogue } from "../core/catalogue.js";
import type { StateData } from "../schema/state.js";
import { readCacheEntry, writeCacheEntry } from "./cache.js";
import { builtinCataloguePath, embeddedCatalogue } from "./shipped.js";
import { readTextFile } from "./text-file.js";

/** Where a catalogue came from: its path, and its text unless it is a shipped one as built. */
export interface CatalogueSource {
  path: string;
  text?: string;
}

/** The state file, checked, with the catalogue it names. */
export interface CheckedState {
  statePath: string;
  /** The state file's content as read. */
  text: string;
  state: StateData;
  catalogue: Catalogue;
  catalogueSource: CatalogueSource;
}

export async function readCheckedState(statePath: string): Promise<CheckedState> {
  const text = readTextFile(statePath, "state file");
  const cached = cachedState(statePath, text);
  if (cached) return cached;
  const { loadWorkspace } = await import("../lazy-edit.js");
  const { file: _file, ...checked } = loadWorkspace(statePath, text);
  remember(checked);
  return checked;
}

/** The state file as checked before, when the cache holds exactly `text` and the catalogue. */
export function cachedState(statePath: string, text: string): CheckedState | undefined {
  const entry = readCacheEntry(statePath, text);
  if (!entry) return undefined;
  const source = entry.catalogue;
  // The catalogue this golive finds for the state file, not the one another install found.
  if (catalogueFor(entry.state, statePath) !== source.path) return undefined;
  let data = source.text === undefined ? embeddedCatalogue(source.path) : source.data;
  if (source.text !== undefined) {
    try {
      if (readTextFile(source.path, "catalogue") !== source.text) data = undefined;
    } catch {
      // Gone or unreadable now: the full read says so, with the state file's line.
      data = undefined;
    }
  }
  if (!data) return undefined;
  return {
    statePath,
    text,
    state: entry.state,
    catalogue: indexCatalogue(data),
    catalogueSource:
      source.text === undefined ? { path: source.path } : { path: source.path, text: source.text },
  };
}

/** Where the catalogue named by `state` is, for this install; undefined when it is not there. */
function catalogueFor(state: StateData, statePath: string): string | undefined {
  const ref = state.catalogue;
  if ("path" in ref) return resolve(dirname(statePath), ref.path);
  try {
    return builtinCataloguePath(ref.name);
  } catch {
    return undefined;
  }
}

/** Caches a state file as checked, so that the next read of the same text can skip the work. */
export function remember(checked: CheckedState): void {
  const { path, text } = checked.catalogueSource;
  writeCacheEntry({
    statePath: checked.statePath,
    stateText: checked.text,
    state: checked.state,
    catalogue: text === undefined ? { path } : { path, text, data: checked.catalogue.file },
  });
}
