/**
 * Editing the state file: the YAML document is changed in place, so that comments survive and
 * one change touches as few lines as possible. Pure over a parsed document; writing it back,
 * under the lock, is state-update.ts.
 */
import {
  Document,
  isCollection,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Pair,
  Scalar,
  YAMLMap,
  YAMLSeq,
} from "yaml";
import type { Catalogue } from "../core/catalogue.js";
import { same } from "../core/compare.js";
import type { CatalogueItem } from "../schema/catalogue.js";
import { EVIDENCE_LINE_FORMAT, FIRST_FORMAT, type ItemState, type Slip } from "../schema/state.js";
import type { CatalogueRef } from "./catalogue.js";
import { evidenceNode, holdsEvidenceLine } from "./evidence-line.js";
import type { YamlFile } from "./yaml-file.js";

/** The order of an item's fields in the file. */
const ITEM_FIELDS = [
  "status",
  "owner",
  "note",
  "reason",
  "links",
  "waiver",
  "reminded",
  "by",
  "at",
  "evidence",
  "history",
] as const;

/**
 * The comment above an item's entry: its ID and title on one line, without control or
 * format characters (a title from a team's catalogue may hold any), which a comment line
 * would carry raw into every editor and terminal that shows golive.yaml.
 */
function itemComment(item: CatalogueItem): string {
  return ` ${item.id} ${item.title.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/g, " ")}`;
}

const HEADER = [
  " golive state file: who did what on the go-live checklist, and when.",
  " Edit it with the golive commands (`golive --help`); comments you add are kept.",
];

/** The text of a new state file: every item listed, todo, each under a comment with its title. */
export function newStateText(
  catalogue: Catalogue,
  ref: CatalogueRef,
  goLive: string,
  answers: Record<string, string> = {},
  name?: string,
): string {
  const doc = new Document({
    golive: FIRST_FORMAT,
    ...(name !== undefined ? { name } : {}),
    catalogue: catalogueRecord(catalogue, ref),
    goLive,
    settings: { weekendShift: true },
    ...(Object.keys(answers).length > 0 ? { answers } : {}),
    items: {},
  });
  doc.commentBefore = HEADER.join("\n");
  const items = doc.get("items") as YAMLMap;
  items.flow = false;
  for (const item of catalogue.items) {
    const key = new Scalar(item.id);
    key.commentBefore = itemComment(item);
    const value = new YAMLMap();
    value.flow = true;
    items.items.push(doc.createPair(key, value));
  }
  return doc.toString({ lineWidth: 0 });
}

/** What golive.yaml records of its catalogue: how it is named, and every version it is built from. */
export function catalogueRecord(catalogue: Catalogue, ref: CatalogueRef): Record<string, unknown> {
  return {
    ...ref,
    version: catalogue.file.version,
    ...(catalogue.bases.length > 0
      ? { extends: Object.fromEntries(catalogue.bases.map((b) => [b.name, b.version])) }
      : {}),
  };
}

/** Edits a parsed state document in place. */
export class StateEditor {
  changed = false;
  constructor(
    private readonly file: YamlFile,
    private catalogue: Catalogue,
  ) {}

  /** New entries go where `catalogue` puts them (golive upgrade moves to another catalogue). */
  follow(catalogue: Catalogue): void {
    this.catalogue = catalogue;
    this.order = undefined;
  }

  /** A new, untouched entry `{}` for the item, under its comment, in catalogue order. */
  addItem(item: CatalogueItem): void {
    this.replaceItem(item.id, {});
  }

  private itemsMap(): YAMLMap {
    const existing = this.file.doc.get("items", true);
    if (isMap(existing)) {
      existing.flow = false;
      return existing;
    }
    const map = new YAMLMap();
    this.file.doc.set("items", map);
    return map;
  }

  // Built on first use, so that editing many items of a large file stays linear.
  private pairs: Map<string, Pair<Scalar, unknown>> | undefined;
  private order: Map<string, number> | undefined;

  private pairOf(items: YAMLMap, key: string): Pair<Scalar, unknown> | undefined {
    if (!this.pairs) {
      this.pairs = new Map();
      for (const p of items.items) {
        if (isScalar(p.key)) this.pairs.set(String(p.key.value), p as Pair<Scalar, unknown>);
      }
    }
    return this.pairs.get(key);
  }

  /** Writes an item's state under `key` (the entry that already holds it, or its ID). */
  setItem(key: string, state: ItemState): void {
    const items = this.itemsMap();
    let pair = this.pairOf(items, key);
    if (!pair) {
      pair = this.insertPair(items, key);
      this.pairs?.set(key, pair);
    }
    const map = isMap(pair.value) ? pair.value : new YAMLMap();
    if (map.flow && map.comment) {
      // `ID: {} # remark` becomes a block: the remark goes on top of it, not below its fields.
      map.commentBefore = map.commentBefore ? `${map.commentBefore}\n${map.comment}` : map.comment;
      map.comment = undefined;
    }
    map.flow = false;
    pair.value = map;
    for (const field of ITEM_FIELDS) {
      const value = state[field];
      if (value === undefined) {
        map.delete(field);
      } else if (field === "history") {
        map.set(field, this.historyNode(map.get(field, true), state.history ?? []));
      } else if (field === "evidence" && state.evidence) {
        // One line per record, as JSON (io/evidence-line.ts); `toString` raises the format.
        map.set(field, evidenceNode(this.file.doc, map.get(field, true), state.evidence));
      } else if (typeof value === "object") {
        map.set(field, this.file.doc.createNode(value));
      } else if (map.get(field) !== value) {
        map.set(field, value);
      }
    }
    map.items.sort((a, b) => fieldRank(a.key) - fieldRank(b.key));
    this.changed = true;
  }

  /** Keeps the nodes of existing history entries (and their comments); appends new ones. */
  private historyNode(existing: unknown, entries: readonly object[]): YAMLSeq {
    const seq = isSeq(existing) ? existing : new YAMLSeq();
    seq.flow = false;
    for (let i = seq.items.length; i < entries.length; i++) {
      const node = this.file.doc.createNode(entries[i]);
      (node as YAMLMap).flow = true;
      seq.items.push(node);
    }
    return seq;
  }

  /** A new entry goes where the catalogue order puts it, under a comment with its title. */
  private insertPair(items: YAMLMap, key: string): Pair<Scalar, unknown> {
    this.order ??= new Map(this.catalogue.items.map((item, i) => [item.id, i]));
    const order = this.order;
    const rank = order.get(key) ?? Number.POSITIVE_INFINITY;
    const keyNode = new Scalar(key);
    const item = this.catalogue.items[rank];
    if (item) keyNode.commentBefore = itemComment(item);
    const pair = this.file.doc.createPair(keyNode, new YAMLMap()) as Pair<Scalar, unknown>;
    const at = items.items.findIndex((p) => {
      const other = isScalar(p.key) ? order.get(String(p.key.value)) : undefined;
      return other !== undefined && other > rank;
    });
    if (at === -1) items.items.push(pair);
    else items.items.splice(at, 0, pair);
    return pair;
  }

  /** Writes a whole item anew, its history in the order given, `{}` when it is empty. */
  replaceItem(key: string, state: ItemState): void {
    // Without history first, so the history list is rebuilt rather than appended to.
    this.setItem(key, { ...state, history: undefined });
    this.setItem(key, state);
    const node = this.itemsMap().get(key, true);
    if (isMap(node) && node.items.length === 0) node.flow = true;
  }

  /**
   * Moves the entry under `from` to the item's current ID, its value and comments kept; the
   * comment line above it names the item as the catalogue now does.
   */
  renameItem(from: string, item: CatalogueItem): void {
    const items = this.itemsMap();
    const pair = this.pairOf(items, from);
    if (!pair) return;
    const key = new Scalar(item.id);
    key.commentBefore = itemComment(item);
    pair.key = key;
    this.pairs?.delete(from);
    this.pairs?.set(item.id, pair);
    this.changed = true;
  }

  /** Removes the entry `key` of the items, with its comments. */
  removeItem(key: string): void {
    const items = this.file.doc.get("items", true);
    if (!isMap(items)) return;
    const at = items.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
    if (at < 0) return;
    items.items.splice(at, 1);
    this.pairs?.delete(key);
    this.changed = true;
  }

  /** Replaces the list of slips. */
  setSlips(slips: readonly Slip[]): void {
    this.file.doc.delete("slips");
    for (const slip of slips) this.addSlip(slip);
    this.changed = true;
  }

  /**
   * Sets a top-level key (`undefined` removes it). The nodes of the parts that stay are kept,
   * and so are their comments: a reviewed `verify.allow` entry keeps the note about its review.
   */
  setTop(key: string, value: unknown): void {
    const doc = this.file.doc;
    this.changed = true;
    if (value === undefined) {
      doc.delete(key);
      return;
    }
    const existing = doc.get(key, true);
    const node = this.reconcile(existing, value);
    if (existing !== undefined) {
      if (node !== existing) doc.set(key, node);
      return;
    }
    // A new key goes above the items, next to the other settings, not below a long list.
    const contents = doc.contents as YAMLMap;
    const pair = doc.createPair(key, node);
    const itemsAt = contents.items.findIndex((p) => isScalar(p.key) && p.key.value === "items");
    if (itemsAt === -1) contents.items.push(pair);
    else contents.items.splice(itemsAt, 0, pair);
  }

  /** `node` changed as little as it takes to hold `value`. */
  private reconcile(node: unknown, value: unknown): unknown {
    const doc = this.file.doc;
    if (isNode(node) && same(node.toJS(doc), value)) return node;
    if (isMap(node) && typeof value === "object" && value !== null && !Array.isArray(value)) {
      const entries = value as Record<string, unknown>;
      for (const pair of [...node.items]) {
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (entries[name] === undefined) node.delete(pair.key);
      }
      for (const [name, v] of Object.entries(entries)) {
        if (v === undefined) continue;
        const child = node.get(name, true);
        const next = this.reconcile(child, v);
        if (next !== child) node.set(name, next);
      }
      return node;
    }
    if (isSeq(node) && Array.isArray(value)) {
      const pool = [...node.items];
      // New entries take the style of the ones there, one line each when they are.
      const flow = pool.some((n) => isCollection(n) && n.flow);
      node.items = value.map((v) => {
        const at = pool.findIndex((n) => isNode(n) && same(n.toJS(doc), v));
        if (at >= 0) return pool.splice(at, 1)[0];
        const created = doc.createNode(v);
        if (isCollection(created)) created.flow = flow;
        return created;
      });
      return node;
    }
    return doc.createNode(value);
  }

  setGoLive(date: string): void {
    this.file.doc.set("goLive", date);
    this.changed = true;
  }

  addSlip(slip: Slip): void {
    const existing = this.file.doc.get("slips", true);
    const seq = isSeq(existing) ? existing : new YAMLSeq();
    seq.flow = false;
    const node = this.file.doc.createNode(slip) as YAMLMap;
    node.flow = true;
    seq.items.push(node);
    if (!isSeq(existing)) {
      // Slips sit above the items, next to the date they move.
      const contents = this.file.doc.contents as YAMLMap;
      const pair = this.file.doc.createPair("slips", seq);
      const itemsAt = contents.items.findIndex((p) => isScalar(p.key) && p.key.value === "items");
      if (itemsAt === -1) contents.items.push(pair);
      else contents.items.splice(itemsAt, 0, pair);
    }
    this.changed = true;
  }

  /** The format the file declares (`golive:`), as it stands. */
  format(): number | undefined {
    const declared = this.file.doc.get("golive");
    return typeof declared === "number" ? declared : undefined;
  }

  /**
   * The file's text. A file that holds an evidence line says format 2, however it came to hold
   * it (a record, a merge, a conflict resolved by hand that kept `golive: 1`): a golive of
   * format 1 then asks to be upgraded instead of calling the line a wrong field.
   */
  toString(): string {
    const declared = this.format();
    if (
      (declared === undefined || declared < EVIDENCE_LINE_FORMAT) &&
      holdsEvidenceLine(this.file.doc)
    )
      this.file.doc.set("golive", EVIDENCE_LINE_FORMAT);
    const text = this.file.doc.toString({ lineWidth: 0 });
    const withEol = this.file.eol === "\r\n" ? text.replace(/\r?\n/g, "\r\n") : text;
    return this.file.bom ? `\uFEFF${withEol}` : withEol;
  }
}

function fieldRank(key: unknown): number {
  const name = isScalar(key) ? String(key.value) : String(key);
  const rank = (ITEM_FIELDS as readonly string[]).indexOf(name);
  return rank === -1 ? ITEM_FIELDS.length : rank;
}
