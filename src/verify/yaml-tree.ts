/**
 * Deploy files as a tree that remembers lines: aliases are followed and `<<:` merge keys
 * applied (the Docker SDK's files are built from `&anchors`), and every value keeps the line
 * it was written on, so evidence points at the anchor that really holds it.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
} from "yaml";
import { parseErrorKind } from "../core/parse-error.js";

export type Tree =
  | { kind: "map"; line: number; entries: Map<string, Tree> }
  | { kind: "seq"; line: number; items: Tree[] }
  | {
      kind: "scalar";
      line: number;
      value: string | number | boolean | null;
      /** Reached through an alias: the key the anchor's value was written under. */
      anchorKey?: string;
    };

/** Alias expansion stops here: a small file cannot legitimately need more. */
const MAX_NODES = 200_000;

export interface ParsedYaml {
  tree: Tree | undefined;
  /**
   * The first syntax error: where, and its kind as a fixed phrase (core/parse-error.ts). Never
   * the parser's message, which can quote the line, and a deploy file's line can be a password.
   */
  error?: { line: number; col: number; kind: string };
  /**
   * Lines of quoted values read leniently: their continuation lines are indented no deeper than
   * their key, which YAML 1.2 forbids and the Docker SDK's parser (Symfony YAML) accepts.
   */
  lenient?: number[];
}

/**
 * The file as the Docker SDK reads it: strictly when it is valid YAML; else, when the only fault
 * is quoted values whose continuation lines are not indented past their key (a multi-line JSON
 * value, as in real demo-environment files), with those lines indented. Leading blanks of a
 * continuation line are folded away in a quoted scalar, so the value and every line number stay
 * what they were. Anything else keeps its first error.
 */
export function parseYamlTree(given: string): ParsedYaml {
  // YAML 1.2 (and the Docker SDK's Symfony reader) ends a line at a lone CR too; the yaml
  // library does not, and read a file saved so as one line.
  const text = given.includes("\r") ? given.replace(/\r(?!\n)/g, "\n") : given;
  const strict = parseStrict(text);
  if (!strict.error) return strict;
  const relaxed = relaxQuotedContinuations(text);
  if (!relaxed) return strict;
  const again = parseStrict(relaxed.text);
  return again.error ? strict : { ...again, lenient: relaxed.lines };
}

/**
 * Indents the continuation lines of quoted scalars that start after `key:` and go on at or
 * left of the key's column; undefined when there is none.
 */
export function relaxQuotedContinuations(
  text: string,
): { text: string; lines: number[] } | undefined {
  const lines = text.split("\n");
  const opened: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:-\s+)*(?:[^\s#'"][^:#]*|'[^']*'|"[^"]*"):\s+(['"])(.*)$/.exec(lines[i]!);
    if (!m || closes(m[3]!, m[2]!)) continue;
    const quote = m[2]!;
    const indent = m[1]!.length;
    let changed = false;
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const lead = /^\s*/.exec(line)![0].length;
      if (line.trim() !== "" && lead <= indent) {
        lines[j] = " ".repeat(indent + 1 - lead) + line;
        changed = true;
      }
      if (closes(line, quote)) break;
    }
    if (j === lines.length) return undefined; // never closed: not this fault
    if (changed) opened.push(i + 1);
    i = j;
  }
  return opened.length > 0 ? { text: lines.join("\n"), lines: opened } : undefined;
}

/** Whether a quoted scalar's text from here holds its closing quote. */
function closes(rest: string, quote: string): boolean {
  for (let k = 0; k < rest.length; k++) {
    const c = rest[k];
    if (quote === '"' && c === "\\") k++;
    else if (c === quote) {
      if (quote === "'" && rest[k + 1] === "'") k++;
      else return true;
    }
  }
  return false;
}

/**
 * The node each alias names: the last node before it, in document order, with that anchor (as
 * yaml's `Alias.resolve` finds it). One walk of the document for all aliases: `resolve` walks
 * the whole document for each, and a 21 KB file whose aliases spend the expansion budget took
 * minutes.
 */
function aliasTargets(doc: Document): Map<Alias, Node> {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = latest.get(node.source);
        if (target !== undefined) targets.set(node, target);
      } else if ((isScalar(node) || isCollection(node)) && node.anchor) {
        latest.set(node.anchor, node);
      }
    },
  });
  return targets;
}

function parseStrict(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    merge: true,
    lineCounter: lines,
    prettyErrors: false,
    logLevel: "error",
    // yaml compares each key with every key before it: a 590 KB file of 60,000 keys took 55 s.
    // Repeated keys are found here instead, in one pass.
    uniqueKeys: false,
  });
  const first = doc.errors[0];
  if (first) {
    return {
      tree: undefined,
      error: { ...lines.linePos(first.pos[0]), kind: parseErrorKind(first) },
    };
  }
  const repeated = firstRepeatedKey(doc as Document);
  if (repeated !== undefined) {
    return {
      tree: undefined,
      error: {
        ...lines.linePos(repeated),
        kind: parseErrorKind({ code: "DUPLICATE_KEY", message: "" }),
      },
    };
  }
  const targets = aliasTargets(doc as Document);
  let budget = MAX_NODES;
  // The key each anchored scalar was written under: an alias to it is as secret as the key.
  const anchoredUnder = new Map<Node, string>();
  const lineOf = (node: Node): number => (node.range ? lines.linePos(node.range[0]).line : 1);
  const convert = (node: unknown, depth: number): Tree => {
    if (--budget < 0 || depth > 64) throw new Error("too many aliases");
    if (isAlias(node)) {
      const target = targets.get(node);
      const tree = convert(target, depth + 1);
      const key = target ? anchoredUnder.get(target as Node) : undefined;
      if (tree.kind === "scalar" && key !== undefined) tree.anchorKey = key;
      return tree;
    }
    if (isMap(node)) {
      const entries = new Map<string, Tree>();
      const merged: Map<string, Tree>[] = [];
      for (const pair of node.items) {
        const key = pair.key;
        if (isMergeKey(key)) {
          const value = convert(pair.value, depth + 1);
          if (value.kind === "map") merged.push(value.entries);
          else if (value.kind === "seq")
            for (const m of value.items) if (m.kind === "map") merged.push(m.entries);
          continue;
        }
        const name = isScalar(key) ? String(key.value) : String(key);
        if (isScalar(pair.value) && pair.value.anchor) anchoredUnder.set(pair.value, name);
        const value = pair.value == null ? nullAt(key) : convert(pair.value, depth + 1);
        // A block map or list starts on the line after its key; evidence names the key's line.
        if (value.kind !== "scalar" && isScalar(key)) value.line = lineOf(key);
        entries.set(name, value);
      }
      // Explicit keys win over merged ones; earlier merge sources over later ones.
      for (const source of merged)
        for (const [k, v] of source) if (!entries.has(k)) entries.set(k, v);
      return { kind: "map", line: lineOf(node), entries };
    }
    if (isSeq(node)) {
      return {
        kind: "seq",
        line: lineOf(node),
        items: node.items.map((item) => convert(item, depth + 1)),
      };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value =
        typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
      return { kind: "scalar", line: lineOf(node), value };
    }
    return { kind: "scalar", line: 1, value: null };
  };
  const nullAt = (key: unknown): Tree => ({
    kind: "scalar",
    line: isScalar(key) ? lineOf(key) : 1,
    value: null,
  });
  try {
    return { tree: doc.contents == null ? undefined : convert(doc.contents, 0) };
  } catch (error) {
    const kind =
      error instanceof RangeError
        ? "nested too deeply"
        : parseErrorKind({ code: "RESOURCE_EXHAUSTION", message: "" });
    return { tree: undefined, error: { line: 1, col: 1, kind } };
  }
}

function isMergeKey(key: unknown): boolean {
  return (
    isScalar(key) && (key.source === "<<" || key.value === "<<" || typeof key.value === "symbol")
  );
}

/**
 * Where the first key written twice in one mapping is (as yaml's `uniqueKeys` says: scalar keys
 * of the same value; `<<` merge keys aside), or undefined. One pass with a set per mapping, and
 * a stack rather than recursion.
 */
function firstRepeatedKey(doc: Document): number | undefined {
  let first: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !isMergeKey(key)) {
          if (seen.has(key.value) && key.range)
            first = first === undefined ? key.range[0] : Math.min(first, key.range[0]);
          seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return first;
}

export function child(tree: Tree | undefined, key: string): Tree | undefined {
  return tree?.kind === "map" ? tree.entries.get(key) : undefined;
}

export function childIn(tree: Tree | undefined, path: readonly string[]): Tree | undefined {
  let node = tree;
  for (const key of path) node = child(node, key);
  return node;
}

export function scalarText(tree: Tree | undefined): string | undefined {
  if (tree?.kind !== "scalar" || tree.value === null) return undefined;
  return String(tree.value);
}

/** Every node at `path`, where `*` matches any key or list index; with the concrete path. */
export function select(
  tree: Tree | undefined,
  path: readonly string[],
): { path: string[]; node: Tree }[] {
  const out: { path: string[]; node: Tree }[] = [];
  const walk = (node: Tree | undefined, i: number, at: string[]) => {
    if (!node) return;
    if (i === path.length) {
      out.push({ path: at, node });
      return;
    }
    const key = path[i]!;
    if (node.kind === "map") {
      if (key === "*") for (const [k, v] of node.entries) walk(v, i + 1, [...at, k]);
      else walk(node.entries.get(key), i + 1, [...at, key]);
    } else if (node.kind === "seq") {
      if (key === "*") {
        node.items.forEach((v, j) => {
          walk(v, i + 1, [...at, String(j)]);
        });
      } else if (/^\d+$/.test(key)) walk(node.items[Number(key)], i + 1, [...at, key]);
    }
  };
  walk(tree, 0, []);
  return out;
}

/** Walks every map entry in the tree, depth first. */
export function eachEntry(
  tree: Tree | undefined,
  visit: (key: string, value: Tree, parentKey: string | undefined) => void,
  parentKey?: string,
): void {
  if (!tree) return;
  if (tree.kind === "map") {
    for (const [k, v] of tree.entries) {
      visit(k, v, parentKey);
      eachEntry(v, visit, k);
    }
  } else if (tree.kind === "seq") {
    for (const item of tree.items) eachEntry(item, visit, parentKey);
  }
}

/**
 * Every string scalar of a tree (parsed once a run, aliases followed within its budget) with
 * its key path (`[]` for a list item) and the line it was written on.
 */
export function treeStrings(tree: Tree): { path: string[]; value: string; line: number }[] {
  const out: { path: string[]; value: string; line: number }[] = [];
  // A stack, not recursion: the tree may be as deep as the parser allows.
  const stack: { node: Tree; path: string[] }[] = [{ node: tree, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node.kind === "scalar") {
      if (typeof node.value === "string") out.push({ path, value: node.value, line: node.line });
    } else if (node.kind === "map") {
      for (const [key, value] of node.entries) stack.push({ node: value, path: [...path, key] });
    } else for (const item of node.items) stack.push({ node: item, path: [...path, "[]"] });
  }
  return out.sort((a, b) => a.line - b.line);
}
