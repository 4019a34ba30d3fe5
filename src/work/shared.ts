/**
 * Steps most commands share: finding and reading the state file, resolving IDs and filters.
 * Writing changes is in edit-items.ts, through the YAML editor.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { type Board, buildBoard, scopeBoard } from "../core/board.js";
import type { Catalogue } from "../core/catalogue.js";
import { addDays, GO_LIVE_YEARS, isSchedulable, parseCalendarDate } from "../core/dates.js";
import { filterItems, type ItemFilter, isFiltered } from "../core/filter.js";
import { cleanName } from "../core/identity.js";
import { findItem } from "../core/ids.js";
import { knownOwners, matchOwner } from "../core/owners.js";
import type { Warning } from "../core/warnings.js";
import { GO_LIVE_CONFLICT_HINT, GoliveError, ITEM_CONFLICT_HINT } from "../errors.js";
import { isUnmerged } from "../io/git-repo.js";
import { findStateFile, shellQuote } from "../io/locate.js";
import { loadWorkspace, type Workspace } from "../io/state-read.js";
import { readTextFile } from "../io/text-file.js";
import { hasGoLiveConflict, itemConflicts } from "../io/yaml-file.js";
import { renderWarnings } from "../render/error.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import { isStatus, STATUSES, type Status } from "../schema/fields.js";
import type { Context } from "./context.js";

/**
 * The state file: found from the working folder, or given with --file. While git holds it
 * unmerged, it is refused (`allowUnmerged` is for the commands that finish or check merges).
 */
export function statePath(ctx: Context, options: { allowUnmerged?: boolean } = {}): string {
  let path: string;
  if (ctx.file === undefined) path = findStateFile(ctx.cwd);
  else {
    path = resolve(ctx.cwd, ctx.file);
    if (!existsSync(path)) {
      throw new GoliveError("no-state-file", "the state file given with --file does not exist", {
        location: { file: ctx.file },
        hint: `check the path, or create it with \`golive --file ${shellQuote(ctx.file)} init --date YYYY-MM-DD\``,
      });
    }
  }
  if (!options.allowUnmerged) refuseUnmerged(ctx, path);
  return path;
}

/**
 * A state file git holds unmerged may be any one side of the merge, with or without conflict
 * markers (a merge driver that did not run leaves ours): reading it would show, and the next
 * commit would keep, one side only. Every command refuses it until `golive resolve` (or a
 * person and `git add`) has merged it.
 */
export function refuseUnmerged(ctx: Context, path: string): void {
  if (!isUnmerged(path)) return;
  const shown = relative(ctx.cwd, path) || path;
  const text = stateText(path);
  const items = text === undefined ? [] : itemConflicts(text);
  if (items.length > 0) {
    throw new GoliveError(
      "unmerged",
      `${shown} is merged but for ${items.length === 1 ? "an item" : `${items.length} items`} both sides changed differently (${items.slice(0, 5).join(", ")}${items.length > 5 ? ", ..." : ""}): golive does not choose for people`,
      { hint: ITEM_CONFLICT_HINT },
    );
  }
  if (text !== undefined && hasGoLiveConflict(text)) {
    throw new GoliveError(
      "unmerged",
      `${shown} is merged but for its goLive line: both sides moved go-live, and golive does not pick the date every due date hangs on`,
      {
        hint: GO_LIVE_CONFLICT_HINT,
      },
    );
  }
  throw new GoliveError(
    "unmerged",
    `${shown} is unmerged in git's index: a merge (or rebase, cherry-pick, stash) stopped on it, and the file may hold one side's changes only`,
    {
      hint: "run `golive resolve`: it merges the base, our and their versions git holds, writes the file and stages it; then finish what stopped (`git commit`, `git rebase --continue`, ...)",
    },
  );
}

/** The state file's text, or undefined when it cannot be read as text. */
function stateText(path: string): string | undefined {
  try {
    return readTextFile(path, "state file");
  } catch {
    return undefined; // not readable as text: the general message and `golive resolve` say more
  }
}

export { boardWarnings } from "../core/warnings.js";

export function warningText(ctx: Context, warnings: readonly Warning[]): string {
  return renderWarnings(ctx.style, warnings);
}

/** An ID as typed, cut short: a 10,000-character argument must not fill the terminal. */
function shown(id: string): string {
  return id.length > 40 ? `${id.slice(0, 40)}…` : id;
}

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
      throw new GoliveError("bad-id", `"${shown(id)}" is not a checklist ID`, {
        hint:
          found.suggestions.length > 0
            ? `did you mean ${found.suggestions.join(", ")}? (a digit, not a letter)`
            : "IDs look like CLO-14 or app-3; `golive list` shows them all",
      });
    }
    throw new GoliveError("unknown-id", `there is no item ${shown(id)} in the catalogue`, {
      hint:
        found.suggestions.length > 0
          ? `did you mean ${found.suggestions.join(", ")}?`
          : "`golive list` shows every ID",
    });
  }
  return items;
}

export interface FilterOptions {
  /** Phase IDs as given: `--phase a,b --phase c` gives `["a,b", "c"]`. */
  phase?: readonly string[];
  category?: string;
  owner?: string;
  mine?: boolean;
  /** Statuses as given, like phases; `open` is todo, in progress and blocked. */
  status?: readonly string[];
  unassigned?: boolean;
}

/** `--phase a,b --phase c` as one list, blanks dropped; undefined when not given. */
function listOption(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values
    .flatMap((value) => value.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

const OPEN: readonly Status[] = ["todo", "in-progress", "blocked"];

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
      `${option} "${typed}" could be ${match.candidates.join(" or ")}`,
      {
        hint: "give the full name",
      },
    );
  }
  const short = match.shortForms[0];
  throw new GoliveError("usage", `${option} "${typed}" owns no item`, {
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
  const phases = listOption(options.phase);
  if (phases !== undefined && phases.length === 0) {
    // `--phase "$PHASES"` with the variable unset must not quietly mean every phase.
    throw new GoliveError("usage", "--phase was given without a phase", {
      hint: phaseHint(catalogue),
    });
  }
  if (phases !== undefined) {
    const ids: string[] = [];
    for (const given of phases) {
      const phase = catalogue.phases.find((p) => p.id === given.toLowerCase());
      if (!phase) {
        throw new GoliveError("usage", `unknown phase "${given}"`, { hint: phaseHint(catalogue) });
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
      throw new GoliveError("usage", `unknown category "${options.category}"`, {
        hint: `use one of: ${catalogue.categories.map((c) => c.id).join(", ")}`,
      });
    }
    filter.category = category.id;
  }
  const statuses = listOption(options.status);
  if (statuses !== undefined) {
    const wanted: Status[] = [];
    for (const given of statuses.length > 0 ? statuses : [""]) {
      // `n/a` is how list and status print not-applicable: what is shown can be typed back.
      const value = given.toLowerCase() === "n/a" ? "not-applicable" : given.toLowerCase();
      const add = value === "open" ? OPEN : isStatus(value) ? [value] : undefined;
      if (!add) {
        throw new GoliveError("usage", `unknown status "${given}"`, {
          hint: `use one of: ${[...STATUSES, "open"].join(", ")} (n/a is not-applicable; several: a,b or repeat --status)`,
        });
      }
      for (const s of add) if (!wanted.includes(s)) wanted.push(s);
    }
    filter.status = wanted;
  }
  if (options.mine && options.owner !== undefined) {
    throw new GoliveError("usage", "--mine and --owner cannot be used together", {
      hint: "--mine is --owner with your `git config user.name`: give one of them",
    });
  }
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

export function describeFilter(filter: ItemFilter): string | undefined {
  const parts: string[] = [];
  if (filter.phase) parts.push(`phase ${filter.phase.join(" or ")}`);
  if (filter.category) parts.push(`category ${filter.category}`);
  if (filter.owner) parts.push(`owner ${filter.owner}`);
  if (filter.unassigned) parts.push("no owner");
  if (filter.status) parts.push(`status ${filter.status.join(" or ")}`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** The files a workspace was read from: a report must never be written over one of them. */
export function readFiles(workspace: Workspace): string[] {
  return [workspace.statePath, ...(workspace.cataloguePath ? [workspace.cataloguePath] : [])];
}

/** The state file, read and checked, and its board for today. */
export function loadBoard(ctx: Context): { workspace: Workspace; board: Board } {
  const workspace = loadWorkspace(statePath(ctx), ctx.cwd);
  return { workspace, board: buildBoard(workspace.catalogue, workspace.state, ctx.today) };
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

/** A date option: a real YYYY-MM-DD day, or a usage error naming the option. */
export function requireDate(text: string, option: string): string {
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new GoliveError("bad-date", `${option} "${text}" is not a date`, {
      hint: "write a real calendar day as YYYY-MM-DD, for example 2027-03-01",
    });
  }
  if (!isSchedulable(date)) {
    throw new GoliveError(
      "bad-date",
      `${option} ${date} is outside the years golive schedules (${GO_LIVE_YEARS.first} to ${GO_LIVE_YEARS.last})`,
      { hint: "give the real go-live date, for example 2027-03-01" },
    );
  }
  return date;
}

/** `--since`: a date, or an age like `1d` or `2w` counted back from today. */
export function parseDateOrAge(ctx: Context, text: string): string {
  const age = /^(\d{1,4})([dw])$/.exec(text.trim());
  if (age) {
    const days = Number(age[1]) * (age[2] === "w" ? 7 : 1);
    return addDays(ctx.today, -days);
  }
  const date = parseCalendarDate(text.trim());
  if (!date) {
    throw new GoliveError("bad-date", `--since "${text}" is neither a date nor an age`, {
      hint: "use YYYY-MM-DD, or an age such as 1d (yesterday) or 2w",
    });
  }
  return date;
}

/** A go-live date before today is allowed (a retrospective), but rarely meant. */
export function pastGoLiveWarning(ctx: Context, goLive: string): string {
  if (goLive >= ctx.today) return "";
  return warningText(ctx, [{ code: "go-live-in-past", goLive, today: ctx.today }]);
}

/** `--name` as typed, checked: one line of text. */
export function requireName(typed: string, option: string): string {
  const name = cleanName(typed);
  if (name === undefined) {
    throw new GoliveError("usage", `${option} needs a name`, {
      hint: `${option} "Acme shop" (any text; it is shown in every title)`,
    });
  }
  return name;
}
