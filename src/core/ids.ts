/**
 * Item IDs as people type them: `app-3` finds `APP-03`, `GEN-09` finds `GEN-9`.
 */
import { distance } from "fastest-levenshtein";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Catalogue } from "./catalogue.js";

const LOOSE_ID = /^([A-Za-z][A-Za-z0-9]*)-?(\d{1,9})$/;

/**
 * The lookup key of an ID: prefix upper-cased, number without leading zeros.
 * Undefined when the text cannot be an ID at all.
 */
export function idKey(text: string): string | undefined {
  const match = LOOSE_ID.exec(text.trim());
  if (!match) return undefined;
  return `${match[1]!.toUpperCase()}-${Number.parseInt(match[2]!, 10)}`;
}

export type IdLookup =
  | { ok: true; item: CatalogueItem }
  | { ok: false; reason: "malformed" | "unknown"; suggestions: string[] };

export function findItem(catalogue: Catalogue, text: string): IdLookup {
  const key = idKey(text);
  if (key === undefined) {
    return { ok: false, reason: "malformed", suggestions: [] };
  }
  const item = catalogue.byKey.get(key);
  if (item) return { ok: true, item };
  return { ok: false, reason: "unknown", suggestions: closestIds(catalogue, text) };
}

/** Up to three IDs closest to what was typed, nearest first. */
export function closestIds(catalogue: Catalogue, text: string, limit = 3): string[] {
  const wanted = text.trim().toUpperCase();
  const wantedKey = idKey(wanted) ?? wanted;
  return catalogue.items
    .map((item) => ({
      id: item.id,
      score: Math.min(distance(wanted, item.id), distance(wantedKey, idKey(item.id) ?? item.id)),
    }))
    .filter((c) => c.score <= Math.max(2, Math.floor(wanted.length / 3)))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((c) => c.id);
}
