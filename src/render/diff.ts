/**
 * `golive diff`: a change to golive.yaml in people's words, for a terminal, a pull-request
 * comment (Markdown) and scripts (JSON). One wording for every format: `describe` takes the
 * format's escaper for what people wrote.
 */
import { type ItemChange, isEmptyDiff, type StateDiff } from "../core/diff.js";
import type { AllowEntry, Status } from "../schema/state.js";
import {
  projectClosedWords as closedLine,
  humanDay as day,
  goLiveMovedWords as goLiveLine,
  projectRenamedWords as nameLine,
  whoWords as who,
} from "./identity.js";
import { REPORT_VERSION, renderJson } from "./json.js";
import { mdCell, mdText } from "./markdown.js";
import { multiline, plural, type Style, safe } from "./text.js";
import { evidenceSummary } from "./verify-words.js";

/** Where the change is measured from: the ref as given and the commit it named. */
export interface DiffBase {
  ref: string;
  commit: string;
  /** The state file's path from the repository's root, as git names it. */
  path: string;
}

type Escape = (text: string) => string;

const STATUS_WORD: Record<Status, string> = {
  todo: "to do",
  "in-progress": "in progress",
  blocked: "blocked",
  done: "done",
  "not-applicable": "not applicable",
};

/**
 * What a status change means to a reviewer: "done", "reopened", "blocked", "unblocked". An item
 * done (or not applicable) that is now blocked says so: "blocked (was done)".
 */
export function statusVerb(from: Status, to: Status): string {
  if (to === "done") return "done";
  if (to === "blocked")
    return from === "done" || from === "not-applicable"
      ? `blocked (was ${STATUS_WORD[from]})`
      : "blocked";
  if (to === "not-applicable") return "marked not applicable";
  if (from === "done" || from === "not-applicable") return `reopened (${STATUS_WORD[to]})`;
  if (from === "blocked") return `unblocked (${STATUS_WORD[to]})`;
  return to === "in-progress" ? "started" : `back to ${STATUS_WORD[to]}`;
}

/** "until D by APPROVER (recorded by BY on AT): reason", the approver first: it is their risk. */
function waiverWords(
  w: { until: string; reason: string; approver?: string; by?: string; at?: string },
  esc: Escape,
): string {
  const recorded = who(w.by, w.at, esc);
  const by =
    w.approver !== undefined
      ? ` by ${esc(w.approver)}${recorded !== "" ? ` (recorded${recorded})` : ""}`
      : recorded;
  return `until ${day(w.until)}${by}: ${esc(w.reason)}`;
}

/** One change of an item in words; `esc` escapes what people wrote for the format. */
export function describe(change: ItemChange, esc: Escape): string {
  switch (change.kind) {
    case "status": {
      const reason = change.reason !== undefined ? `: ${esc(change.reason)}` : "";
      const note = change.note !== undefined ? ` (note: ${esc(change.note)})` : "";
      return `${statusVerb(change.from, change.to)}${who(change.by, change.at, esc)}${reason}${note}`;
    }
    case "owner":
      if (change.to === undefined)
        return `owner ${esc(change.from ?? "")} removed${who(change.by, change.at, esc)}`;
      return change.from === undefined
        ? `owner set to ${esc(change.to)}${who(change.by, change.at, esc)}`
        : `owner changed from ${esc(change.from)} to ${esc(change.to)}${who(change.by, change.at, esc)}`;
    case "note":
      return change.to === undefined
        ? `note removed${who(change.by, change.at, esc)}`
        : `note${who(change.by, change.at, esc)}: ${esc(change.to)}`;
    case "waiver-added":
      return `waived ${waiverWords(change.waiver, esc)}`;
    case "waiver-extended":
    case "waiver-shortened":
    case "waiver-changed": {
      const verb =
        change.kind === "waiver-extended"
          ? `waiver extended from ${day(change.from.until)}`
          : change.kind === "waiver-shortened"
            ? `waiver shortened from ${day(change.from.until)}`
            : "waiver changed";
      return `${verb} ${waiverWords(change.to, esc)}`;
    }
    case "waiver-withdrawn":
      return `waiver withdrawn${who(change.by, change.at, esc)}${change.reason !== undefined ? `: ${esc(change.reason)}` : ""} (it held ${waiverWords(change.waiver, esc)})`;
    case "evidence": {
      const before = change.from !== undefined ? ` (was ${change.from.result})` : "";
      return `evidence recorded on ${day(change.to.at)}: ${change.to.result}${before}, ${esc(evidenceSummary(change.to))}`;
    }
    case "reason":
      return change.to === undefined
        ? `reason removed${who(change.by, change.at, esc)}`
        : `reason${who(change.by, change.at, esc)}: ${esc(change.to)}${change.from !== undefined ? ` (was: ${esc(change.from)})` : ""}`;
    case "history-removed":
      return `${change.count === 1 ? "1 history entry" : `${change.count} history entries`} removed or rewritten (golive only adds to the history)`;
    case "evidence-removed":
      return `evidence removed (it said ${change.from.result} on ${day(change.from.at)}: ${esc(evidenceSummary(change.from))})`;
    case "links": {
      const parts = [
        change.added.length > 0 ? `linked ${change.added.map(esc).join(", ")}` : "",
        change.removed.length > 0 ? `unlinked ${change.removed.map(esc).join(", ")}` : "",
      ];
      return parts.filter((p) => p !== "").join("; ");
    }
  }
}

/** A one-line count of what the change does, for the heading and the job summary. */
export function diffSummary(diff: StateDiff): string {
  if (isEmptyDiff(diff)) return "no change to the checklist";
  const count = (test: (c: ItemChange) => boolean) =>
    diff.items.reduce((n, item) => n + item.changes.filter(test).length, 0);
  const status = (to: Status) => (c: ItemChange) => c.kind === "status" && c.to === to;
  // Each status change once, in the bucket of where the item is now: done to blocked is
  // blocked (its line says it was done), not also reopened.
  const parts: [number, string][] = [
    [count(status("done")), "done"],
    [
      count(
        (c) =>
          c.kind === "status" &&
          (c.from === "done" || c.from === "not-applicable") &&
          c.to !== "done" &&
          c.to !== "blocked",
      ),
      "reopened",
    ],
    [count(status("blocked")), "blocked"],
    [count((c) => c.kind === "waiver-added"), "waived"],
    [count((c) => c.kind === "waiver-extended"), "waiver extended"],
    [count((c) => c.kind === "waiver-withdrawn"), "waiver withdrawn"],
    [count((c) => c.kind === "owner"), "owner changed"],
    [count((c) => c.kind === "evidence"), "evidence recorded"],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  if (diff.goLive) said.unshift(`go-live moved to ${day(diff.goLive.to)}`);
  if (diff.closed)
    said.unshift(diff.closed.kind === "closed" ? "project closed" : "project reopened");
  if (diff.name) said.unshift("project renamed");
  if (diff.answers.length > 0) said.push(`${plural(diff.answers.length, "answer")} changed`);
  const { added: allowAdded, removed: allowRemoved } = diff.allow;
  if (allowAdded.length + allowRemoved.length > 0) {
    said.push(`verify.allow: ${allowAdded.length} added, ${allowRemoved.length} removed`);
  }
  if (diff.weekendShift) said.push("weekend shift turned");
  if (diff.settings.length > 0) said.push(`settings changed (${diff.settings.join(", ")})`);
  if (Object.values(diff.historyRemoved).some((n) => n > 0)) said.push("project history rewritten");
  const rewritten = count((c) => c.kind === "history-removed");
  if (rewritten > 0) said.push(`history of ${plural(rewritten, "item")} rewritten`);
  if (said.length === 0) said.push(`${plural(diff.items.length, "item")} changed`);
  return said.join(", ");
}

/** "tests/key.pem line 4 matching KEY: test key", what an allow entry silences and why. */
function allowWords(e: AllowEntry, esc: Escape): string {
  const line = e.line !== undefined ? ` line ${e.line}` : "";
  const pattern = e.pattern !== undefined ? ` matching ${esc(e.pattern)}` : "";
  return `${esc(e.path)}${line}${pattern}: ${esc(e.reason)}`;
}

/** The settings lines both formats share, each escaped by the format's `esc`. */
function settingLines(diff: StateDiff, esc: Escape): string[] {
  const lines: string[] = [];
  if (diff.weekendShift) {
    lines.push(
      diff.weekendShift.to
        ? "weekend shift turned on: due dates on a weekend move to the Friday before"
        : "weekend shift turned off: due dates on a weekend stay there",
    );
  }
  for (const e of diff.allow.added) {
    lines.push(
      `verify.allow added (verify and check --verify no longer report it): ${allowWords(e, esc)}`,
    );
  }
  for (const e of diff.allow.removed) lines.push(`verify.allow removed: ${allowWords(e, esc)}`);
  if (diff.settings.length > 0) lines.push(`settings changed: ${diff.settings.join(", ")}`);
  const { slips, renames, reopened } = diff.historyRemoved;
  const gone = [
    slips > 0 ? plural(slips, "go-live move") : "",
    renames > 0 ? plural(renames, "rename") : "",
    reopened > 0 ? (reopened === 1 ? "1 close taken back" : `${reopened} closes taken back`) : "",
  ].filter((p) => p !== "");
  if (gone.length > 0) {
    lines.push(`removed or rewritten from the project's history: ${gone.join(", ")}`);
  }
  return lines;
}

function answerLine(a: StateDiff["answers"][number], esc: Escape): string {
  const effect = [
    a.on.length > 0 ? `turns on ${a.on.join(", ")}` : "",
    a.off.length > 0 ? `rules out ${a.off.join(", ")}` : "",
  ].filter((p) => p !== "");
  return `${esc(a.question)}: ${esc(a.from)} → ${esc(a.to)}${effect.length > 0 ? ` (${effect.join("; ")})` : ""}`;
}

function baseWords(base: DiffBase): string {
  const short = base.commit.slice(0, 7);
  return base.ref === base.commit || base.ref.startsWith(short) ? short : `${base.ref} (${short})`;
}

export function renderDiffText(style: Style, diff: StateDiff, base: DiffBase): string {
  const c = style.chalk;
  const esc = (t: string) => multiline(t);
  const lines = [
    `${c.bold(`${safe(base.path)} since ${safe(baseWords(base))}`)}: ${diffSummary(diff)}`,
  ];
  if (diff.created) lines.push(`  ${safe(base.path)} is new in this change`);
  if (diff.catalogue) {
    lines.push(`  catalogue: ${safe(diff.catalogue.from)} → ${safe(diff.catalogue.to)}`);
  }
  if (diff.name) lines.push(`  ${nameLine(diff.name, esc)}`);
  if (diff.closed) lines.push(`  ${closedLine(diff.closed, esc)}`);
  if (diff.goLive) lines.push(`  ${goLiveLine(diff.goLive, esc)}`);
  for (const a of diff.answers) lines.push(`  answer ${answerLine(a, esc)}`);
  for (const l of settingLines(diff, (t) => safe(t))) lines.push(`  ${l}`);
  for (const item of diff.items) {
    lines.push(`  ${c.bold(item.id)}  ${safe(item.title)}`);
    for (const change of item.changes) {
      lines.push(`    ${describe(change, esc).replace(/\n/g, "\n      ")}`);
    }
  }
  const { added, removed } = diff.unknownEntries;
  if (added.length > 0)
    lines.push(`  entries no catalogue item has, added: ${added.map(safe).join(", ")}`);
  if (removed.length > 0)
    lines.push(`  entries no catalogue item has, removed: ${removed.map(safe).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** Markdown for a pull-request comment or the job summary: a heading and one list. */
export function renderDiffMarkdown(diff: StateDiff, base: DiffBase): string {
  const esc = mdText;
  const lines = [
    `### ${mdCell(base.path)}: ${mdCell(diffSummary(diff))}`,
    "",
    `Compared with \`${mdCell(baseWords(base)).replace(/`/g, "")}\`.`,
    "",
  ];
  if (diff.created) lines.push(`- ${mdCell(base.path)} is new in this change`);
  if (diff.catalogue) {
    lines.push(`- Catalogue: ${esc(diff.catalogue.from)} → ${esc(diff.catalogue.to)}`);
  }
  // The lines escape what people wrote themselves (mdText): escaping them again would show
  // the backslashes.
  if (diff.name) lines.push(`- **${nameLine(diff.name, esc)}**`);
  if (diff.closed) lines.push(`- **${closedLine(diff.closed, esc)}**`);
  if (diff.goLive) lines.push(`- **${mdCell(goLiveLine(diff.goLive, esc))}**`);
  for (const a of diff.answers) lines.push(`- Answer ${answerLine(a, esc)}`);
  for (const l of settingLines(diff, esc)) lines.push(`- **${l}**`);
  for (const item of diff.items) {
    const said = item.changes.map((change) => describe(change, esc));
    if (said.length === 1) lines.push(`- **${item.id}** ${mdCell(item.title)}: ${said[0]}`);
    else {
      lines.push(`- **${item.id}** ${mdCell(item.title)}:`);
      for (const s of said) lines.push(`  - ${s}`);
    }
  }
  const { added, removed } = diff.unknownEntries;
  if (added.length > 0)
    lines.push(`- Entries no catalogue item has, added: ${added.map(esc).join(", ")}`);
  if (removed.length > 0)
    lines.push(`- Entries no catalogue item has, removed: ${removed.map(esc).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

export function renderDiffJson(diff: StateDiff, base: DiffBase, today: string): string {
  return renderJson({
    version: REPORT_VERSION,
    command: "diff",
    today,
    base: { ref: base.ref, commit: base.commit, path: base.path },
    summary: diffSummary(diff),
    empty: isEmptyDiff(diff),
    created: diff.created,
    goLive: diff.goLive ?? null,
    name: diff.name ?? null,
    closed: diff.closed ?? null,
    catalogue: diff.catalogue ?? null,
    answers: diff.answers,
    items: diff.items,
    unknownEntries: diff.unknownEntries,
    weekendShift: diff.weekendShift ?? null,
    allow: diff.allow,
    settings: diff.settings,
    historyRemoved: diff.historyRemoved,
  });
}
