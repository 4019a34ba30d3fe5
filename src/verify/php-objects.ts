/**
 * Objects of the file's classes, as `new` makes them: the properties' defaults (`public $pw =
 * '...'`), then the constructor's promoted parameters (`__construct(public string $pw =
 * '...')`), then what the constructor sets on `$this`, with the constructor's parameters bound
 * to the arguments of `new` (php-params.ts). A class's body is read once, where it stands; each
 * `new` copies the object it built (a copy of its list of properties, not of their values).
 */
import type { PhpNode } from "./php-ast.js";
import { type Evaluator, lineOfNode } from "./php-flow.js";
import { declareNow } from "./php-hoist.js";
import { type Arguments, bind, mentions } from "./php-params.js";
import type { PhpClass, PhpScope } from "./php-scope.js";
import { type PhpArray, type PhpParams, type PhpValue, unknown } from "./php-value.js";

/**
 * Runs the body (`body`) of a class, trait, interface or enum with `scope.reading` its class,
 * after what it takes from its parent; kept by its short name after it (for `new`, `extends`
 * and `use`).
 */
export function readClass(
  node: PhpNode,
  name: string | undefined,
  scope: PhpScope,
  body: () => void,
): PhpClass {
  const line = lineOfNode(node);
  const cls: PhpClass = {
    object: { k: "array", entries: [], line, object: true, ...(name ? { cls: name } : {}) },
  };
  const outer = scope.reading;
  scope.reading = cls;
  try {
    // `class Creds extends Base`: the parent's properties first (the caller read it already).
    const parent = node.extends as PhpNode | null | undefined;
    if (parent?.kind === "name") inherit(String(parent.name), scope);
    body();
  } finally {
    scope.reading = outer;
  }
  const ctor = cls.ctor;
  if (ctor) {
    const bound: number[] = [];
    cls.object.entries.forEach((e, i) => {
      if (mentions(e.value, ctor)) bound.push(i);
    });
    cls.bound = bound;
  }
  if (name) scope.classes.set(name.toLowerCase(), cls);
  return cls;
}

/** The most properties a class takes from one parent or trait. */
const MAX_INHERITED = 1024;

/** `\Shop\Creds` → `Creds`: classes are kept by their short name. */
export const shortName = (full: string) => full.slice(full.lastIndexOf("\\") + 1);

/**
 * What the class being read takes from its parent or a trait it uses (`from`): its
 * properties, its constructor when it has none of its own yet, and its methods (`findMethod`).
 */
export function inherit(from: string, scope: PhpScope): void {
  const cls = scope.reading;
  const base = scope.classes.get(shortName(from).toLowerCase());
  if (!cls || !base || base === cls) return;
  // The last 1,024 (a later entry of a name wins): a chain of 2,000 classes, each extending
  // the one before, must not copy 2,000² properties.
  const entries = base.object.entries;
  for (let i = Math.max(0, entries.length - MAX_INHERITED); i < entries.length; i++)
    cls.object.entries.push(entries[i]!);
  cls.ctor ??= base.ctor;
  cls.from ??= [];
  cls.from.push(shortName(from));
}

/**
 * The method `name` of class `cls` (short name), its own or one it takes from a parent or a
 * trait, nearest first; at most 64 classes are looked in.
 */
export function findMethod(cls: string, name: string, scope: PhpScope): PhpValue | undefined {
  const queue = [cls];
  for (let i = 0; i < queue.length && i < 64; i++) {
    const method = scope.functions.get(`${queue[i]}::${name}`.toLowerCase());
    if (method) return method;
    for (const f of scope.classes.get(queue[i]!.toLowerCase())?.from ?? []) queue.push(f);
  }
  return undefined;
}

/** `public $pw = '...';` in the class being read: a property every object starts with. */
export function declareProperty(scope: PhpScope, name: string, value: PhpValue, line: number) {
  scope.reading?.object.entries.push({ name, written: name, value, line });
}

/**
 * What `$this` is in a method of the class being read: in the constructor, the object `new`
 * copies (its promoted parameters set first); in the other methods, one object they share,
 * made from it when the first of them is read (a setter does not change what `new` makes).
 */
export function thisFor(node: PhpNode, params: PhpParams, scope: PhpScope): PhpArray | undefined {
  const cls = scope.reading;
  const name = (node.name as PhpNode | null)?.name;
  if (!cls || node.kind !== "method" || typeof name !== "string") return undefined;
  if (name.toLowerCase() !== "__construct") {
    cls.methods ??= { ...cls.object, entries: cls.object.entries.slice() };
    return cls.methods;
  }
  cls.ctor = params;
  // `__construct(public string $pw = '...')`: set before the constructor's body runs.
  (node.arguments as PhpNode[] | null)?.forEach((p, index) => {
    const promoted = Number(p.flags) !== 0 || p.readonly === true;
    const property = params.names[index];
    if (!promoted || !property) return;
    const line = lineOfNode(p);
    const value: PhpValue = { k: "param", of: params, index, line };
    cls.object.entries.push({ name: property, written: property, value, line });
  });
  return cls.object;
}

/**
 * `new Creds(...)` of a class of the file (by its short name): its properties, and the
 * constructor's call (`made`) for its methods; undefined for any other class.
 */
export function newObject(name: string, args: Arguments, scope: PhpScope, line: number) {
  const cls = scope.classes.get(name.toLowerCase());
  return cls && makeObject(cls, name, args, scope, line);
}

/** An object of `cls` (`name`: its short name, none for `new class { ... }`). */
export function makeObject(
  cls: PhpClass,
  name: string | undefined,
  args: Arguments,
  scope: PhpScope,
  line: number,
): { obj: PhpArray; made?: { ctor: PhpParams; args: Arguments } } {
  const entries = cls.object.entries.slice();
  for (const i of cls.bound ?? []) {
    const e = entries[i]!;
    const value = bind(e.value, cls.ctor!, args, line, scope.binding);
    entries[i] = { ...e, value };
  }
  const obj: PhpArray = { k: "array", entries, line, object: true, ...(name ? { cls: name } : {}) };
  return cls.ctor ? { obj, made: { ctor: cls.ctor, args } } : { obj };
}

/**
 * A method of a class of the file called on an object `new` made: `$this->pw` in it is what
 * the constructor's call set (`private string $pw = '...'` read by `getPw()`).
 */
export function methodOf(
  method: PhpValue,
  base: PhpValue,
  line: number,
  scope: PhpScope,
): PhpValue {
  if (method.k !== "closure" || base.k !== "expr" || !base.made) return method;
  const { ctor, args } = base.made;
  const returns = bind(method.returns, ctor, args, line, scope.binding);
  return returns === method.returns ? method : { ...method, returns };
}

/** An enum's case: an object of its enum whose `name` is the case's and `value` its value. */
export function enumCase(enumName: string, name: string, value: PhpValue, line: number): PhpArray {
  return {
    k: "array",
    entries: [
      { name: "name", written: "name", value: { k: "string", s: name, line }, line },
      { name: "value", written: "value", value, line: value.line },
    ],
    line,
    object: true,
    cls: enumName,
  };
}

/**
 * `new Creds(...)`: built from its arguments (what APP-17 searches), with the class's short
 * name and, for a class of the file, its properties (`obj`) and constructor call (`made`).
 * `classBody` reads an anonymous class's body (`new class { ... }`) where it stands.
 */
export function newValue(
  node: PhpNode,
  call: Arguments,
  scope: PhpScope,
  ev: Evaluator,
  classBody: (node: PhpNode) => void,
): PhpValue {
  const what = node.what as PhpNode;
  const line = lineOfNode(node);
  if (what.kind === "name" && /^\\?stdclass$/i.test(String(what.name)))
    return { k: "array", entries: [], line, object: true };
  const made = unknown(line, call.values);
  if (made.k !== "expr") return made;
  if (what.kind === "class") {
    const outer = scope.className;
    scope.className = undefined;
    scope.branch++;
    try {
      const cls = readClass(what, undefined, scope, () => classBody(what));
      return { ...made, ...makeObject(cls, undefined, call, scope, line) };
    } finally {
      scope.branch--;
      scope.className = outer;
    }
  }
  // `new self()` in a method of the class being read: of what it has declared so far.
  const own = what.kind === "selfreference" || what.kind === "staticreference";
  if (own && scope.reading && scope.className) {
    const object = makeObject(scope.reading, scope.className, call, scope, line);
    return { ...made, cls: scope.className, ...object };
  }
  // `new $class()`: a class named by a string golive can read.
  const named = what.kind === "name" ? undefined : ev.evaluate(what, scope);
  const full = what.kind === "name" ? String(what.name) : named?.k === "string" ? named.s : "";
  const cls = shortName(full);
  if (!cls) return made;
  declareNow("class", cls, scope, ev);
  return { ...made, cls, ...newObject(cls, call, scope, line) };
}

/** `clone $o`: a copy of the object, whose properties change apart from the original's. */
export function cloneValue(v: PhpValue, line: number): PhpValue {
  if (v.k === "array" && v.object) return { ...v, entries: v.entries.slice(), line };
  if (v.k === "expr" && v.obj)
    return { ...v, obj: { ...v.obj, entries: v.obj.entries.slice() }, line };
  return unknown(line, [v]);
}
