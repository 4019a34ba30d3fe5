/**
 * The board: every item with its window, its state and what that means today.
 * Pure: catalogue, state and today in; data out. Every read command renders a board.
 */
import type { CatalogueItem, Category, Phase } from "../schema/catalogue.js";
import type { ItemState, StateData, Status, Waiver } from "../schema/state.js";
import type { Catalogue } from "./catalogue.js";
import { type CalendarDate, daysBetween } from "./dates.js";
import { type Life, lifeOf, projectTitle } from "./identity.js";
import { idKey } from "./ids.js";
import { type TicketLink, ticketLinks } from "./links.js";
import { own } from "./own.js";
import { type ItemWindow, type PhaseWindow, schedule } from "./schedule.js";

export interface ItemView {
  item: CatalogueItem;
  phase: Phase;
  category: Category;
  window: ItemWindow;
  state: ItemState;
  status: Status;
  /** Not done and not applicable: still work to do. */
  open: boolean;
  /** Open and past its due date. */
  late: boolean;
  /** Open, with a waiver that holds today. */
  waived: boolean;
  /**
   * Late, and what the CI gate fails on with its default policy: not waived (an expired waiver
   * no longer counts), not optional, and the project not closed. The one meaning of "overdue"
   * in every view; late items that are waived or optional are shown under those names.
   */
  overdue: boolean;
  /** Days from today to the due date: negative when overdue. */
  daysUntilDue: number;
  /**
   * The answer that makes the item not apply, when it does not and nobody set its status by
   * hand: the item counts as not applicable, with the reason "does not apply: ID = answer".
   */
  doesNotApply?: { question: string; answer: string };
  /** Tracker references (golive link), each with the URL it opens. */
  tickets: TicketLink[];
}

export interface Progress {
  total: number;
  /** Done or not applicable. */
  closed: number;
  done: number;
  notApplicable: number;
  inProgress: number;
  blocked: number;
  /** Items that are `overdue` (see ItemView): the number the gate fails on. */
  overdue: number;
}

export interface PhaseView {
  phase: PhaseWindow;
  progress: Progress;
}

export interface Board {
  today: CalendarDate;
  goLive: CalendarDate;
  /** The project's name (golive.yaml's `name`), when it has one. */
  name?: string;
  /** The title of every view: the name before the catalogue's title (core/identity.ts). */
  title: string;
  /** Planning, live from go-live day, or closed (golive close). */
  life: Life;
  /** Days from today to go-live: negative after it. */
  daysToGoLive: number;
  items: ItemView[];
  phases: PhaseView[];
  progress: Progress;
  /** State entries whose ID the catalogue does not have: kept, reported, never dropped. */
  orphans: string[];
  /** State entries that name the same item twice (an ID and its alias). */
  duplicates: string[];
  /** The catalogue version golive.yaml was started with, when the catalogue has changed since. */
  catalogueChanged?: { recorded: string; current: string; name?: string };
}

export interface StateIndex {
  /** The state key that holds each catalogue item, by item ID. */
  keyOf: Map<string, string>;
  orphans: string[];
  duplicates: string[];
}

/** Matches state entries to catalogue items, the way IDs are matched on the command line. */
export function indexState(catalogue: Catalogue, state: StateData): StateIndex {
  const keyOf = new Map<string, string>();
  const orphans: string[] = [];
  const duplicates: string[] = [];
  for (const key of Object.keys(state.items ?? {})) {
    const lookup = idKey(key);
    const item = lookup === undefined ? undefined : catalogue.byKey.get(lookup);
    if (!item) {
      orphans.push(key);
      continue;
    }
    const held = keyOf.get(item.id);
    // The entry spelled like the current ID wins over one under a former ID.
    if (held === undefined || key === item.id) {
      if (held !== undefined) duplicates.push(held);
      keyOf.set(item.id, key);
    } else {
      duplicates.push(key);
    }
  }
  return { keyOf, orphans, duplicates };
}

/** A waiver holds through its `until` day and expires the day after. */
export function waiverExpired(waiver: Waiver, today: CalendarDate): boolean {
  return today > waiver.until;
}

export function emptyProgress(): Progress {
  return { total: 0, closed: 0, done: 0, notApplicable: 0, inProgress: 0, blocked: 0, overdue: 0 };
}

function count(progress: Progress, view: ItemView): void {
  progress.total++;
  if (view.status === "done") progress.done++;
  if (view.status === "not-applicable") progress.notApplicable++;
  if (view.status === "in-progress") progress.inProgress++;
  if (view.status === "blocked") progress.blocked++;
  if (!view.open) progress.closed++;
  if (view.overdue) progress.overdue++;
}

/** Progress over `items`, overall and per phase. */
export function tally(
  phases: readonly PhaseWindow[],
  items: readonly ItemView[],
): { progress: Progress; phases: PhaseView[] } {
  const perPhase = new Map(phases.map((p) => [p.id, emptyProgress()]));
  const progress = emptyProgress();
  for (const view of items) {
    count(progress, view);
    const phase = perPhase.get(view.phase.id);
    if (phase) count(phase, view);
  }
  return {
    progress,
    phases: phases.map((phase) => ({ phase, progress: perPhase.get(phase.id)! })),
  };
}

/** The board as seen through a filter: progress counts only `items`, phases without any go. */
export function scopeBoard(board: Board, items: ItemView[]): Board {
  if (items.length === board.items.length) return board;
  const scoped = tally(
    board.phases.map((p) => p.phase),
    items,
  );
  return { ...board, ...scoped, phases: scoped.phases.filter((p) => p.progress.total > 0) };
}

export function buildBoard(catalogue: Catalogue, state: StateData, today: CalendarDate): Board {
  const plan = schedule(catalogue, state.goLive, { weekendShift: state.settings?.weekendShift });
  const index = indexState(catalogue, state);
  const entries = state.items ?? {};
  const answers = answersOf(catalogue, state);
  const life = lifeOf(state, today);
  // A closed project has nothing overdue: what was open was left (golive close), in every view.
  const closed = life.phase === "closed";
  const items: ItemView[] = [];
  for (const item of catalogue.items) {
    const key = index.keyOf.get(item.id);
    const recorded = (key === undefined ? undefined : own(entries, key)) ?? {};
    // A status set by hand wins over the answers: the team knows its project best.
    const doesNotApply = recorded.status === undefined ? unmetCondition(item, answers) : undefined;
    const itemState: ItemState = doesNotApply
      ? {
          ...recorded,
          status: "not-applicable",
          reason: `does not apply: ${doesNotApply.question} = ${doesNotApply.answer}`,
        }
      : recorded;
    const status = itemState.status ?? "todo";
    const window = plan.items.get(item.id)!;
    const open = status !== "done" && status !== "not-applicable";
    const daysUntilDue = daysBetween(today, window.due);
    const late = open && daysUntilDue < 0;
    const waived =
      open && itemState.waiver !== undefined && !waiverExpired(itemState.waiver, today);
    const view: ItemView = {
      item,
      phase: catalogue.phaseById.get(item.phase)!,
      category: catalogue.categoryById.get(item.category)!,
      window,
      state: itemState,
      status,
      open,
      late,
      waived,
      overdue: late && !waived && item.optional !== true && !closed,
      daysUntilDue,
      ...(doesNotApply ? { doesNotApply } : {}),
      tickets: ticketLinks(itemState.links, state.tracker?.jira),
    };
    items.push(view);
  }
  return {
    today,
    goLive: state.goLive,
    ...(state.name !== undefined ? { name: state.name } : {}),
    title: projectTitle(state.name, catalogue.file.title),
    life,
    daysToGoLive: daysBetween(today, state.goLive),
    items,
    ...tally(plan.phases, items),
    orphans: index.orphans,
    duplicates: index.duplicates,
    ...catalogueChange(catalogue, state),
  };
}

/** The first catalogue whose version differs from the one golive.yaml recorded. */
function catalogueChange(catalogue: Catalogue, state: StateData): Pick<Board, "catalogueChanged"> {
  const recorded = state.catalogue.version;
  if (recorded !== undefined && recorded !== catalogue.file.version) {
    return { catalogueChanged: { recorded, current: catalogue.file.version } };
  }
  for (const base of catalogue.bases) {
    const was = own(state.catalogue.extends, base.name);
    if (was !== undefined && was !== base.version) {
      return { catalogueChanged: { recorded: was, current: base.version, name: base.name } };
    }
  }
  return {};
}

/** Every question's answer: the team's from golive.yaml, else the catalogue's default. */
export function answersOf(catalogue: Catalogue, state: StateData): Map<string, string> {
  return new Map(
    catalogue.questions.map((q) => [q.id, own(state.answers, q.id) ?? q.default] as const),
  );
}

/** The first of an item's conditions the answers do not meet, if any. */
export function unmetCondition(
  item: CatalogueItem,
  answers: ReadonlyMap<string, string>,
): { question: string; answer: string } | undefined {
  for (const [question, wanted] of Object.entries(item.appliesWhen ?? {})) {
    const answer = answers.get(question);
    if (answer === undefined) continue;
    const accepted = typeof wanted === "string" ? [wanted] : wanted;
    if (!accepted.includes(answer)) return { question, answer };
  }
  return undefined;
}
