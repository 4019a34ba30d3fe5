/**
 * Item IDs as people type them: `app-3` finds `APP-03`, `GEN-09` finds `GEN-9`.
 */
import { distance } from "fastest-levenshtein";
import type { CatalogueItem } from "../schema/catalogue.js";

// With a dash the prefix may hold digits (`S3-1`); without one (`clo14`) it is letters only.
const LOOSE_ID = /^(?:([A-Za-z][A-Za-z0-9]*)-|([A-Za-z]+))(\d{1,9})$/;

/**
 * The lookup key of an ID: prefix upper-cased, number without leading zeros.
 * Undefined when the text cannot be an ID at all.
 */
export function idKey(text: string): string | undefined {
  const match = LOOSE_ID.exec(text.trim());
  if (!match) return undefined;
  const prefix = match[1] ?? match[2]!;
  return `${prefix.toUpperCase()}-${Number.parseInt(match[3]!, 10)}`;
}

/** What an ID is looked up in: a catalogue's items, by the key `idKey` gives (core/catalogue.ts). */
export interface ItemIndex {
  readonly items: readonly CatalogueItem[];
  readonly byKey: ReadonlyMap<string, CatalogueItem>;
}

export type IdLookup =
  | { ok: true; item: CatalogueItem }
  | { ok: false; reason: "malformed" | "unknown"; suggestions: string[] };

export function findItem(catalogue: ItemIndex, text: string): IdLookup {
  const key = idKey(text);
  if (key === undefined) {
    // `CLO-1O` (a letter O) or `APP-l2`: the ID the look-alike digits spell, if there is one.
    const fixed = idKey(lookAlikeDigits(text));
    const meant = fixed === undefined ? undefined : catalogue.byKey.get(fixed);
    return { ok: false, reason: "malformed", suggestions: meant ? [meant.id] : [] };
  }
  const item = catalogue.byKey.get(key);
  if (item) return { ok: true, item };
  return { ok: false, reason: "unknown", suggestions: closestIds(catalogue, text) };
}

/** The number after an ID's dash with letters that look like digits (O, o, I, l) read as them. */
function lookAlikeDigits(text: string): string {
  const match = /^(.*-)([0-9OoIl]{1,9})$/.exec(text.trim());
  if (!match) return text;
  return match[1]! + match[2]!.replace(/[Oo]/g, "0").replace(/[Il]/g, "1");
}

/** Up to three IDs closest to what was typed, nearest first. */
export function closestIds(catalogue: ItemIndex, text: string, limit = 3): string[] {
  const wanted = text.trim().toUpperCase();
  const wantedKey = idKey(wanted) ?? wanted;
  return (
    catalogue.items
      .map((item) => ({
        id: item.id,
        score: Math.min(distance(wanted, item.id), distance(wantedKey, idKey(item.id) ?? item.id)),
      }))
      .filter((c) => c.score <= Math.max(2, Math.floor(wanted.length / 3)))
      // Nearest first; among equals, the prefix typed, then the nearest number.
      .sort(
        (a, b) =>
          a.score - b.score ||
          Number(!a.id.startsWith(prefixOf(wanted))) - Number(!b.id.startsWith(prefixOf(wanted))) ||
          numberGap(a.id, wanted) - numberGap(b.id, wanted),
      )
      .slice(0, limit)
      .map((c) => c.id)
  );
}

function prefixOf(text: string): string {
  return /^[A-Z]+/.exec(text)?.[0] ?? text;
}

function numberGap(id: string, typed: string): number {
  const a = Number(/\d+$/.exec(id)?.[0]);
  const b = Number(/\d+$/.exec(typed)?.[0]);
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Math.abs(a - b);
}
