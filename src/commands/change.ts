/**
 * The verbs that change items: done, start, block, skip, reopen, assign, note, ack.
 * They differ only in the change they ask for, so they share this one file.
 */
import { buildBoard } from "../core/board.js";
import { idKey } from "../core/ids.js";
import { knownOwners } from "../core/owners.js";
import type { Change } from "../core/transitions.js";
import { ownerSpellings } from "../core/warnings.js";
import { GoliveError } from "../errors.js";
import type { Workspace } from "../io/state-read.js";
import { renderAcked, renderChanges } from "../render/change.js";
import { renderWarnings } from "../render/error.js";
import { type Context, type Output, output } from "../work/context.js";
import { changedBy, changeItems, updateItems } from "../work/edit-items.js";
import { type FilterOptions, filtered } from "../work/select.js";
import { openState } from "../work/workspace.js";

async function report(
  ctx: Context,
  ids: string[],
  change: Change,
  by: string | undefined,
): Promise<Output> {
  return output(renderChanges(ctx.style, await changeItems(ctx, ids, change, by), change));
}

/** Who made the change (--by), as cli/options.ts parsed it: trimmed, never blank. */
export interface ByOptions {
  by?: string;
}

/** block and skip: --reason is required (cli/options.ts), trimmed and never blank. */
export interface ReasonOptions extends ByOptions {
  reason: string;
}

/** note: --clear removes the note. */
export interface NoteOptions extends ByOptions {
  clear?: boolean;
}

/** Texts as cli/options.ts parsed them: trimmed, never blank. */
export interface DoneOptions {
  note?: string;
  by?: string;
}

export async function done(ctx: Context, ids: string[], options: DoneOptions): Promise<Output> {
  const change: Change = { status: "done" };
  if (options.note !== undefined) change.note = options.note;
  return report(ctx, ids, change, options.by);
}

export async function start(ctx: Context, ids: string[], options: ByOptions): Promise<Output> {
  return report(ctx, ids, { status: "in-progress" }, options.by);
}

export async function block(ctx: Context, ids: string[], options: ReasonOptions): Promise<Output> {
  return report(ctx, ids, { status: "blocked", reason: options.reason }, options.by);
}

export async function skip(ctx: Context, ids: string[], options: ReasonOptions): Promise<Output> {
  return report(ctx, ids, { status: "not-applicable", reason: options.reason }, options.by);
}

export async function reopen(ctx: Context, ids: string[], options: ByOptions): Promise<Output> {
  return report(ctx, ids, { status: "todo" }, options.by);
}

/** assign and note: set a text field, or clear it with a flag; never both, never empty. */
async function setOrClear(
  ctx: Context,
  id: string,
  field: "owner" | "note",
  value: string | undefined,
  clear: boolean | undefined,
  by: string | undefined,
  words: { flag: string; missing: string; usage: string },
): Promise<Output> {
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

export interface AssignOptions extends FilterOptions {
  /** The owner for every item named or selected. */
  to?: string;
  none?: boolean;
  by?: string;
}

/**
 * `golive assign ID OWNER`, `golive assign ID... --to OWNER`, `golive assign --to OWNER
 * --phase P [--category C] [--unassigned]`, and `--none` to take owners away.
 */
export async function assign(
  ctx: Context,
  args: string[],
  options: AssignOptions,
): Promise<Output> {
  const filters =
    options.phase !== undefined ||
    options.category !== undefined ||
    options.owner !== undefined ||
    options.mine === true ||
    options.unassigned === true;
  if (options.to !== undefined && options.none) {
    throw new GoliveError("usage", "give --to OWNER or --none, not both", {
      hint: "golive assign ID... --to NAME, or golive assign ID... --none",
    });
  }
  if (options.to === undefined && !options.none) {
    // The one-item form: assign ID OWNER.
    if (filters) {
      throw new GoliveError(
        "usage",
        "selecting items by --phase, --category, --owner or --unassigned needs --to",
        {
          hint: "golive assign --to NAME --phase four-weeks --unassigned",
        },
      );
    }
    const [id, owner, ...rest] = args;
    // `assign CLO-14 Sam Taylor`: a name of several words the shell split.
    if (
      id !== undefined &&
      rest.length > 0 &&
      [owner, ...rest].every((w) => idKey(w!) === undefined)
    ) {
      const name = [owner, ...rest].join(" ");
      throw new GoliveError(
        "usage",
        `assign takes one ID and one owner; "${name}" came as ${rest.length + 1} words`,
        {
          hint: `quote a name with spaces: golive assign ${id} "${name}"`,
        },
      );
    }
    if (id === undefined || rest.length > 0) {
      throw new GoliveError("usage", "assign takes one ID and an owner, or several IDs with --to", {
        hint: "golive assign CLO-14 Sam, or golive assign CLO-14 CLO-15 --to Sam",
      });
    }
    return withSpellings(
      ctx,
      await setOrClear(ctx, id, "owner", owner, false, options.by, {
        flag: "--none",
        missing: "the owner's name",
        usage: "NAME",
      }),
      owner,
    );
  }
  const last = args[args.length - 1];
  if (options.none && args.length === 2 && last !== undefined && idKey(last) === undefined) {
    // `assign CLO-14 Kim --none`: the one-item form with both an owner and --none.
    throw new GoliveError("usage", "give NAME or --none, not both", {
      hint: "golive assign ID NAME, or golive assign ID --none",
    });
  }
  if (args.length > 0 && filters) {
    throw new GoliveError("usage", "name items by ID or select them with filters, not both", {
      hint: "golive assign CLO-14 CLO-15 --to Sam, or golive assign --to Sam --phase four-weeks",
    });
  }
  if (args.length === 0 && !filters) {
    throw new GoliveError(
      "usage",
      "which items? give IDs, or select them with --phase, --category, --owner or --unassigned",
      {
        hint: "golive assign CLO-14 CLO-15 --to Sam",
      },
    );
  }
  const change: Change = { owner: options.to ?? null };
  const ids = filters
    ? (workspace: Workspace) => {
        const board = buildBoard(workspace.catalogue, workspace.state, ctx.today);
        return filtered(ctx, workspace, board, options).items.map((v) => v.item.id);
      }
    : args;
  return withSpellings(
    ctx,
    output(renderChanges(ctx.style, await changeItems(ctx, ids, change, options.by), change)),
    options.to,
  );
}

/** After an assign: "Mia" beside "Mia Wong", when the name just given is one of them. */
function withSpellings(ctx: Context, done: Output, owner: string | undefined): Output {
  if (owner === undefined) return done;
  const { board } = openState(ctx).board();
  const named = owner.trim().toLowerCase();
  const found = ownerSpellings(knownOwners(board.items)).filter(
    (w) =>
      w.code === "owner-spellings" && [w.short, ...w.full].some((o) => o.toLowerCase() === named),
  );
  return found.length === 0
    ? done
    : { ...done, stderr: done.stderr + renderWarnings(ctx.style, found) };
}

export async function note(
  ctx: Context,
  id: string,
  text: string | undefined,
  options: NoteOptions,
): Promise<Output> {
  return setOrClear(ctx, id, "note", text, options.clear, options.by, {
    flag: "--clear",
    missing: "the note",
    usage: '"TEXT"',
  });
}

/** `golive ack ID...`: the items' reminders were acted on; the standup stops showing them. */
export async function ack(ctx: Context, ids: string[], options: ByOptions): Promise<Output> {
  const who = changedBy(ctx, options.by);
  let at: string | undefined;
  const acked = await updateItems(ctx, ids, (item, before) => {
    if (!item.reminder) {
      throw new GoliveError("usage", `${item.id} has no reminder to acknowledge`, {
        hint: "`golive status` lists the reminders; `golive show ID` shows an item's",
      });
    }
    at ??= ctx.now();
    const already = before.reminded !== undefined;
    return {
      after: already ? undefined : { ...before, reminded: { by: who, at } },
      result: { id: item.id, title: item.title, text: item.reminder.text, already },
    };
  });
  return output(renderAcked(ctx.style, acked));
}
