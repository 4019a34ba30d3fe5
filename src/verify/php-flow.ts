/**
 * Where values go and come back from, for the evaluator (verify/php-eval.ts): variables, array
 * elements and object properties written and read (`$a['k'][] = v`, `$o->p = v`, `[$a, , 'k'
 * => $b] = v`), references (`$ref = &$pw`); functions and calls are php-functions.ts. What
 * golive cannot follow keeps the values it was built from (`unknown`), for APP-17 to search.
 */
import type { PhpNode } from "./php-ast.js";
import { cellOf, type PhpScope, setRef } from "./php-scope.js";
import {
  branchWrite,
  combine,
  type PhpArray,
  type PhpEntry,
  type PhpValue,
  unknown,
} from "./php-value.js";

/** The evaluator's two entry points, handed in (php-eval.ts imports this file). */
export interface Evaluator {
  evaluate(node: PhpNode | null | undefined, scope: PhpScope): PhpValue;
  run(node: PhpNode, scope: PhpScope): void;
}

/**
 * Arrays are values in PHP: a write makes a changed copy, so `$b = $a; $b['k'] = 1;` leaves
 * `$a` as it was. Past this size a write changes the array in place (appending 60,000 items
 * one by one must not copy 60,000² entries); objects always change in place, as in PHP.
 */
const COPY_LIMIT = 64;

export function lineOfNode(node: PhpNode | null | undefined, fallback = 1): number {
  return node?.loc?.start.line ?? fallback;
}

export function keyOf(node: PhpNode | null | undefined): { name?: string; written?: string } {
  if (!node) return {};
  switch (node.kind) {
    case "string":
      return { name: String(node.value), written: String(node.raw ?? `'${node.value}'`) };
    case "number":
      return { name: String(node.value), written: String(node.value) };
    case "identifier":
      return { name: String(node.name), written: String(node.name) };
    case "staticlookup": {
      const what = node.what as PhpNode;
      const offset = node.offset as PhpNode;
      const cls = what.kind === "name" ? String(what.name) : "?";
      const name = offset.kind === "identifier" ? String(offset.name) : "?";
      return { name, written: `${cls}::${name}` };
    }
    case "name":
      return { name: String(node.name), written: String(node.name) };
    case "variable":
      return { written: `$${String(node.name)}` };
    default:
      return { written: "…" };
  }
}

/** `$config[A][B]`: the keys, or undefined when the target is not `$config`. */
export function configPath(node: PhpNode): { names: string[]; written: string } | undefined {
  const keys: { name?: string; written?: string }[] = [];
  let n: PhpNode = node;
  while (n.kind === "offsetlookup") {
    keys.unshift(keyOf(n.offset as PhpNode | null));
    n = n.what as PhpNode;
  }
  if (n.kind !== "variable" || n.name !== "config" || keys.length === 0) return undefined;
  return {
    names: keys.map((k) => k.name ?? ""),
    written: keys.map((k) => `[${k.written ?? ""}]`).join(""),
  };
}

/** Each looked-up array's entries by name, and its items written without a key, in order. */
interface EntryIndex {
  size: number;
  named: Map<string, PhpValue>;
  items: PhpValue[];
}
const INDEXES = new WeakMap<PhpEntry[], EntryIndex>();

/**
 * `$a['k']`, `$o->k`, `$a[1]` (the second item written without a key); the last entry of a
 * name wins. Indexed: reading 20,000 properties of an object of 20,000 must not compare 20,000²
 * names. Entries are only ever appended (setIn), so an index grows with its array.
 */
export function entryAt(array: PhpArray, name: string | undefined): PhpValue | undefined {
  if (name === undefined) return undefined;
  let index = INDEXES.get(array.entries);
  if (!index) {
    index = { size: 0, named: new Map(), items: [] };
    INDEXES.set(array.entries, index);
  }
  for (; index.size < array.entries.length; index.size++) {
    const e = array.entries[index.size]!;
    if (e.name === undefined) index.items.push(e.value);
    else index.named.set(e.name, e.value);
  }
  const named = index.named.get(name);
  if (named !== undefined || !/^(?:0|[1-9]\d{0,8})$/.test(name)) return named;
  return index.items[Number(name)];
}

/**
 * `C::NAME`, `self::NAME`, `static::$name`: the key a class's constant or static property is
 * kept under in the scope's constants (classes by their short name).
 */
export function memberKey(node: PhpNode, scope: PhpScope): string | undefined {
  const what = node.what as PhpNode;
  const offset = node.offset as PhpNode;
  const full = what.kind === "name" ? String(what.name) : "";
  const own = what.kind === "selfreference" || what.kind === "staticreference";
  const cls = own ? scope.className : full.slice(full.lastIndexOf("\\") + 1);
  if (!cls) return undefined;
  if (offset.kind === "identifier") return `${cls}::${String(offset.name)}`;
  if (offset.kind === "variable" && typeof offset.name === "string")
    return `${cls}::$${offset.name}`;
  return undefined;
}

const LOOKUPS = new Set(["offsetlookup", "propertylookup", "nullsafepropertylookup"]);

/**
 * `$o->p`, `$o?->p`: the property of an object golive built, else built from the object;
 * `base` when the caller has evaluated `$o` already (a method call: each part of a chain once).
 */
export function property(
  node: PhpNode,
  scope: PhpScope,
  ev: Evaluator,
  base = ev.evaluate(node.what as PhpNode, scope),
): PhpValue {
  const line = lineOfNode(node);
  const name = stepName(node.offset as PhpNode | null, scope, ev);
  const object = objectOf(base);
  if (!object || name === undefined) return unknown(line, [base]);
  // A property `new` did not set is built from the object (its arguments are searched).
  return entryAt(object, name) ?? (object === base ? { k: "expr", line } : unknown(line, [base]));
}

/** The entries of an array or object; of an object `new` made (php-objects.ts), its properties. */
function objectOf(v: PhpValue | undefined): PhpArray | undefined {
  return v?.k === "array" ? v : v?.k === "expr" ? v.obj : undefined;
}

function stepName(offset: PhpNode | null, scope: PhpScope, ev: Evaluator): string | undefined {
  const key = keyOf(offset);
  if (key.name !== undefined || !offset) return key.name;
  // `$o->{$name}`: the braces hold the expression.
  const inner = offset.kind === "encapsedpart" ? (offset.expression as PhpNode) : offset;
  const v = ev.evaluate(inner, scope);
  return v.k === "string" ? v.s : v.k === "number" ? String(v.n) : undefined;
}

interface Step {
  /** undefined: `$a[]` (appends), or a key golive cannot tell. */
  name: string | undefined;
  written: string | undefined;
  property: boolean;
}

/**
 * Stores `value` where `target` says: a variable, an element or property under one (made as
 * PHP makes them), or the variables of a list (`[$a, $b] = ...`). Other targets are left.
 */
export function store(target: PhpNode, value: PhpValue, scope: PhpScope, ev: Evaluator): void {
  if (target.kind === "list" || target.kind === "array") destructure(target, value, scope, ev);
  else {
    const t = targetOf(target, scope, ev);
    if (t) write(t, value, scope);
  }
}

/** Where an assignment writes: a variable and the keys under it. */
interface Target {
  root: string;
  steps: Step[];
  line: number;
}

/** The target of `$a['k'][$i]->p = ...`, each key evaluated once (an offset may assign too). */
function targetOf(node: PhpNode, scope: PhpScope, ev: Evaluator): Target | undefined {
  const steps: Step[] = [];
  let n = node;
  while (LOOKUPS.has(n.kind)) {
    const offset = n.offset as PhpNode | null;
    const name = offset ? stepName(offset, scope, ev) : undefined;
    steps.unshift({ name, written: keyOf(offset).written, property: n.kind !== "offsetlookup" });
    n = n.what as PhpNode;
  }
  const root = n.kind === "variable" ? variableName(n, scope, ev) : undefined;
  return root === undefined ? undefined : { root, steps, line: lineOfNode(node) };
}

/** What a target holds now; undefined when it is not set (or golive cannot tell). */
function valueAt(t: Target, scope: PhpScope): PhpValue | undefined {
  let v = scope.vars.get(cellOf(scope, t.root));
  for (const step of t.steps) {
    const object = objectOf(v);
    if (!object || step.name === undefined) return undefined;
    v = entryAt(object, step.name);
  }
  return v;
}

function write(t: Target, value: PhpValue, scope: PhpScope): void {
  const cell = cellOf(scope, t.root);
  const before = scope.vars.get(cell);
  // Inside a branch (`if`/`else`, a `case`, a loop) golive cannot tell which write production
  // runs: a variable keeps what it held beside the new value, so a literal set in one branch is
  // not hidden by getenv() in the next.
  if (scope.branch > 0 && t.steps.length === 0 && before !== undefined && before !== value) {
    scope.vars.set(cell, branchWrite(before, value, t.line));
    return;
  }
  // An element or a property the same: `$d[0] = '...'` in one branch, getenv() in the next.
  // Not `$this->pw` in a constructor: what it sets replaces the property's default.
  const branchElement = scope.branch > 0 && t.steps.length > 0 && t.root !== "this";
  const held = branchElement ? valueAt(t, scope) : undefined;
  const written = held !== undefined && held !== value ? branchWrite(held, value, t.line) : value;
  scope.vars.set(cell, setIn(before, t.steps, 0, written, t.line));
  const last = t.steps[t.steps.length - 1];
  if (last?.name !== undefined) {
    // As written: a name computed when PHP runs (`$o->{$x}`) is not shown.
    const keys = t.steps.map((s) =>
      s.property ? `->${s.written ?? "…"}` : `[${s.written ?? ""}]`,
    );
    scope.hooks.element?.(scope.file, t.line, `$${t.root}${keys.join("")}`, last.name, value);
  }
}

function setIn(
  base: PhpValue | undefined,
  steps: readonly Step[],
  i: number,
  value: PhpValue,
  line: number,
): PhpValue {
  const step = steps[i];
  if (!step) return value;
  // `$c->pw = ...` of an object `new` made: its properties change in place.
  if (base?.k === "expr" && base.obj) {
    setIn(base.obj, steps, i, value, line);
    return base;
  }
  // Into something golive does not know (an object a call made): built from both now.
  if (base !== undefined && base.k !== "array" && base.k !== "null")
    return unknown(line, [base, value]);
  const array: PhpArray =
    base?.k === "array"
      ? base
      : step.property
        ? { k: "array", entries: [], line, object: true }
        : { k: "array", entries: [], line };
  const child = step.name === undefined ? undefined : entryAt(array, step.name);
  const entry: PhpEntry = {
    name: step.name,
    written: step.written,
    value: setIn(child, steps, i + 1, value, line),
    line,
  };
  if (array.object || array.entries.length >= COPY_LIMIT) {
    array.entries.push(entry);
    return array;
  }
  const entries = array.entries.filter((e) => step.name === undefined || e.name !== step.name);
  entries.push(entry);
  return { ...array, entries };
}

/** `[$a, , 'k' => $b, [$c]] = value`: each variable gets its element. */
function destructure(list: PhpNode, value: PhpValue, scope: PhpScope, ev: Evaluator): void {
  let index = 0;
  for (const item of (list.items as (PhpNode | null)[] | null) ?? []) {
    if (!item || item.kind === "noop") {
      index++;
      continue;
    }
    const entry = item.kind === "entry" ? item : undefined;
    const target = (entry ? entry.value : item) as PhpNode;
    const key = entry?.key as PhpNode | null | undefined;
    const name = key ? stepName(key, scope, ev) : String(index++);
    const line = lineOfNode(item);
    const part =
      value.k !== "array"
        ? unknown(line, [value])
        : (entryAt(value, name) ?? { k: "null" as const, line });
    store(target, part, scope, ev);
  }
}

/** `$x = v`, `$config[...] .= v`, `[$a, $b] = v`, `$o->p ??= v`: the value the expression has. */
export function assign(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  const right = ev.evaluate(node.right as PhpNode, scope);
  const left = node.left as PhpNode;
  const operator = String(node.operator ?? "=");
  const line = lineOfNode(node);
  const path = configPath(left);
  if (path) {
    const before = scope.config.get(path.written);
    const value =
      operator === ".="
        ? combine([before ?? { k: "string", s: "", line }, right], line)
        : operator === "??="
          ? before && before.k !== "null"
            ? before
            : right
          : right;
    scope.config.set(path.written, value);
    scope.hooks.assign?.({
      file: scope.file,
      line,
      ...path,
      operator,
      value: right,
      ...(scope.branch > 0 ? { conditional: true as const } : {}),
    });
    return value;
  }
  if (left.kind === "list" || left.kind === "array") {
    store(left, right, scope, ev);
    return right;
  }
  // A variable, or an element or a property under one (`$a['k'][] = ...`, `$o->p = ...`):
  // its keys evaluated once, for the value before and for the write.
  const target = targetOf(left, scope, ev);
  const before = target && operator !== "=" ? valueAt(target, scope) : undefined;
  const value =
    operator === ".="
      ? combine([before ?? { k: "string", s: "", line }, right], line)
      : operator === "??="
        ? (before ?? right)
        : operator === "="
          ? right
          : { k: "expr" as const, line };
  if (target) write(target, value, scope);
  return value;
}

/**
 * `$ref = &$pw`: from now on `$ref` and `$pw` are one variable (a write to either is read
 * through both). Any other reference (`$a['k'] = &$pw`, `$config[X] = &$pw`, `= &f()`) is
 * read as a copy: `=` of the value it has now.
 */
export function assignRef(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  const left = node.left as PhpNode;
  const right = node.right as PhpNode;
  if (left.kind !== "variable" || right.kind !== "variable") return assign(node, scope, ev);
  const from = variableName(right, scope, ev);
  const to = variableName(left, scope, ev);
  if (from === undefined || to === undefined) return assign(node, scope, ev);
  const cell = cellOf(scope, from);
  // PHP makes a variable a reference names for the first time (as null).
  const value = scope.vars.get(cell) ?? { k: "null" as const, line: lineOfNode(node) };
  scope.vars.set(cell, value);
  if (cellOf(scope, to) !== cell) setRef(scope, to, cell);
  return value;
}

/** `$pw`, `$$name`, `${'pw'}`: the variable's name, when golive can tell it. */
export function variableName(node: PhpNode, scope: PhpScope, ev: Evaluator): string | undefined {
  if (typeof node.name === "string") return node.name;
  const v = ev.evaluate(node.name as PhpNode | null, scope);
  return v.k === "string" ? v.s : undefined;
}
