/**
 * The verbs that change items: done, start, block, skip, reopen, assign, note.
 * They differ only in the change they ask for, so they share this one file.
 */
import type { Change } from "../core/transitions.js";
import { GoliveError } from "../errors.js";
import { renderChanges } from "../render/change.js";
import { type Context, type Output, output } from "./context.js";
import { changeItems } from "./shared.js";

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

export function assign(
  ctx: Context,
  id: string,
  owner: string | undefined,
  options: { none?: boolean; by?: string },
): Output {
  if (options.none) {
    if (owner !== undefined) {
      throw new GoliveError("usage", "give an owner or --none, not both", {
        hint: "golive assign ID NAME, or golive assign ID --none",
      });
    }
    return report(ctx, [id], { owner: null }, options.by);
  }
  if (owner === undefined || owner.trim() === "") {
    throw new GoliveError("usage", "the owner's name is missing", {
      hint: "golive assign ID NAME; golive assign ID --none takes the owner away",
    });
  }
  return report(ctx, [id], { owner }, options.by);
}

export function note(
  ctx: Context,
  id: string,
  text: string | undefined,
  options: { clear?: boolean; by?: string },
): Output {
  if (options.clear) {
    if (text !== undefined) {
      throw new GoliveError("usage", "give a note or --clear, not both", {
        hint: 'golive note ID "text", or golive note ID --clear',
      });
    }
    return report(ctx, [id], { note: null }, options.by);
  }
  if (text === undefined || text.trim() === "") {
    throw new GoliveError("usage", "the note is missing", {
      hint: 'golive note ID "what was done"; golive note ID --clear removes it',
    });
  }
  return report(ctx, [id], { note: text }, options.by);
}
