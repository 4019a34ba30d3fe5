/**
 * `golive close`: the team ends the project. Refused while items are open, unless each open
 * one is named with the reason it is left (`--leave ID=REASON`); `--undo` takes it back.
 * Edits go on working after it; the gate passes and notify stops.
 */
import { buildBoard, type ItemView } from "../core/board.js";
import { GoliveError } from "../errors.js";
import { type CloseResult, renderClose } from "../render/identity.js";
import type { Closed, LeftOpen, Reopened } from "../schema/state.js";
import { type Context, type Output, output } from "../work/context.js";
import { changedBy } from "../work/edit-items.js";
import { resolveItems } from "../work/select.js";
import { openState } from "../work/workspace.js";

/** What cli/options.ts parsed: --reason trimmed and not blank, never with --undo. */
export interface CloseOptions {
  reason?: string;
  /** `ID=REASON`, split (cli/options.ts): the ID as typed, a reason that is not blank. */
  leave?: readonly { key: string; value: string }[];
  undo?: boolean;
  by?: string;
}

export async function close(ctx: Context, options: CloseOptions): Promise<Output> {
  const typed = (options.leave ?? []).map(({ key, value }) => ({ id: key, reason: value }));
  const result = await openState(ctx).update((workspace, editor): CloseResult => {
    const was = workspace.state.closed;
    if (options.undo) {
      if (was) {
        // The close is history once taken back: kept under `reopened`, as slips and renames are.
        const undone: Reopened = { was, by: changedBy(ctx, options.by), at: ctx.now() };
        editor.setTop("reopened", [...(workspace.state.reopened ?? []), undone]);
        editor.setTop("closed", undefined);
      }
      return { kind: "undone", ...(was ? { was } : {}) };
    }
    if (was) return { kind: "already", closed: was };
    const board = buildBoard(workspace.catalogue, workspace.state, ctx.today);
    const reasons = new Map<string, string>();
    const named = [];
    for (const t of typed) {
      const item = resolveItems(workspace.catalogue, [t.id])[0]!;
      named.push(item);
      reasons.set(item.id, t.reason);
    }
    const open = board.items.filter((v) => v.open);
    const openIds = new Set(open.map((v) => v.item.id));
    const notOpen = named.filter((item) => !openIds.has(item.id));
    if (notOpen.length > 0) {
      throw new GoliveError(
        "usage",
        `--leave names ${notOpen.map((i) => i.id).join(", ")}, which ${notOpen.length === 1 ? "is" : "are"} not open`,
        { hint: "--leave is for the items still open when the project closes" },
      );
    }
    const unnamed = open.filter((v) => !reasons.has(v.item.id));
    if (unnamed.length > 0) throw openItems(unnamed);
    const left: LeftOpen[] = open.map((v) => ({ id: v.item.id, reason: reasons.get(v.item.id)! }));
    const closed: Closed = {
      on: ctx.today,
      ...(options.reason !== undefined ? { reason: options.reason } : {}),
      by: changedBy(ctx, options.by),
      at: ctx.now(),
      ...(left.length > 0 ? { left } : {}),
    };
    editor.setTop("closed", closed);
    return { kind: "closed", closed };
  });
  return output(renderClose(ctx.style, result));
}

function openItems(open: readonly ItemView[]): GoliveError {
  const shown = open.slice(0, 20).map((v) => `${v.item.id} ${v.item.title} (${v.status})`);
  if (open.length > shown.length) shown.push(`and ${open.length - shown.length} more`);
  return new GoliveError(
    "items-open",
    `${open.length === 1 ? "1 item is" : `${open.length} items are`} still open; golive close ends the project only when each is done, skipped, or left with a reason`,
    {
      details: shown,
      hint: `finish or skip them, or name each: golive close --leave ${open[0]!.item.id}=REASON${open.length > 1 ? " --leave ..." : ""}`,
    },
  );
}
