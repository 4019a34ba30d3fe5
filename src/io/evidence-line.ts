/**
 * Recorded evidence as golive.yaml holds it: one line of JSON in a single-quoted YAML string,
 * `evidence: '{"result":"fail","code":"robots-missing",...}'`. Every `status` reads the whole
 * file, and the yaml library spends about a millisecond on each evidence line written as a
 * YAML mapping, cold: a shop that records 20 items paid a tenth of `status`'s time for it. As
 * one string each, the yaml library reads the same lines in a tenth of that, and `JSON.parse`
 * adds little.
 *
 * Evidence written as a YAML mapping, as earlier versions of golive wrote it, is still read,
 * and keeps its line until the evidence itself changes.
 */
import { type Document, isAlias, isMap, isScalar, Scalar } from "yaml";
import { same } from "../core/compare.js";
import { unicodeEscape } from "../core/escape.js";
import { GoliveError } from "../errors.js";
import { formatPath } from "../schema/issues.js";
import { locate, type YamlFile } from "./yaml-file.js";

/**
 * Longer evidence is refused unread. Its arguments (cut to the schema's bound, every character
 * escaped) make at most about 360 KiB, and golive records inputs only in a line of at most
 * 16 KiB (work/evidence.ts).
 */
const MAX_EVIDENCE_TEXT = 1024 * 1024;

// The fields in one order, whichever command built the record (verify, probe, the merge
// driver, which gets them in the schema's order): the same record is the same line, and two
// branches that record it do not conflict in a merge without the driver.
const FIELDS = ["result", "code", "args", "more", "at", "summary", "source", "inputs"];
const ARGS = ["file", "line", "subject", "found", "expected"];

/** `value`'s defined fields, `order`'s first; entries, so that no key can set a prototype. */
function ordered(value: object, order: readonly string[]): Record<string, unknown> {
  const fields = Object.entries(value).filter(([, v]) => v !== undefined);
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.fromEntries(fields.sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * Evidence as the one line golive writes: JSON, fields in one order, every character outside
 * printable ASCII escaped (`\u00fc`), so that the line holds no control, format or
 * bidirectional character, whatever file name or host a shop gave the finding, and single
 * quotes can always hold it.
 */
export function evidenceLine(evidence: object): string {
  const record = ordered(evidence, FIELDS);
  const args = record.args;
  if (typeof args === "object" && args !== null) record.args = ordered(args, ARGS);
  return JSON.stringify(record).replace(/[^\u0020-\u007e]/g, unicodeEscape);
}

/** Whether an item's evidence in `doc` is a line (a string), not a YAML mapping. */
export function holdsEvidenceLine(doc: Document): boolean {
  // An alias (`*a`) stands for the node it names: the line may be reached through one.
  const node = (value: unknown) => (isAlias(value) ? value.resolve(doc) : value);
  const items = doc.get("items", true);
  if (!isMap(items)) return false;
  return items.items.some((pair) => {
    const entry = node(pair.value);
    const evidence = isMap(entry) ? node(entry.get("evidence", true)) : undefined;
    return isScalar(evidence) && typeof evidence.value === "string";
  });
}

/**
 * The node golive writes for an item's evidence: `existing` itself when it already says the
 * same (one change touches as few lines as possible), else a new single-quoted line.
 */
export function evidenceNode(doc: Document, existing: unknown, evidence: object): unknown {
  if (isMap(existing) && same(existing.toJS(doc), evidence)) return existing;
  if (isScalar(existing) && typeof existing.value === "string") {
    try {
      if (same(JSON.parse(existing.value), evidence)) return existing;
    } catch {
      // Not JSON: replaced below.
    }
  }
  const node = new Scalar(evidenceLine(evidence));
  node.type = "QUOTE_SINGLE";
  return node;
}

/** Deeper JSON is refused before anything walks it: a record is 3 levels deep at most. */
const MAX_DEPTH = 8;

function deeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Why `text` is not an evidence line golive reads, or undefined with its value. The line must
 * be exactly what golive writes for the record it holds: `JSON.parse` keeps the last of two
 * equal keys (`{"result":"fail",...,"result":"pass"}` would read as a pass that a reviewer
 * reads as a fail), and a raw control or bidirectional character would reach every editor
 * that shows the file. JSON that holds no mapping (a list, a number) is no record: the schema
 * refuses it, once it is known to be shallow enough to walk.
 */
function decoded(text: string): { value: unknown } | { why: string } {
  if (text.length > MAX_EVIDENCE_TEXT) return { why: "longer than 1 MiB" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's own message would quote the line.
    return { why: "not JSON" };
  }
  if (deeperThan(value, MAX_DEPTH)) return { why: "nested deeper than evidence is" };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { value };
  if (evidenceLine(value) !== text) return { why: "not the line golive wrote for it" };
  return { value };
}

/**
 * Replaces, in a state file's data (as yaml's toJS gives it, before validation), each item's
 * evidence line with the record it holds; the schema then checks it as any other field.
 * Throws a located error for a line that is not one golive wrote.
 */
export function decodeEvidenceLines(file: YamlFile, data: unknown, what: string): void {
  const items = (data as { items?: unknown } | null)?.items;
  if (typeof items !== "object" || items === null || Array.isArray(items)) return;
  // An alias (`*a`) makes two entries one object: it is decoded once.
  const seen = new Set<object>();
  for (const [id, item] of Object.entries(items)) {
    if (typeof item !== "object" || item === null || seen.has(item)) continue;
    seen.add(item);
    const text = (item as { evidence?: unknown }).evidence;
    if (typeof text !== "string") continue;
    const line = decoded(text);
    if ("why" in line) {
      throw new GoliveError(
        "invalid-state",
        `${what}: ${formatPath(["items", id, "evidence"])}: ${line.why}: golive records evidence as one line of JSON`,
        {
          location: locate(file, ["items", id, "evidence"]),
          hint: "delete the evidence line, then record it again (`golive verify --record`, or `golive probe --record` for what the live hosts answer)",
        },
      );
    }
    (item as { evidence?: unknown }).evidence = line.value;
  }
}
