/**
 * The verbs that change items: done, start, block, skip, reopen, assign, note.
 * They differ only in the change they ask for, so they share this one file.
 */
import type { Change } from "../core/transitions.js";
import { GoliveError } from "../errors.js";
import { renderChanges } from "../render/change.js";
import { type Context, type Output, output } from "./context.js";
import { changeItems } from "./edit-items.js";

function requireText(value: string | undefined, option: string, why: string): string {
  if (value === undefined || value.trim() === "") {
    throw new GoliveError("missing-reason", `${option} is required ${why}`, {
      hint: `add ${option} "..." so that the team knows why`,
    });
  }
  return value;
}

function report(ctx: Context, ids: string[], change: Change, by: string | undefined): Output {
  return output(renderChanges(ctx.style, changeItems(ctx, ids, change, by), change));
}

export interface DoneOptions {
  note?: string;
  by?: string;
}

export function done(ctx: Context, ids: string[], options: DoneOptions): Output {
  const change: Change = { status: "done" };
  if (options.note !== undefined) {
    if (options.note.trim() === "") {
      throw new GoliveError("usage", "--note is empty", {
        hint: 'give the note\'s text (--note "what was done"), or leave --note out',
      });
    }
    change.note = options.note;
  }
  return report(ctx, ids, change, options.by);
}

export function start(ctx: Context, ids: string[], options: { by?: string }): Output {
  return report(ctx, ids, { status: "in-progress" }, options.by);
}

export function block(
  ctx: Context,
  ids: string[],
  options: { reason?: string; by?: string },
): Output {
  const reason = requireText(options.reason, "--reason", "to block an item");
  return report(ctx, ids, { status: "blocked", reason }, options.by);
}

export function skip(
  ctx: Context,
  ids: string[],
  options: { reason?: string; by?: string },
): Output {
  const reason = requireText(options.reason, "--reason", "to mark an item not applicable");
  return report(ctx, ids, { status: "not-applicable", reason }, options.by);
}

export function reopen(ctx: Context, ids: string[], options: { by?: string }): Output {
  return report(ctx, ids, { status: "todo" }, options.by);
}

/** assign and note: set a text field, or clear it with a flag; never both, never empty. */
function setOrClear(
  ctx: Context,
  id: string,
  field: "owner" | "note",
  value: string | undefined,
  clear: boolean | undefined,
  by: string | undefined,
  words: { flag: string; missing: string; usage: string },
): Output {
  if (clear) {
    if (value !== undefined) {
      throw new GoliveError("usage", `give ${words.usage} or ${words.flag}, not both`, {
        hint: `golive ${field === "owner" ? "assign" : "note"} ID ${words.usage}, or ${words.flag}`,
      });
    }
    return report(ctx, [id], { [field]: null }, by);
  }
  if (value === undefined || value.trim() === "") {
    throw new GoliveError("usage", `${words.missing} is missing`, {
      hint: `golive ${field === "owner" ? "assign" : "note"} ID ${words.usage}; ${words.flag} removes it`,
    });
  }
  return report(ctx, [id], { [field]: value }, by);
}

export function assign(
  ctx: Context,
  id: string,
  owner: string | undefined,
  options: { none?: boolean; by?: string },
): Output {
  return setOrClear(ctx, id, "owner", owner, options.none, options.by, {
    flag: "--none",
    missing: "the owner's name",
    usage: "NAME",
  });
}

export function note(
  ctx: Context,
  id: string,
  text: string | undefined,
  options: { clear?: boolean; by?: string },
): Output {
  return setOrClear(ctx, id, "note", text, options.clear, options.by, {
    flag: "--clear",
    missing: "the note",
    usage: '"TEXT"',
  });
}
