/**
 * Changing items: under the state file's lock, through the YAML editor (io/state-edit.ts), which
 * keeps the file's comments and layout.
 */
import { userInfo } from "node:os";
import { answersOf, indexState, unmetCondition } from "../core/board.js";
import { applyChange, type Change, type ItemChange } from "../core/transitions.js";
import type { Workspace } from "../io/state-read.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import type { ItemState } from "../schema/state.js";
import type { Context } from "./context.js";
import { resolveItems } from "./select.js";
import { openState } from "./workspace.js";

function loginName(): string | undefined {
  try {
    return userInfo().username || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who is making a change: --by (trimmed and not blank, cli/options.ts), else git's user.name,
 * else the login name.
 */
export function changedBy(ctx: Context, by: string | undefined): string {
  return by ?? ctx.gitUser() ?? loginName() ?? "unknown";
}

/**
 * Edits items under the state file's lock: every ID is resolved first (one bad ID changes
 * nothing), then `edit` gets each item's current state and says what to write, if anything.
 */
export function updateItems<T>(
  ctx: Context,
  ids: readonly string[] | ((workspace: Workspace) => readonly string[]),
  edit: (
    item: CatalogueItem,
    before: ItemState,
    workspace: Workspace,
  ) => { after: ItemState | undefined; result: T },
): Promise<T[]> {
  return openState(ctx).update((workspace, editor) => {
    // A selection by filters is made under the lock, on the file as it is now.
    const items = resolveItems(
      workspace.catalogue,
      typeof ids === "function" ? ids(workspace) : ids,
    );
    const { keyOf } = indexState(workspace.catalogue, workspace.state);
    const entries = workspace.state.items ?? {};
    return items.map((item) => {
      const key = keyOf.get(item.id) ?? item.id;
      const { after, result } = edit(item, entries[key] ?? {}, workspace);
      if (after) editor.setItem(key, after);
      return result;
    });
  });
}

/** Applies `change` to every item; unchanged items are reported but not written. */
export function changeItems(
  ctx: Context,
  ids: readonly string[] | ((workspace: Workspace) => readonly string[]),
  change: Change,
  by: string | undefined,
): Promise<ItemChange[]> {
  const who = changedBy(ctx, by);
  // Taken under the lock, on the first edit: writers that wait for each other record their
  // times in the order their changes land.
  let at: string | undefined;
  return updateItems(ctx, ids, (item, before, workspace) => {
    at ??= ctx.now();
    const ruledOut =
      unmetCondition(item, answersOf(workspace.catalogue, workspace.state)) !== undefined;
    const after = applyChange(before, change, who, at, ruledOut);
    return { after, result: { id: item.id, title: item.title, before, after } };
  });
}
