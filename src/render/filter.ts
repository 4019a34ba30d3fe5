/** How a selection of items is named: in status's header, a report's title, a usage error. */
import type { ItemFilter } from "../core/filter.js";

/** The filter in words ("phase week, owner Sam"); undefined when it selects every item. */
export function describeFilter(filter: ItemFilter): string | undefined {
  const parts: string[] = [];
  if (filter.phase) parts.push(`phase ${filter.phase.join(" or ")}`);
  if (filter.category) parts.push(`category ${filter.category}`);
  if (filter.owner) parts.push(`owner ${filter.owner}`);
  if (filter.unassigned) parts.push("no owner");
  if (filter.status) parts.push(`status ${filter.status.join(" or ")}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}
