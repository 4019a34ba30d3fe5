/**
 * What moving golive.yaml to another catalogue version changes: items added, entries under a
 * former ID (renamed through `aliases`), and entries no item has any more. Pure.
 */

import type { CatalogueItem } from "../schema/catalogue.js";
import type { StateData } from "../schema/state.js";
import { indexState, type StateIndex } from "./board.js";
import type { Catalogue } from "./catalogue.js";

export interface UpgradePlan {
  /** The versions golive.yaml recorded, and the ones it moves to, by catalogue name. */
  versions: { name: string; from: string | undefined; to: string }[];
  /** Items of the catalogue golive.yaml has no entry for. */
  added: CatalogueItem[];
  /** Entries under a former ID: their state moves to the item's current ID. */
  renamed: { from: string; item: CatalogueItem }[];
  /** Entries whose ID no item has: kept, never dropped. */
  removed: string[];
}

export function planUpgrade(catalogue: Catalogue, state: StateData): UpgradePlan {
  const index: StateIndex = indexState(catalogue, state);
  const added: CatalogueItem[] = [];
  const renamed: UpgradePlan["renamed"] = [];
  for (const item of catalogue.items) {
    const key = index.keyOf.get(item.id);
    if (key === undefined) added.push(item);
    else if (key !== item.id) renamed.push({ from: key, item });
  }
  const recorded = state.catalogue;
  return {
    versions: [
      { name: catalogue.file.name, from: recorded.version, to: catalogue.file.version },
      ...catalogue.bases.map((b) => ({
        name: b.name,
        from: recorded.extends?.[b.name],
        to: b.version,
      })),
    ],
    added,
    renamed,
    removed: index.orphans,
  };
}

/** True when the plan changes nothing but perhaps the recorded versions. */
export function versionsChange(plan: UpgradePlan): boolean {
  return plan.versions.some((v) => v.from !== v.to);
}
