/**
 * The file's functions, methods, closures and arrow functions, for the evaluator
 * (verify/php-eval.ts): a body is read once where it stands, its parameters markers of their
 * values; a call binds them to its arguments and the defaults it leaves out (php-params.ts).
 */
import type { PhpNode } from "./php-ast.js";
import { type Evaluator, lineOfNode, store } from "./php-flow.js";
import { thisFor } from "./php-objects.js";
import { type Arguments, bind, mentions } from "./php-params.js";
import { cellOf, type PhpScope } from "./php-scope.js";
import { either, type PhpParams, type PhpValue, unknown } from "./php-value.js";

/**
 * A function's parameters: their defaults evaluated where they stand (hooks see their literals),
 * each a marker of its value while the body is read (php-params.ts).
 */
function parameters(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpParams {
  const line = lineOfNode(node);
  const params: PhpParams = { names: [], defaults: [], all: { k: "expr", line } };
  for (const p of (node.arguments as PhpNode[] | null) ?? []) {
    const name = (p.name as PhpNode | null)?.name;
    params.names.push(typeof name === "string" ? name : "");
    params.defaults.push(p.value ? ev.evaluate(p.value as PhpNode, scope) : undefined);
    if (p.variadic) params.variadic = params.names.length - 1;
  }
  params.all = unknown(
    line,
    params.defaults.filter((d) => d !== undefined),
  );
  return params;
}

/**
 * Runs `body` with each of `locals` set (a parameter holding its marker, `$this`); the
 * variables of the same names (and references) outside are as they were after it.
 */
function withLocals(locals: [string, PhpValue][], scope: PhpScope, body: () => void): void {
  const outside = locals.map(([name]) => [scope.vars.get(name), scope.refs.get(name)] as const);
  for (const [name, value] of locals) {
    scope.refs.delete(name);
    scope.vars.set(name, value);
  }
  const outerRefs = scope.refsMade;
  const made: [string, string | undefined][] = [];
  scope.refsMade = made;
  try {
    body();
  } finally {
    // A reference the body made (`$ref = &$pw;`) is its own: gone after it, as PHP's locals.
    for (let i = made.length - 1; i >= 0; i--) {
      const [name, before] = made[i]!;
      if (before === undefined) scope.refs.delete(name);
      else scope.refs.set(name, before);
    }
    scope.refsMade = outerRefs;
    for (let i = locals.length - 1; i >= 0; i--) {
      const name = locals[i]![0];
      const [value, ref] = outside[i]!;
      if (value === undefined) scope.vars.delete(name);
      else scope.vars.set(name, value);
      if (ref === undefined) scope.refs.delete(name);
      else scope.refs.set(name, ref);
    }
  }
}

/**
 * A closure, arrow function, function or method: its body runs once where it stands, as a
 * branch (production may never call it), and its value is what it returns, which a call binds
 * to its arguments (php-params.ts).
 */
export function functionValue(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  const line = lineOfNode(node);
  const returns: PhpValue[] = [];
  const outer = scope.returns;
  scope.returns = returns;
  scope.branch++;
  let params: PhpParams | undefined;
  try {
    const own = parameters(node, scope, ev);
    params = own;
    const locals = own.names.map((name, index): [string, PhpValue] => [
      name,
      { k: "param", of: own, index, line },
    ]);
    // A method of a class of the file: `$this` (php-objects.ts).
    const self = thisFor(node, own, scope);
    if (self) locals.push(["this", self]);
    withLocals(locals, scope, () => {
      if (node.kind === "arrowfunc") returns.push(ev.evaluate(node.body as PhpNode, scope));
      else if (node.body) ev.run(node.body as PhpNode, scope);
      // `function f(&$x) { $x = '...'; }`: what `f($pw)` leaves in `$pw`.
      (node.arguments as PhpNode[] | null)?.forEach((p, index) => {
        const left = p.byref ? scope.vars.get(cellOf(scope, own.names[index]!)) : undefined;
        if (!left || left === locals[index]![1]) return;
        own.out ??= new Map();
        own.out.set(index, left);
      });
    });
  } finally {
    scope.branch--;
    scope.returns = outer;
  }
  let value: PhpValue | undefined;
  for (const r of returns) value = value === undefined ? r : either(value, r, line);
  const closure: Extract<PhpValue, { k: "closure" }> = {
    k: "closure",
    returns: value ?? { k: "null", line },
    line,
  };
  if (params.out || (params.names.length > 0 && mentions(closure.returns, params)))
    closure.params = params;
  const name = (node.name as PhpNode | null)?.name;
  if (typeof name === "string" && node.kind === "function")
    scope.functions.set(name.toLowerCase(), closure);
  // A method, by its class: `Secrets::get()`, `$secrets->get()`.
  if (typeof name === "string" && node.kind === "method" && scope.className)
    scope.functions.set(`${scope.className}::${name}`.toLowerCase(), closure);
  return closure;
}

/**
 * A call's arguments, spread ones (`...$parts`, `...['%s', 'x']`) as their elements, those
 * passed by name (`f(x: 'y')`, `...['x' => 'y']`) also by their name.
 */
export function callArguments(call: PhpNode, scope: PhpScope, ev: Evaluator): Arguments {
  const args: Arguments = { values: [], named: new Map(), positional: 0, open: false };
  const add = (value: PhpValue, name?: string) => {
    if (name !== undefined && !/^\d+$/.test(name)) args.named.set(name, value);
    else if (args.named.size === 0) args.positional++;
    args.values.push(value);
  };
  for (const a of (call.arguments as PhpNode[] | null) ?? []) {
    if (a.kind === "variadic") {
      const v = ev.evaluate(a.what as PhpNode, scope);
      if (v.k === "array") for (const e of v.entries) add(e.value, e.name);
      else {
        args.open = true;
        args.values.push(unknown(lineOfNode(a), [v]));
      }
    } else if (a.kind === "namedargument")
      add(ev.evaluate(a.value as PhpNode, scope), String(a.name));
    else add(ev.evaluate(a, scope));
  }
  return args;
}

/** What a call of `callee` gives: a closure's return bound to the arguments, else built from both. */
export function called(callee: PhpValue, args: Arguments, line: number, scope: PhpScope): PhpValue {
  if (callee.k !== "closure") return unknown(line, [callee, ...args.values]);
  const returns = callee.params
    ? bind(callee.returns, callee.params, args, line, scope.binding)
    : callee.returns;
  // `$f('x')` of `fn($p) => f($p)`: a return golive cannot resolve is built from the arguments too.
  if (returns.k !== "expr") return returns;
  const made = unknown(line, [returns, ...args.values]);
  if (!returns.obj || made.k !== "expr") return made;
  // `return new self();`: an object of its own at each call, with its class and properties.
  const obj = { ...returns.obj, entries: returns.obj.entries.slice() };
  return { ...made, cls: returns.cls, obj, ...(returns.made ? { made: returns.made } : {}) };
}

/**
 * After a call of `callee`: what it leaves in the variables passed to its by-reference
 * parameters (`f($pw)` of `function f(&$x) { $x = '...'; }` sets `$pw`), bound to the call.
 */
export function writeBack(
  callee: PhpValue,
  call: PhpNode,
  args: Arguments,
  scope: PhpScope,
  ev: Evaluator,
): void {
  const params = callee.k === "closure" ? callee.params : undefined;
  if (!params?.out) return;
  const nodes = (call.arguments as PhpNode[] | null) ?? [];
  const line = lineOfNode(call);
  for (const [index, value] of params.out) {
    const target = index < args.positional ? nodes[index] : undefined;
    if (target && target.kind !== "variadic" && target.kind !== "namedargument")
      store(target, bind(value, params, args, line, scope.binding), scope, ev);
  }
}
