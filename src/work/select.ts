/**
 * Which items a command works on: IDs as people type them (`app-3` is APP-03), and the
 * filters (--phase, --category, --owner, --mine, --status, --unassigned) resolved against the
 * catalogue and the owners golive.yaml names. A bad ID or filter is a usage error naming it.
 */
import { type Board, scopeBoard } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { echo } from "../core/escape.js";
import { filterItems, type ItemFilter, isFiltered } from "../core/filter.js";
import { findItem } from "../core/ids.js";
import { knownOwners, matchOwner } from "../core/owners.js";
import { GoliveError } from "../errors.js";
import type { Workspace } from "../io/state-read.js";
import { describeFilter } from "../render/filter.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { Status } from "../schema/fields.js";
import type { Context } from "./context.js";

/** Resolves every ID first, so that one bad ID changes nothing. */
export function resolveItems(catalogue: Catalogue, ids: readonly string[]): CatalogueItem[] {
  const items: CatalogueItem[] = [];
  for (const id of ids) {
    const found = findItem(catalogue, id);
    if (found.ok) {
      if (!items.includes(found.item)) items.push(found.item);
      continue;
    }
    if (found.reason === "malformed") {
      throw new GoliveError("bad-id", `"${echo(id)}" is not a checklist ID`, {
        hint:
          found.suggestions.length > 0
            ? `did you mean ${found.suggestions.join(", ")}? (a digit, not a letter)`
            : "IDs look like CLO-14 or app-3; `golive list` shows them all",
      });
    }
    throw new GoliveError("unknown-id", `there is no item ${echo(id)} in the catalogue`, {
      hint:
        found.suggestions.length > 0
          ? `did you mean ${found.suggestions.join(", ")}?`
          : "`golive list` shows every ID",
    });
  }
  return items;
}

export interface FilterOptions {
  /** Phase IDs as typed, lists split (cli/options.ts): `--phase a,b --phase c` gives `["a", "b", "c"]`. */
  phase?: readonly string[];
  category?: string;
  owner?: string;
  mine?: boolean;
  /** Statuses, `open` and `n/a` already read as what they stand for (cli/options.ts). */
  status?: readonly Status[];
  unassigned?: boolean;
}

function phaseHint(catalogue: Catalogue): string {
  return `use one of: ${catalogue.phases.map((p) => p.id).join(", ")} (several: a,b or repeat --phase)`;
}

function ownersHint(owners: readonly string[]): string {
  return owners.length > 0
    ? `owners in golive.yaml: ${owners.join(", ")}`
    : "no item has an owner yet: `golive assign ID NAME` gives one";
}

/** The owner `typed` means, among the owners golive.yaml names; a usage error otherwise. */
function resolveOwner(typed: string, owners: readonly string[], option: string): string {
  const match = matchOwner(owners, typed);
  if (match.ok) return match.owner;
  if (match.candidates.length > 1) {
    throw new GoliveError(
      "usage",
      `${option} "${echo(typed)}" could be ${match.candidates.join(" or ")}`,
      {
        hint: "give the full name",
      },
    );
  }
  const short = match.shortForms[0];
  throw new GoliveError("usage", `${option} "${echo(typed)}" owns no item`, {
    hint:
      short === undefined
        ? ownersHint(owners)
        : `${ownersHint(owners)}; if "${short}" is ${typed}, use --owner "${short}", or give the items the full name (golive assign ID... --to "${typed}")`,
  });
}

export function resolveFilter(
  ctx: Context,
  catalogue: Catalogue,
  options: FilterOptions,
  owners: readonly string[] = [],
): ItemFilter {
  const filter: ItemFilter = {};
  const phases = options.phase;
  if (phases !== undefined) {
    const ids: string[] = [];
    for (const given of phases) {
      const phase = catalogue.phases.find((p) => p.id === given.toLowerCase());
      if (!phase) {
        throw new GoliveError("usage", `unknown phase "${echo(given)}"`, {
          hint: phaseHint(catalogue),
        });
      }
      if (!ids.includes(phase.id)) ids.push(phase.id);
    }
    filter.phase = ids;
  }
  if (options.category !== undefined) {
    const wanted = options.category.toLowerCase();
    const category = catalogue.categories.find(
      (c) => c.id.toLowerCase() === wanted || c.title.toLowerCase() === wanted,
    );
    if (!category) {
      throw new GoliveError("usage", `unknown category "${echo(options.category)}"`, {
        hint: `use one of: ${catalogue.categories.map((c) => c.id).join(", ")}`,
      });
    }
    filter.category = category.id;
  }
  if (options.status !== undefined) filter.status = [...options.status];
  if (options.unassigned && (options.mine || options.owner !== undefined)) {
    throw new GoliveError(
      "usage",
      `--unassigned and ${options.mine ? "--mine" : "--owner"} cannot be used together`,
      {
        hint: "an item without an owner has no owner to match",
      },
    );
  }
  if (options.mine) {
    const me = ctx.gitUser();
    if (!me) {
      throw new GoliveError("usage", "--mine needs your name from `git config user.name`", {
        hint: "set it with `git config user.name NAME`, or use --owner NAME",
      });
    }
    filter.owner = resolveOwner(me, owners, "--mine (git config user.name)");
  } else if (options.owner !== undefined) {
    filter.owner = resolveOwner(options.owner, owners, "--owner");
  }
  if (options.unassigned) filter.unassigned = true;
  return filter;
}

/**
 * The items a command's filters select, and the board with progress counted over them. Filters
 * that select nothing are a usage error, naming them, for the gate and the reports (a gate over
 * no item would pass on anything); `list` and `status` pass `allowEmpty`: an empty answer to
 * "what is unassigned?" is an answer, not a mistake.
 */
export function filtered(
  ctx: Context,
  workspace: Workspace,
  whole: Board,
  options: FilterOptions,
  allowEmpty = false,
) {
  const owners = knownOwners(whole.items);
  const filter = resolveFilter(ctx, workspace.catalogue, options, owners);
  const items = filterItems(whole.items, filter);
  if (items.length === 0 && isFiltered(filter) && !allowEmpty) {
    throw new GoliveError("usage", `no item matches ${describeFilter(filter)}`, {
      hint: `${ownersHint(owners)}; \`golive list\` shows every item`,
    });
  }
  return { filter, items, board: scopeBoard(whole, items) };
}
