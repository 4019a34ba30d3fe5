/** `golive rename NAME`: the project's new name, recorded with who and when. */
import { renderRename } from "../render/identity.js";
import type { Rename } from "../schema/state.js";
import { type Context, type Output, output } from "../work/context.js";
import { changedBy } from "../work/edit-items.js";
import { openState } from "../work/workspace.js";

export interface RenameOptions {
  by?: string;
}

export async function rename(ctx: Context, typed: string, options: RenameOptions): Promise<Output> {
  // One line, not empty, within the limit: cli/options.ts nameArg.
  const to = typed;
  const result = await openState(ctx).update((workspace, editor) => {
    const from = workspace.state.name;
    if (from === to) return { from, to, changed: false };
    const entry: Rename = {
      ...(from !== undefined ? { from } : {}),
      to,
      by: changedBy(ctx, options.by),
      at: ctx.now(),
    };
    editor.setTop("name", to);
    editor.setTop("renames", [...(workspace.state.renames ?? []), entry]);
    return { from, to, changed: true };
  });
  return output(renderRename(ctx.style, result));
}
