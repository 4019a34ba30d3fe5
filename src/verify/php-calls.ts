/**
 * Calls and array literals, for the evaluator (verify/php-eval.ts): the environment read
 * (`getenv`), `define()` and `constant()`, the string functions whose result is made of their
 * arguments only, closures and the file's own functions called; arrays with their keys and
 * spread items. A call golive does not know is built from its arguments (`unknown`).
 */
import type { PhpNode } from "./php-ast.js";
import { type Evaluator, keyOf, lineOfNode, memberKey, property } from "./php-flow.js";
import { callArguments, called, writeBack } from "./php-functions.js";
import { declareNow } from "./php-hoist.js";
import { findMethod, methodOf } from "./php-objects.js";
import { cellOf, type PhpScope } from "./php-scope.js";
import { combine, type PhpEntry, type PhpValue, stringOf, unknown } from "./php-value.js";

/** Calls that give back a string made of their arguments (and nothing from outside). */
export const STRING_FUNCTIONS = new Set(
  [
    "trim ltrim rtrim strval sprintf vsprintf implode join strtolower strtoupper str_replace",
    "base64_decode base64_encode urldecode rawurldecode html_entity_decode stripslashes hex2bin",
    "str_rot13 strrev substr str_pad str_repeat strtr ucfirst lcfirst ucwords chr",
    // Decoders: a literal that decodes to a secret is a committed secret.
    "json_decode gzinflate gzuncompress gzdecode convert_uudecode quoted_printable_decode",
  ]
    .join(" ")
    .split(" "),
);
export const ENV_FUNCTIONS = new Set(["getenv", "env", "apache_getenv"]);

/** `f(...)`, `$f(...)`, `(fn() => ...)()`, `$o->m(...)`. */
export function callValue(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  const line = lineOfNode(node);
  const what = node.what as PhpNode;
  const call = callArguments(node, scope, ev);
  const args = call.values;
  // `Secrets::get()`, `(new Secrets)->get()`: a method of a class of the file.
  // `(fn() => 'x')()`, `$f()`, `$o->m()`, `Secrets::db()`: a closure's or a method's return,
  // else built from the parts.
  if (what.kind !== "name") {
    const fn = callee(what, scope, ev);
    writeBack(fn, node, call, scope, ev);
    return called(fn, call, line, scope);
  }
  const name = String(what.name).replace(/^\\/, "").toLowerCase();
  if (ENV_FUNCTIONS.has(name)) return { k: "env", line };
  if (name === "define" && args.length >= 2) {
    const constName = stringOf(args[0]!);
    if (constName !== undefined) {
      scope.consts.set(constName, args[1]!);
      scope.hooks.define?.(scope.file, line, constName, args[1]!);
    }
    return { k: "bool", b: true, line };
  }
  if (name === "constant" && args.length >= 1) {
    const constName = stringOf(args[0]!);
    return (constName && scope.consts.get(constName)) || { k: "expr", line };
  }
  // `extract(['pw' => '...'])` sets `$pw`.
  const first = args[0];
  if (name === "extract" && first?.k === "array") {
    for (const e of first.entries)
      if (e.name !== undefined) scope.vars.set(cellOf(scope, e.name), e.value);
    return { k: "number", n: first.entries.length, line };
  }
  if (STRING_FUNCTIONS.has(name)) {
    // implode(',', ['a', 'b']) and friends: the array's values count as parts.
    const parts = args.flatMap((a) => (a.k === "array" ? a.entries.map((e) => e.value) : [a]));
    return combine(parts, line);
  }
  // `dbPassword()` above `function dbPassword`: the function is read first (php-hoist.ts).
  if (!scope.functions.has(name)) declareNow("function", name, scope, ev);
  const declared = scope.functions.get(name);
  if (!declared) return unknown(line, args);
  writeBack(declared, node, call, scope, ev);
  return called(declared, call, line, scope);
}

/**
 * What `$o->m`, `C::m`, `self::m` names as a callee: a method of a class of the file, else the
 * property or constant read. `$o` is evaluated once: a chain of forty calls must not run the
 * head of it 2^40 times.
 */
function callee(what: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  let key: string | undefined;
  let base: PhpValue | undefined;
  if (what.kind === "staticlookup") {
    key = memberKey(what, scope);
    if (key !== undefined && !scope.functions.has(key.toLowerCase()))
      declareNow("class", key.split("::")[0]!, scope, ev);
  } else if (what.kind === "propertylookup" || what.kind === "nullsafepropertylookup") {
    const offset = what.offset as PhpNode;
    base = ev.evaluate(what.what as PhpNode, scope);
    if ((base.k === "expr" || base.k === "array") && base.cls && offset.kind === "identifier")
      key = `${base.cls}::${String(offset.name)}`;
  }
  const [cls, name] = key === undefined ? [] : key.split("::");
  const method = cls && name ? findMethod(cls, name, scope) : undefined;
  if (method) return base ? methodOf(method, base, lineOfNode(what), scope) : method;
  return base ? property(what, scope, ev, base) : ev.evaluate(what, scope);
}

/** An array written in the code; the `array` hook hears of it. */
export function arrayValue(node: PhpNode, scope: PhpScope, ev: Evaluator): PhpValue {
  const line = lineOfNode(node);
  const entries: PhpEntry[] = [];
  for (const item of (node.items as (PhpNode | null)[]) ?? []) {
    if (!item) continue;
    if (item.kind === "entry" && item.unpack) {
      // `[...$a, 'x']`: the elements of $a, then the rest.
      const spread = ev.evaluate(item.value as PhpNode, scope);
      if (spread.k === "array") for (const e of spread.entries) entries.push(e);
      else entries.push({ name: undefined, written: undefined, value: spread, line });
    } else if (item.kind === "entry") {
      const key = keyOf(item.key as PhpNode | null);
      const value = ev.evaluate(item.value as PhpNode, scope);
      if (item.key) ev.evaluate(item.key as PhpNode, scope);
      entries.push({
        name: key.name,
        written: key.written,
        value,
        line: lineOfNode(item, line),
      });
    } else {
      entries.push({
        name: undefined,
        written: undefined,
        value: ev.evaluate(item, scope),
        line: lineOfNode(item, line),
      });
    }
  }
  const array = { k: "array" as const, entries, line };
  scope.hooks.array?.(scope.file, array);
  return array;
}
