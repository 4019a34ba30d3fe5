/** Which items a command shows: by phase, category, owner, status, or nobody's. */
import type { Status } from "../schema/state.js";
import type { ItemView } from "./board.js";

export interface ItemFilter {
  /** Any of these phases. */
  phase?: readonly string[];
  category?: string;
  /** The owner as written in golive.yaml (resolved from what was typed). */
  owner?: string;
  /** Any of these statuses. */
  status?: readonly Status[];
  /** Only items nobody owns. */
  unassigned?: boolean;
}

/** True when `filter` narrows the items at all. */
export function isFiltered(filter: ItemFilter): boolean {
  return (
    filter.phase !== undefined ||
    filter.category !== undefined ||
    filter.owner !== undefined ||
    filter.status !== undefined ||
    filter.unassigned === true
  );
}

export function filterItems(items: readonly ItemView[], filter: ItemFilter): ItemView[] {
  const owner = filter.owner?.toLowerCase();
  const phases = filter.phase === undefined ? undefined : new Set(filter.phase);
  const statuses = filter.status === undefined ? undefined : new Set(filter.status);
  return items.filter(
    (v) =>
      (phases === undefined || phases.has(v.phase.id)) &&
      (filter.category === undefined || v.category.id === filter.category) &&
      (owner === undefined || v.state.owner?.toLowerCase() === owner) &&
      (statuses === undefined || statuses.has(v.status)) &&
      (!filter.unassigned || v.state.owner === undefined),
  );
}
