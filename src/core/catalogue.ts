/**
 * Semantic rules over a schema-valid catalogue, and the lookups every command needs.
 * Pure: the file was read and parsed elsewhere.
 */
import type { CatalogueFile, CatalogueItem, Category, Phase } from "../schema/catalogue.js";
import { idKey } from "./ids.js";

/** A rule broken by a catalogue, with the path of the offending field. */
export interface CatalogueFinding {
  code:
    | "duplicate-id"
    | "malformed-id"
    | "unknown-phase"
    | "unknown-category"
    | "window-order"
    | "duplicate-phase";
  path: (string | number)[];
  message: string;
}

export interface Catalogue {
  readonly file: CatalogueFile;
  readonly items: readonly CatalogueItem[];
  readonly phases: readonly Phase[];
  readonly categories: readonly Category[];
  /** Item by normalised ID key (see `idKey`), aliases included. */
  readonly byKey: ReadonlyMap<string, CatalogueItem>;
  readonly phaseById: ReadonlyMap<string, Phase>;
  readonly categoryById: ReadonlyMap<string, Category>;
}

/** The opening and due offsets of an item: its phase's, unless the item overrides them. */
export function itemOffsets(item: CatalogueItem, phase: Phase): { opens: number; due: number } {
  const due = item.due ?? phase.due;
  // An item that only moves its due date earlier opens no later than it is due.
  const opens = item.opens ?? Math.min(phase.opens, due);
  return { opens, due };
}

export function checkCatalogue(file: CatalogueFile): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const phaseIds = new Set<string>();
  file.phases.forEach((phase, i) => {
    if (phaseIds.has(phase.id)) {
      findings.push({
        code: "duplicate-phase",
        path: ["phases", i, "id"],
        message: `phase "${phase.id}" is defined twice`,
      });
    }
    phaseIds.add(phase.id);
    if (phase.opens > phase.due) {
      findings.push({
        code: "window-order",
        path: ["phases", i],
        message: `phase "${phase.id}" opens (T${signed(phase.opens)}) after it is due (T${signed(phase.due)})`,
      });
    }
  });
  const categoryIds = new Set(file.categories.map((c) => c.id));
  // By normalised key: which item (by index) holds the name. Two items with the very same ID
  // clash like an ID and another item's alias do.
  const seen = new Map<string, number>();
  file.items.forEach((item, i) => {
    const names: [string, (string | number)[]][] = [[item.id, ["items", i, "id"]]];
    item.aliases?.forEach((alias, j) => {
      names.push([alias, ["items", i, "aliases", j]]);
    });
    for (const [name, path] of names) {
      const key = idKey(name);
      if (key === undefined) {
        findings.push({
          code: "malformed-id",
          path,
          message: `ID "${name}" cannot be typed on the command line (at most 9 digits after the dash)`,
        });
        continue;
      }
      const owner = seen.get(key);
      // An alias may differ from its own item's ID only in zero-padding (GEN-8 for GEN-08).
      if (owner !== undefined && owner !== i) {
        findings.push({
          code: "duplicate-id",
          path,
          message: `ID "${name}" is already used by ${file.items[owner]!.id}`,
        });
      } else {
        seen.set(key, i);
      }
    }
    const phase = file.phases.find((p) => p.id === item.phase);
    if (!phase) {
      findings.push({
        code: "unknown-phase",
        path: ["items", i, "phase"],
        message: `unknown phase "${item.phase}" (expected one of: ${[...phaseIds].join(", ")})`,
      });
    } else {
      const { opens, due } = itemOffsets(item, phase);
      if (opens > due) {
        findings.push({
          code: "window-order",
          path: ["items", i],
          message: `item ${item.id} opens (T${signed(opens)}) after it is due (T${signed(due)})`,
        });
      }
    }
    if (!categoryIds.has(item.category)) {
      findings.push({
        code: "unknown-category",
        path: ["items", i, "category"],
        message: `unknown category "${item.category}" (expected one of: ${[...categoryIds].join(", ")})`,
      });
    }
  });
  return findings;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}

/** Builds the lookups; call only on a catalogue that `checkCatalogue` accepted. */
export function indexCatalogue(file: CatalogueFile): Catalogue {
  const byKey = new Map<string, CatalogueItem>();
  for (const item of file.items) {
    for (const name of [item.id, ...(item.aliases ?? [])]) {
      const key = idKey(name);
      if (key !== undefined) byKey.set(key, item);
    }
  }
  return {
    file,
    items: file.items,
    phases: file.phases,
    categories: file.categories,
    byKey,
    phaseById: new Map(file.phases.map((p) => [p.id, p])),
    categoryById: new Map(file.categories.map((c) => [c.id, c])),
  };
}
