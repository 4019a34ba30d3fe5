/**
 * Comments in a merge of the state file: the merge is written into ours' document, so ours'
 * comments are there already; this carries over what theirs added, changed or removed since
 * the base, at the place it sits (above an item, after a field, on a history entry), so that
 * both sides' comments survive whichever branch is merged into which.
 */
import { type Document, isMap, isNode, isScalar, isSeq, type Node } from "yaml";
import { canonical } from "../core/compare.js";

/** A place a comment can sit, read and written. */
interface Slot {
  get: () => string | undefined;
  set: (text: string | undefined) => void;
}

type Commented = { commentBefore?: string | null; comment?: string | null };

function slot(node: Commented, which: "commentBefore" | "comment"): Slot {
  return {
    get: () => node[which] ?? undefined,
    set: (text) => {
      node[which] = text;
    },
  };
}

/**
 * Every comment place of a document by its path: map entries by key, list entries by their
 * value (a history entry is the same entry in every version, wherever the merge puts it).
 */
function slotsOf(doc: Document): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  slots.set("#before", slot(doc, "commentBefore"));
  slots.set("#after", slot(doc, "comment"));
  const node = (n: unknown, path: string) => {
    if (!isNode(n)) return;
    slots.set(`${path}#before`, slot(n, "commentBefore"));
    slots.set(`${path}#after`, slot(n, "comment"));
    walk(n, path);
  };
  const walk = (n: Node, path: string) => {
    if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const at = `${path}/${JSON.stringify(key)}`;
        if (isNode(pair.key)) {
          slots.set(`${at}#key-before`, slot(pair.key, "commentBefore"));
          slots.set(`${at}#key-after`, slot(pair.key, "comment"));
        }
        node(pair.value, at);
      }
    } else if (isSeq(n)) {
      const seen = new Map<string, number>();
      for (const entry of n.items) {
        const value = canonical(isNode(entry) ? entry.toJS(doc) : entry);
        const count = (seen.get(value) ?? 0) + 1;
        seen.set(value, count);
        node(entry, `${path}/[${value}]${count > 1 ? `#${count}` : ""}`);
      }
    }
  };
  node(doc.contents, "");
  return slots;
}

/**
 * A comment both sides may have changed, line by line: a line either side removed goes, a
 * line either side added stays. One side's lines, then the other's new lines before the line
 * that follows them there; which side is first goes by the texts themselves, never by which
 * is ours, so that the merge reads the same in both directions.
 */
export function mergeCommentText(
  base: string | undefined,
  ours: string | undefined,
  theirs: string | undefined,
): string | undefined {
  if (ours === theirs || theirs === base) return ours;
  if (ours === base) return theirs;
  const lines = (text: string | undefined) => (text === undefined ? [] : text.split("\n"));
  const [first, second] = (ours ?? "") <= (theirs ?? "") ? [ours, theirs] : [theirs, ours];
  const [b, t] = [lines(base), lines(second)];
  const result = lines(first).filter((line) => !b.includes(line) || t.includes(line));
  t.forEach((line, i) => {
    if (b.includes(line) || result.includes(line)) return;
    const next = t.slice(i + 1).find((l) => result.includes(l));
    const at = next === undefined ? result.length : result.indexOf(next);
    result.splice(at, 0, line);
  });
  return result.length > 0 ? result.join("\n") : undefined;
}

/**
 * Sets in `result` (ours' document, edited to hold the merge) every comment the three-way
 * merge of the comments gives and ours does not hold. A comment whose place the merge
 * dropped goes with it.
 */
export function mergeComments(
  result: Document,
  base: Document,
  ours: Document,
  theirs: Document,
): void {
  const [sb, so, st] = [slotsOf(base), slotsOf(ours), slotsOf(theirs)];
  const target = slotsOf(result);
  for (const [path, place] of st) {
    const o = so.get(path)?.get();
    const merged = mergeCommentText(sb.get(path)?.get(), o, place.get());
    if (merged !== o) target.get(path)?.set(merged);
  }
}
