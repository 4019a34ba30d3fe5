/**
 * What a change to golive.yaml does, in the terms a reviewer approves: items done, reopened or
 * blocked, waivers added, extended or withdrawn, owners changed, the go-live date moved,
 * answers changed (and the items they turn on or off), evidence recorded. Pure: two states and
 * the catalogue in, a list of changes out. Both states are read against the same catalogue
 * (the one golive.yaml names now), so a change of the catalogue itself is reported apart.
 */
import type {
  AllowEntry,
  Closed,
  Evidence,
  ItemState,
  StateData,
  Status,
  Waiver,
} from "../schema/state.js";
import { buildBoard, type ItemView } from "./board.js";
import type { Catalogue } from "./catalogue.js";
import { canonical, same } from "./compare.js";
import { type CalendarDate, compareDates } from "./dates.js";
import { lastWithdrawal } from "./transitions.js";

/** Who made a change and when, as golive.yaml records it. */
export interface Author {
  by?: string;
  at?: string;
}

export type ItemChange =
  | ({
      kind: "status";
      from: Status;
      to: Status;
      reason?: string;
      note?: string;
    } & Author)
  | ({ kind: "owner"; from?: string; to?: string } & Author)
  | ({ kind: "note"; from?: string; to?: string } & Author)
  | ({ kind: "reason"; from?: string; to?: string } & Author)
  | { kind: "history-removed"; count: number }
  | { kind: "waiver-added"; waiver: Waiver }
  | { kind: "waiver-extended" | "waiver-shortened" | "waiver-changed"; from: Waiver; to: Waiver }
  | ({ kind: "waiver-withdrawn"; waiver: Waiver; reason?: string } & Author)
  | { kind: "evidence"; from?: Evidence; to: Evidence }
  | { kind: "evidence-removed"; from: Evidence }
  | { kind: "links"; added: string[]; removed: string[] };

export interface ItemDiff {
  id: string;
  title: string;
  changes: ItemChange[];
}

export interface AnswerChange {
  question: string;
  /** The answer before (the catalogue's default when golive.yaml had none). */
  from: string;
  to: string;
  /** Items the new answer makes apply again, and items it rules out. */
  on: string[];
  off: string[];
}

export interface GoLiveChange {
  from: CalendarDate;
  to: CalendarDate;
  reason?: string;
  by?: string;
  at?: string;
}

export interface StateDiff {
  /** There was no golive.yaml at the base: every entry is new. */
  created: boolean;
  goLive?: GoLiveChange;
  answers: AnswerChange[];
  items: ItemDiff[];
  /** The catalogue golive.yaml names or its recorded version changed. */
  catalogue?: { from: string; to: string };
  /** Entries whose ID the catalogue does not know, added or removed by the change. */
  unknownEntries: { added: string[]; removed: string[] };
  /** The project's name changed (golive rename), with who and when when it was recorded. */
  name?: { from?: string; to?: string; by?: string; at?: string };
  /** The project was closed (golive close), or the close was taken back. */
  closed?: { kind: "closed"; closed: Closed } | { kind: "reopened"; was: Closed };
  /** `settings.weekendShift` turned (true when unset): due dates on a weekend move or not. */
  weekendShift?: { from: boolean; to: boolean };
  /**
   * Reviewed findings (`verify.allow`) added or removed: an entry silences `verify` and
   * `check --verify`, so a reviewer must see it.
   */
  allow: { added: AllowEntry[]; removed: AllowEntry[] };
  /** Other settings the change touched, by key: `probe`, `tracker`, `chat`. */
  settings: string[];
  /**
   * Records the change deletes: slips, renames and closes taken back that the base had.
   * golive only adds to them; an edit that removes one rewrites the project's history.
   */
  historyRemoved: { slips: number; renames: number; reopened: number };
}

/** A state with nothing recorded: what "before" means when golive.yaml is new. */
function emptyLike(head: StateData): StateData {
  return { golive: head.golive, catalogue: head.catalogue, goLive: head.goLive };
}

/** What changed from `base` (undefined: the file is new) to `head`. */
export function diffStates(
  catalogue: Catalogue,
  base: StateData | undefined,
  head: StateData,
  today: CalendarDate,
): StateDiff {
  const before = base ?? emptyLike(head);
  const was = buildBoard(catalogue, before, today);
  const now = buildBoard(catalogue, head, today);
  const items: ItemDiff[] = [];
  const answers = answerChanges(catalogue, before, head, was.items, now.items);
  for (const [i, after] of now.items.entries()) {
    const changes = itemChanges(was.items[i]!, after);
    if (changes.length > 0) items.push({ id: after.item.id, title: after.item.title, changes });
  }
  const diff: StateDiff = {
    created: base === undefined,
    answers,
    items,
    unknownEntries: {
      added: now.orphans.filter((k) => !was.orphans.includes(k)),
      removed: was.orphans.filter((k) => !now.orphans.includes(k)),
    },
    allow: {
      added: missing(allowOf(head), allowOf(before)),
      removed: missing(allowOf(before), allowOf(head)),
    },
    settings: (["probe", "tracker", "chat"] as const).filter((k) => !same(before[k], head[k])),
    historyRemoved: { slips: 0, renames: 0, reopened: 0 },
  };
  const gone = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
    missing(a ?? [], b ?? []).length;
  diff.historyRemoved = {
    slips: gone(before.slips, head.slips),
    renames: gone(before.renames, head.renames),
    reopened: gone(before.reopened, head.reopened),
  };
  const [shiftFrom, shiftTo] = [before, head].map((s) => s.settings?.weekendShift ?? true);
  if (shiftFrom !== shiftTo) diff.weekendShift = { from: shiftFrom!, to: shiftTo! };
  if (before.goLive !== head.goLive) diff.goLive = goLiveChange(before.goLive, head);
  if (base !== undefined && before.name !== head.name) {
    const rename = head.renames?.at(-1);
    const recorded = rename !== undefined && rename.to === head.name;
    diff.name = {
      ...(before.name !== undefined ? { from: before.name } : {}),
      ...(head.name !== undefined ? { to: head.name } : {}),
      ...(recorded && rename.by !== undefined ? { by: rename.by } : {}),
      ...(recorded && rename.at !== undefined ? { at: rename.at } : {}),
    };
  }
  if (head.closed && !same(before.closed, head.closed)) {
    diff.closed = { kind: "closed", closed: head.closed };
  } else if (before.closed && !head.closed) diff.closed = { kind: "reopened", was: before.closed };
  const from = catalogueName(before);
  const to = catalogueName(head);
  if (from !== to) diff.catalogue = { from, to };
  return diff;
}

/**
 * The entries of `list` that `other` does not hold, compared by their canonical text: linear,
 * as a history of thousands of entries (golive.yaml's 2 MiB) must not take minutes.
 */
function missing<T>(list: readonly T[], other: readonly T[]): T[] {
  const held = new Set(other.map(canonical));
  return list.filter((x) => !held.has(canonical(x)));
}

function allowOf(state: StateData): AllowEntry[] {
  return state.verify?.allow ?? [];
}

function catalogueName(state: StateData): string {
  const c = state.catalogue;
  const name = "name" in c ? c.name : c.path;
  return c.version === undefined ? name : `${name} ${c.version}`;
}

/** The slip golive.yaml recorded for the move, when the newest one describes it. */
function goLiveChange(from: CalendarDate, head: StateData): GoLiveChange {
  const slip = head.slips?.at(-1);
  const recorded = slip !== undefined && slip.from === from && slip.to === head.goLive;
  return {
    from,
    to: head.goLive,
    ...(recorded && slip.reason !== undefined ? { reason: slip.reason } : {}),
    ...(recorded && slip.by !== undefined ? { by: slip.by } : {}),
    ...(recorded && slip.at !== undefined ? { at: slip.at } : {}),
  };
}

function answerChanges(
  catalogue: Catalogue,
  before: StateData,
  head: StateData,
  was: readonly ItemView[],
  now: readonly ItemView[],
): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const q of catalogue.questions) {
    const from = answerOf(before, q.id) ?? q.default;
    const to = answerOf(head, q.id) ?? q.default;
    if (from === to) continue;
    const on: string[] = [];
    const off: string[] = [];
    for (const [i, view] of now.entries()) {
      const old = was[i]!;
      if (old.doesNotApply?.question === q.id && view.doesNotApply === undefined) {
        on.push(view.item.id);
      }
      if (view.doesNotApply?.question === q.id && old.doesNotApply === undefined) {
        off.push(view.item.id);
      }
    }
    changes.push({ question: q.id, from, to, on, off });
  }
  return changes;
}

/** An answer read as an own entry: a question ID is a name from a file, never a built-in. */
function answerOf(state: StateData, id: string): string | undefined {
  const answers = state.answers;
  return answers !== undefined && Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/** The item's status as a person set it: answers that rule it out are reported apart. */
function recordedStatus(view: ItemView): Status {
  return view.doesNotApply ? "todo" : view.status;
}

function author(state: ItemState): Author {
  return {
    ...(state.by !== undefined ? { by: state.by } : {}),
    ...(state.at !== undefined ? { at: state.at } : {}),
  };
}

function itemChanges(was: ItemView, now: ItemView): ItemChange[] {
  const a = was.state;
  const b = now.state;
  const by = author(b);
  const changes: ItemChange[] = [];
  const from = recordedStatus(was);
  const to = recordedStatus(now);
  if (from !== to) {
    changes.push({
      kind: "status",
      from,
      to,
      ...(b.reason !== undefined && !now.doesNotApply ? { reason: b.reason } : {}),
      ...(b.note !== undefined && b.note !== a.note ? { note: b.note } : {}),
      ...by,
    });
  } else {
    if (b.note !== a.note) {
      changes.push({ kind: "note", ...optional("from", a.note), ...optional("to", b.note), ...by });
    }
    // Why an item is blocked or not applicable is what a reviewer approves: a new reason for
    // the same status is a change too (an answer's reason is reported with the answer).
    if (b.reason !== a.reason && !now.doesNotApply && !was.doesNotApply) {
      changes.push({
        kind: "reason",
        ...optional("from", a.reason),
        ...optional("to", b.reason),
        ...by,
      });
    }
  }
  if (a.owner !== b.owner) {
    changes.push({
      kind: "owner",
      ...optional("from", a.owner),
      ...optional("to", b.owner),
      ...by,
    });
  }
  const waiver = waiverChange(a, b);
  if (waiver) changes.push(waiver);
  if (b.evidence !== undefined && !sameEvidence(a.evidence, b.evidence)) {
    changes.push({ kind: "evidence", ...optional("from", a.evidence), to: b.evidence });
  } else if (b.evidence === undefined && a.evidence !== undefined) {
    // golive's commands replace evidence, never remove it: an edit that does hides what the
    // checks saw (status lists a done item whose recorded evidence fails).
    changes.push({ kind: "evidence-removed", from: a.evidence });
  }
  const rewritten = missing(a.history ?? [], b.history ?? []);
  if (rewritten.length > 0) changes.push({ kind: "history-removed", count: rewritten.length });
  const linksBefore = a.links ?? [];
  const linksAfter = b.links ?? [];
  const added = linksAfter.filter((l) => !linksBefore.includes(l));
  const removed = linksBefore.filter((l) => !linksAfter.includes(l));
  if (added.length > 0 || removed.length > 0) changes.push({ kind: "links", added, removed });
  return changes;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function waiverChange(a: ItemState, b: ItemState): ItemChange | undefined {
  const from = a.waiver;
  const to = b.waiver;
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) return { kind: "waiver-added", waiver: to! };
  if (to === undefined) {
    // `golive unwaive` recorded who withdrew it, when and why; a hand edit did not.
    const withdrawal = lastWithdrawal(b);
    return {
      kind: "waiver-withdrawn",
      waiver: from,
      ...(withdrawal ? { ...author(withdrawal), reason: withdrawal.unwaived! } : author(b)),
    };
  }
  if (sameWaiver(from, to)) return undefined;
  const order = compareDates(to.until, from.until);
  const kind = order > 0 ? "waiver-extended" : order < 0 ? "waiver-shortened" : "waiver-changed";
  return { kind, from, to };
}

function sameWaiver(a: Waiver, b: Waiver): boolean {
  return a.until === b.until && a.reason === b.reason && a.approver === b.approver && a.by === b.by;
}

function sameEvidence(a: Evidence | undefined, b: Evidence): boolean {
  return a !== undefined && a.at === b.at && a.result === b.result && a.code === b.code;
}

/** Nothing a reviewer would read changed. */
export function isEmptyDiff(diff: StateDiff): boolean {
  return (
    !diff.created &&
    diff.goLive === undefined &&
    diff.name === undefined &&
    diff.closed === undefined &&
    diff.catalogue === undefined &&
    diff.answers.length === 0 &&
    diff.items.length === 0 &&
    diff.unknownEntries.added.length === 0 &&
    diff.unknownEntries.removed.length === 0 &&
    diff.weekendShift === undefined &&
    diff.allow.added.length === 0 &&
    diff.allow.removed.length === 0 &&
    diff.settings.length === 0 &&
    Object.values(diff.historyRemoved).every((n) => n === 0)
  );
}
