/**
 * What `golive resolve` and the merge driver say about a merge of golive.yaml.
 */
import { isRecord } from "../core/compare.js";
import type { Conflict } from "../core/merge.js";
import type { MergeRule, Settled, Side } from "../core/merge-item.js";
import { GO_LIVE_CONFLICT_HINT, itemConflictHint } from "../errors.js";
import { renderTable } from "./table.js";
import { multiline, type Style, safe, statusLabel } from "./text.js";

/** The operation a resolved conflict lets go on, by the command that finishes it. */
const NEXT: Record<string, string> = {
  merge: "`git commit` finishes the merge",
  rebase: "`git rebase --continue` goes on with the rebase",
  "cherry-pick": "`git cherry-pick --continue` goes on with the cherry-pick",
  revert: "`git revert --continue` goes on with the revert",
};

function next(operation: string | undefined): string {
  return operation !== undefined && NEXT[operation]
    ? `Next: ${NEXT[operation]}.`
    : "Next: commit it when the rest is ready.";
}

export function goLiveConflictWords(
  shown: string,
  ours: string,
  theirs: string,
): { message: string; hint: string } {
  return {
    message: `both sides moved go-live, to ${ours} (ours) and ${theirs} (theirs): golive does not pick the date every due date hangs on, so ${shown} keeps that line in conflict; everything else is merged`,
    hint: GO_LIVE_CONFLICT_HINT,
  };
}

export function renderResolved(
  style: Style,
  shown: string,
  how: { operation: string | undefined; goLive?: string },
): string {
  const c = style.chalk;
  const what = how.goLive
    ? `${c.green("✓")} ${safe(shown)}: merged, with go-live ${how.goLive} as you chose, and staged.`
    : `${c.green("✓")} ${safe(shown)}: merged from the base, our and their versions git holds, and staged.`;
  return `${what}\n${next(how.operation)}\n`;
}

export function renderNothingToResolve(shown: string): string {
  return `${safe(shown)} is not unmerged: nothing to resolve.\n`;
}

/** A resolve that stopped: the message and what to do, on stderr. */
export function renderUnresolved(style: Style, message: string, hint: string): string {
  return `${style.chalk.red("error:")} ${safe(message)}\n${style.chalk.dim("hint:")} ${safe(hint)}\n`;
}

/** A status in words, as a rule's message names it. */
function statusWord(value: unknown): string {
  const status = typeof value === "string" ? value : "todo";
  return status === "in-progress" ? "in progress" : status === "not-applicable" ? "n/a" : status;
}

/** Who changed a side, and when: "Sam Taylor, 2027-03-01". */
function whoWhen(side: { by?: string; at?: string }): string {
  const parts = [side.by ?? "someone", side.at?.slice(0, 10)].filter(Boolean);
  return parts.join(", ");
}

function oneLine(value: unknown): string {
  if (typeof value === "string") return safe(value);
  if (value === undefined) return "none";
  return safe(JSON.stringify(value));
}

/**
 * What a rule settled, one line each, for stderr of the merge driver and of `golive resolve`:
 * the item, both sides with who and when, the rule, and where the other side's word went.
 */
export function renderSettled(settled: readonly Settled[], prefix = ""): string {
  return settled
    .map((s) => {
      const both = `${safe(s.id)}: ours ${describe(s.rule, s.ours.value)} (${safe(whoWhen(s.ours))}), theirs ${describe(s.rule, s.theirs.value)} (${safe(whoWhen(s.theirs))})`;
      return `${prefix}${both}: ${RULE_WORDS[s.rule](s.kept)}\n`;
    })
    .join("");
}

function describe(rule: MergeRule, value: unknown): string {
  switch (rule) {
    case "further-along":
      return statusWord(value);
    case "both-notes":
      return "noted";
    case "both-reasons":
      return "gave a reason";
    case "later-waiver": {
      const w = value as { until?: string } | undefined;
      return `waived until ${w?.until ?? "?"}`;
    }
    case "later-evidence":
    case "worse-evidence":
    case "worse-same-day": {
      const e = value as { result?: string; source?: string } | undefined;
      return `recorded ${e?.source === "probe" ? "probe" : "verify"} evidence: ${e?.result ?? "?"}`;
    }
    case "later-ack":
      return "acknowledged the reminder";
    case "open-after-close": {
      // The closing side's value is its close; the other side's, the item's status.
      const on = isRecord(value) && typeof value.on === "string" ? value.on : undefined;
      return on !== undefined ? `closed the project on ${on}` : `made it ${statusWord(value)}`;
    }
  }
}

const RULE_WORDS: Record<MergeRule, (kept: Side | undefined) => string> = {
  "further-along": (kept) =>
    `the status further along wins (todo, in progress, done), so ${kept} is kept; the other side is in the item's history`,
  "both-notes": () => "both notes are kept, the earlier change's first",
  "both-reasons": () => "both reasons are kept, the earlier change's first",
  "later-waiver": (kept) =>
    `the later waiver wins, so ${kept} is kept; the other is in the item's history`,
  "later-evidence": (kept) => `the later evidence wins, so ${kept} is kept`,
  "worse-evidence": (kept) =>
    `of verify's and probe's evidence the worse result stays, as when either records over the other, so ${kept} is kept`,
  "worse-same-day": (kept) =>
    `both were recorded the same day, so neither is later: the worse result stays, so ${kept} is kept`,
  "later-ack": (kept) => `the later acknowledgement wins, so ${kept} is kept`,
  "open-after-close": () =>
    "both are kept, but the close does not leave the item open, so check passes over it (lists it as not left open); if it must be done, `golive close --undo`, or close again naming it with --leave",
};

/** A conflict's name in a sentence: "go-live", "the project's name", "CLO-01". */
function conflictName(c: Conflict): string {
  if (c.kind === "go-live") return "go-live";
  if (c.kind === "project") return c.key === "name" ? "the project's name" : "the project's close";
  return safe(c.key);
}

/** Each side of a conflict: its value, and who set it when. */
function sidesOf(c: Conflict): Record<Side, { by?: string; at?: string }> {
  return c.kind === "item" ? c.item.sides : c.sides;
}

/** The keys in conflict, for a message: "CLO-01 (status), TES-11 (owner) and go-live". */
function conflictList(conflicts: readonly Conflict[]): string {
  const names = conflicts.map((c) =>
    c.kind === "item" ? `${safe(c.key)} (${c.item.fields.join(", ")})` : conflictName(c),
  );
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]!;
}

/** The merge left conflicts for a person: what, and what to do. */
export function conflictWords(
  shown: string,
  conflicts: readonly Conflict[],
): { message: string; hint: string } {
  const [only] = conflicts;
  if (conflicts.length === 1 && only?.kind === "go-live") {
    const { ours, theirs } = only.sides;
    return goLiveConflictWords(shown, String(ours.value), String(theirs.value));
  }
  return {
    message: `both sides changed ${conflictList(conflicts)} differently: golive does not choose for people, so ${shown} keeps ${conflicts.length > 1 ? "those entries" : "that entry"} between conflict markers (ours, then theirs); everything else is merged`,
    hint: itemConflictHint(conflicts.find((c) => c.kind === "item")?.key),
  };
}

/** A side's part of a conflict in words: what it holds of the fields in conflict. */
function sideCells(style: Style, c: Conflict, side: Side): string[][] {
  if (c.kind === "go-live") {
    return [["go-live", String(c.sides[side].value)]];
  }
  if (c.kind === "project") {
    const value = c.sides[side].value;
    if (c.key === "name") return [["name", oneLine(value)]];
    const closed = value as { on: string; reason?: string };
    return [["closed", `on ${closed.on}${closed.reason ? `: ${multiline(closed.reason)}` : ""}`]];
  }
  const taken = c.item.take[side];
  return c.item.fields.map((field) => {
    if (field === "status") {
      const status = statusLabel(style, taken.status ?? "todo");
      return [field, taken.reason ? `${status}: ${multiline(taken.reason)}` : status];
    }
    const value = (taken as Record<string, unknown>)[field];
    if (field === "waiver" && value !== undefined) {
      const w = value as { until: string; reason: string };
      return [field, `until ${w.until}: ${multiline(w.reason)}`];
    }
    // A note may have lines; any other text (an owner) is one line, as people gave it.
    return [
      field,
      field === "note" && typeof value === "string" ? multiline(value) : oneLine(value),
    ];
  });
}

/**
 * The conflicts side by side, one table each: the fields in conflict, what ours and theirs
 * hold, and who changed each side when.
 */
export function renderConflicts(
  style: Style,
  conflicts: readonly Conflict[],
  titles: ReadonlyMap<string, string> = new Map(),
): string {
  const c = style.chalk;
  const blocks = conflicts.map((conflict) => {
    const title = titles.get(conflict.key);
    const head =
      conflict.kind === "go-live"
        ? c.bold("go-live date")
        : conflict.kind === "project"
          ? c.bold(conflict.key === "name" ? "project name" : "project close")
          : `${c.bold(safe(conflict.key))}${title ? ` ${safe(title)}` : ""}`;
    const [ours, theirs] = [
      sideCells(style, conflict, "ours"),
      sideCells(style, conflict, "theirs"),
    ];
    const rows = ours.map(([field, value], i) => [field!, value!, theirs[i]![1]!]);
    const sides = sidesOf(conflict);
    rows.push(
      ["changed by", whoWhen(sides.ours), whoWhen(sides.theirs)].map((x, i) =>
        i === 0 ? x : safe(x),
      ),
    );
    const table = renderTable(
      style,
      [{ header: "" }, { header: "ours", wrap: true }, { header: "theirs", wrap: true }],
      rows,
    );
    return `${head}\n${table}`;
  });
  return blocks.join("\n");
}

/** The question a terminal asks for one conflict: the table, then ours or theirs. */
export function conflictQuestion(
  style: Style,
  conflict: Conflict,
  titles: ReadonlyMap<string, string>,
): string {
  return `${renderConflicts(style, [conflict], titles)}Keep which side of ${conflictName(conflict)}?`;
}

/** `golive resolve` settled the conflicts as chosen: what it took. */
export function renderChosen(
  style: Style,
  shown: string,
  operation: string | undefined,
  conflicts: readonly Conflict[],
  choices: ReadonlyMap<string, Side>,
): string {
  const c = style.chalk;
  const taken = conflicts.map((conflict) => {
    const side = choices.get(conflict.key) ?? "ours";
    const sides = sidesOf(conflict);
    const other =
      conflict.kind === "project"
        ? "the other side is not taken"
        : "the other side is in the item's history";
    return `  ${conflictName(conflict)}: ${side} (${safe(whoWhen(sides[side]))}); ${other}`;
  });
  return `${c.green("✓")} ${safe(shown)}: merged, with the sides you chose, and staged.\n${taken.join("\n")}\n${next(operation)}\n`;
}
