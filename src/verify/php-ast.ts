/**
 * PHP read as PHP: php-parser (glayzzle, pure JavaScript, PHP 8) turns a file into a syntax
 * tree, and a small evaluator says what each expression is: a string written in the file, a
 * read of the environment, a literal fallback for one, a boolean, an array, a class name.
 * `$config[...]` assignments, `define()` and `const`, variables, `require`/`include` and array
 * entries reach the rules through hooks, in the order PHP runs the statements.
 *
 * The parser is loaded with `loadPhpParser()` before a verify run (verify/index.ts), never by
 * any other command: `golive status` and `check` do not pay for it. Values the evaluator keeps
 * (a password among them) stay in this process: findings carry kinds and lines, never values.
 * A parse error is reported as a line and column, never with the parser's message, which
 * quotes the source.
 */
import type { Engine as PhpEngine } from "php-parser";

type PhpParserModule = typeof import("php-parser");

let engineClass: PhpParserModule["Engine"] | undefined;

/** Loads php-parser once; every verify entry point awaits it before a rule runs. */
export async function loadPhpParser(): Promise<void> {
  if (engineClass) return;
  const mod = (await import("php-parser")) as PhpParserModule & { default?: PhpParserModule };
  engineClass = mod.Engine ?? mod.default?.Engine;
}

/**
 * Larger PHP files are not parsed: configuration is tens of KiB (the largest of three Spryker
 * demo shops' is 58 KiB), and php-parser takes about 1.5 s a MiB. Such a file is reported as
 * unread, never passed.
 */
export const MAX_PHP_BYTES = 512 * 1024;
/** Strings the evaluator builds are cut here: `$x .= $x` thirty times must not take a GiB. */
const MAX_STRING = 4096;

/** A node of php-parser's tree, read loosely: the evaluator checks `kind` before each field. */
interface PhpNode {
  kind: string;
  loc?: { start: { line: number; column: number } } | null;
  [field: string]: unknown;
}

export type PhpParse =
  | { ok: true; program: PhpNode }
  | { ok: false; reason: "syntax" | "too-large" | "too-deep"; line?: number; column?: number };

/** Parses `text`; a syntax error, a file too large or nested too deep is a reason, not a throw. */
export function parsePhp(text: string): PhpParse {
  if (!engineClass) throw new Error("php-parser is not loaded: await loadPhpParser() first");
  if (text.length > MAX_PHP_BYTES) return { ok: false, reason: "too-large" };
  const engine: PhpEngine = new engineClass({
    parser: { php8: true, suppressErrors: false, extractDoc: false },
    ast: { withPositions: true, withSource: false },
  });
  try {
    return { ok: true, program: engine.parseCode(text, "") as unknown as PhpNode };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: "too-deep" };
    const e = error as { lineNumber?: unknown; columnNumber?: unknown };
    return {
      ok: false,
      reason: "syntax",
      ...(typeof e.lineNumber === "number" ? { line: e.lineNumber } : {}),
      ...(typeof e.columnNumber === "number" ? { column: e.columnNumber + 1 } : {}),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/** What an expression is, as far as golive can tell without running it. */
export type PhpValue =
  /** A string written in the file (also built from written parts: `'a'.'b'`, `trim('x')`). */
  | { k: "string"; s: string; line: number }
  /** Read from the environment: `getenv('X')`, `$_ENV['X']`, `(bool)getenv('X')`. */
  | { k: "env"; line: number }
  /** The environment, or a value written in the file when it is unset (`getenv('X') ?: 'x'`). */
  | { k: "fallback"; of: PhpValue; line: number }
  | { k: "bool"; b: boolean; line: number }
  | { k: "number"; n: number; line: number }
  | { k: "null"; line: number }
  | { k: "array"; entries: PhpEntry[]; line: number }
  /** `Foo::class`: the class's short name. */
  | { k: "class"; name: string; line: number }
  /** Anything else: a call, an object, a constant golive does not know. */
  | { k: "expr"; line: number };

export interface PhpEntry {
  /** The key's name: `'key'` → key, `Foo::BAR` → BAR; undefined for `[]`-style items. */
  name: string | undefined;
  /** The key as written: `'key'`, `Foo::BAR`. */
  written: string | undefined;
  value: PhpValue;
  line: number;
}

function lineOfNode(node: PhpNode | null | undefined, fallback = 1): number {
  return node?.loc?.start.line ?? fallback;
}

function cut(s: string): string {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
}

/** Calls that give back a string made of their arguments (and nothing from outside). */
const STRING_FUNCTIONS = new Set([
  "trim",
  "ltrim",
  "rtrim",
  "strval",
  "sprintf",
  "vsprintf",
  "implode",
  "join",
  "strtolower",
  "strtoupper",
  "str_replace",
  "base64_decode",
  "base64_encode",
  "urldecode",
  "rawurldecode",
  "html_entity_decode",
  "stripslashes",
  "hex2bin",
  "str_rot13",
  "strrev",
]);
const ENV_FUNCTIONS = new Set(["getenv", "env", "apache_getenv"]);
const ENV_ARRAYS = new Set(["_ENV", "_SERVER"]);

/** What the evaluator needs from its surroundings, and hears about as it goes. */
export interface PhpScope {
  /** The file being read, relative to the repository root. */
  file: string;
  vars: Map<string, PhpValue>;
  consts: Map<string, PhpValue>;
  /** `$config` as assigned so far, by the key path as written. */
  config: Map<string, PhpValue>;
  hooks: PhpHooks;
}

export interface ConfigAssignment {
  file: string;
  line: number;
  /** The keys' names: `[Foo::BAR]['token']` → BAR, token. */
  names: string[];
  /** The keys as written: `[Foo::BAR]['token']`. */
  written: string;
  operator: string;
  value: PhpValue;
}

export interface PhpHooks {
  /** `$config[...] = value` (also `??=`, `.=`, and each target of `$a = $b = value`). */
  assign?(assignment: ConfigAssignment): void;
  /** `define('NAME', value)`, `const NAME = value`, a class constant. */
  define?(file: string, line: number, name: string, value: PhpValue): void;
  /** An array written in the code, once per time its expression is evaluated. */
  array?(file: string, value: Extract<PhpValue, { k: "array" }>): void;
  /** A string literal, for searches in code (`dev_only_private.key`). */
  string?(file: string, line: number, value: string): void;
  /** `require`/`include` of `target`: the loader reads the file in the same scope. */
  include?(file: string, line: number, target: PhpValue): void;
}

export function newScope(file: string, hooks: PhpHooks): PhpScope {
  return { file, vars: new Map(), consts: new Map(), config: new Map(), hooks };
}

function keyOf(node: PhpNode | null | undefined): { name?: string; written?: string } {
  if (!node) return {};
  switch (node.kind) {
    case "string":
      return { name: String(node.value), written: String(node.raw ?? `'${node.value}'`) };
    case "number":
      return { name: String(node.value), written: String(node.value) };
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
function configPath(node: PhpNode): { names: string[]; written: string } | undefined {
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

function stringOf(v: PhpValue): string | undefined {
  if (v.k === "string") return v.s;
  if (v.k === "number") return String(v.n);
  if (v.k === "bool") return v.b ? "1" : "";
  if (v.k === "null") return "";
  return undefined;
}

/** Parts joined into one string: written if every part is, from the environment if any is. */
function combine(parts: PhpValue[], line: number): PhpValue {
  let s = "";
  let env = false;
  let fallback: PhpValue | undefined;
  for (const p of parts) {
    const text = stringOf(p);
    if (text !== undefined) s = cut(s + text);
    else if (p.k === "env") env = true;
    else if (p.k === "fallback") fallback ??= p;
    else return { k: "expr", line };
  }
  if (fallback) return fallback;
  if (env) return { k: "env", line };
  return { k: "string", s, line };
}

/** Evaluates an expression in `scope`, running its hooks on what it finds inside. */
export function evaluate(node: PhpNode | null | undefined, scope: PhpScope): PhpValue {
  const line = lineOfNode(node);
  if (!node) return { k: "null", line };
  switch (node.kind) {
    case "string": {
      const s = String(node.value);
      scope.hooks.string?.(scope.file, line, s);
      return { k: "string", s: cut(s), line };
    }
    case "nowdoc": {
      const s = String(node.value);
      scope.hooks.string?.(scope.file, line, s);
      return { k: "string", s: cut(s), line };
    }
    case "encapsed": {
      const parts = (node.value as PhpNode[]).map((part) =>
        part.kind === "encapsedpart"
          ? evaluate(part.expression as PhpNode, scope)
          : evaluate(part, scope),
      );
      const v = combine(parts, line);
      if (v.k === "string") scope.hooks.string?.(scope.file, line, v.s);
      return v;
    }
    case "number":
      return { k: "number", n: Number(node.value), line };
    case "boolean":
      return { k: "bool", b: node.value === true, line };
    case "nullkeyword":
      return { k: "null", line };
    case "magic":
      return node.value === "__DIR__"
        ? { k: "string", s: `${MAGIC_DIR}${dirOf(scope.file)}`, line }
        : { k: "expr", line };
    case "name": {
      const name = String(node.name);
      const lower = name.toLowerCase();
      if (lower === "true" || lower === "false") return { k: "bool", b: lower === "true", line };
      if (lower === "null") return { k: "null", line };
      if (name === "APPLICATION_ROOT_DIR") return { k: "string", s: MAGIC_ROOT, line };
      return scope.consts.get(name) ?? { k: "expr", line };
    }
    case "staticlookup": {
      const offset = node.offset as PhpNode;
      const what = node.what as PhpNode;
      if (offset.kind === "identifier" && String(offset.name).toLowerCase() === "class") {
        const full = what.kind === "name" ? String(what.name) : "";
        return { k: "class", name: full.slice(full.lastIndexOf("\\") + 1), line };
      }
      return { k: "expr", line };
    }
    case "variable": {
      if (typeof node.name !== "string") return { k: "expr", line };
      return scope.vars.get(node.name) ?? { k: "expr", line };
    }
    case "offsetlookup": {
      const what = node.what as PhpNode;
      if (what.kind === "variable" && ENV_ARRAYS.has(String(what.name))) return { k: "env", line };
      const path = configPath(node);
      if (path) return scope.config.get(path.written) ?? { k: "expr", line };
      evaluate(node.offset as PhpNode, scope);
      const base = evaluate(what, scope);
      const key = keyOf(node.offset as PhpNode);
      if (base.k === "array" && key.name !== undefined)
        return base.entries.findLast((e) => e.name === key.name)?.value ?? { k: "expr", line };
      return { k: "expr", line };
    }
    case "array": {
      const entries: PhpEntry[] = [];
      for (const item of (node.items as (PhpNode | null)[]) ?? []) {
        if (!item) continue;
        if (item.kind === "entry") {
          const key = keyOf(item.key as PhpNode | null);
          const value = evaluate(item.value as PhpNode, scope);
          if (item.key) evaluate(item.key as PhpNode, scope);
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
            value: evaluate(item, scope),
            line: lineOfNode(item, line),
          });
        }
      }
      const array = { k: "array" as const, entries, line };
      scope.hooks.array?.(scope.file, array);
      return array;
    }
    case "bin": {
      const left = evaluate(node.left as PhpNode, scope);
      const right = evaluate(node.right as PhpNode, scope);
      const type = String(node.type);
      if (type === ".") return combine([left, right], line);
      if (type === "??") return orElse(left, right, line);
      return { k: "expr", line };
    }
    case "retif": {
      const test = evaluate(node.test as PhpNode, scope);
      const whenFalse = evaluate(node.falseExpr as PhpNode, scope);
      // `a ?: b`
      if (!node.trueExpr) return orElse(test, whenFalse, line);
      const whenTrue = evaluate(node.trueExpr as PhpNode, scope);
      return either(whenTrue, whenFalse, line);
    }
    case "cast": {
      const inner = evaluate(node.expr as PhpNode, scope);
      const type = String(node.type);
      if (type === "bool" || type === "boolean") {
        const s = stringOf(inner);
        if (s !== undefined) return { k: "bool", b: s !== "" && s !== "0", line };
      }
      if (type === "string") {
        const s = stringOf(inner);
        if (s !== undefined) return { k: "string", s, line };
      }
      return inner;
    }
    case "call": {
      const what = node.what as PhpNode;
      const name = what.kind === "name" ? String(what.name).replace(/^\\/, "").toLowerCase() : "";
      const args = ((node.arguments as PhpNode[]) ?? []).map((a) => evaluate(a, scope));
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
      if (STRING_FUNCTIONS.has(name)) {
        // implode(',', ['a', 'b']) and friends: the array's values count as parts.
        const parts = args.flatMap((a) => (a.k === "array" ? a.entries.map((e) => e.value) : [a]));
        return combine(parts, line);
      }
      return { k: "expr", line };
    }
    case "assign": {
      const value = assign(node, scope);
      return value;
    }
    case "include": {
      const target = evaluate(node.target as PhpNode, scope);
      scope.hooks.include?.(scope.file, line, target);
      return { k: "expr", line };
    }
    case "parenthesis":
      return evaluate(node.inner as PhpNode, scope);
    default:
      evaluateChildren(node, scope);
      return { k: "expr", line };
  }
}

/** The environment's value, else `right`: `getenv('X') ?: 'x'`, `$_ENV['X'] ?? 'x'`. */
function orElse(left: PhpValue, right: PhpValue, line: number): PhpValue {
  if (left.k === "env") return right.k === "env" ? left : { k: "fallback", of: right, line };
  if (left.k === "fallback") return left;
  if (left.k === "expr") return isWritten(right) ? { k: "fallback", of: right, line } : left;
  // A value written on the left is set: `??` and `?:` keep it (unless it is empty or false).
  const s = stringOf(left);
  if (s !== undefined && s !== "" && s !== "0") return left;
  return right;
}

/** `test ? a : b`: a value written in either branch is used on some machine. */
function either(a: PhpValue, b: PhpValue, line: number): PhpValue {
  if (isWritten(a) && isWritten(b)) return a.k === "string" ? a : b;
  if (a.k === "env" && isWritten(b)) return { k: "fallback", of: b, line };
  if (b.k === "env" && isWritten(a)) return { k: "fallback", of: a, line };
  if (a.k === "env" && b.k === "env") return a;
  if (a.k === "fallback") return a;
  if (b.k === "fallback") return b;
  return { k: "expr", line };
}

function isWritten(v: PhpValue): boolean {
  return v.k === "string" || v.k === "bool" || v.k === "number";
}

/** Paths start with these markers, so that the loader knows what a path is relative to. */
export const MAGIC_DIR = "\u0000dir:";
export const MAGIC_ROOT = "\u0000root:";

function dirOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i === -1 ? "" : file.slice(0, i);
}

function assign(node: PhpNode, scope: PhpScope): PhpValue {
  const right = evaluate(node.right as PhpNode, scope);
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
    scope.hooks.assign?.({ file: scope.file, line, ...path, operator, value: right });
    return value;
  }
  if (left.kind === "variable" && typeof left.name === "string") {
    const before = scope.vars.get(left.name);
    const value =
      operator === ".="
        ? combine([before ?? { k: "string", s: "", line }, right], line)
        : operator === "??="
          ? (before ?? right)
          : operator === "="
            ? right
            : { k: "expr" as const, line };
    scope.vars.set(left.name, value);
    return value;
  }
  if (left.kind === "offsetlookup") evaluate(left.offset as PhpNode, scope);
  return right;
}

/** Fields of a node that hold code, for nodes the evaluator does not read itself. */
const CHILD_FIELDS = [
  "children",
  "body",
  "alternate",
  "test",
  "expression",
  "expr",
  "arguments",
  "what",
  "items",
  "value",
  "init",
  "increment",
  "source",
  "left",
  "right",
  "properties",
  "constants",
  "cases",
  "catches",
  "always",
  "expressions",
  "trueExpr",
  "falseExpr",
];

function evaluateChildren(node: PhpNode, scope: PhpScope): void {
  for (const field of CHILD_FIELDS) {
    const v = node[field];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === "object" && "kind" in c) run(c as PhpNode, scope);
    } else if (v && typeof v === "object" && "kind" in v) run(v as PhpNode, scope);
  }
}

/**
 * Runs the statements of a file (or a block) in order. Both branches of an `if` run, one after
 * the other: golive cannot know the condition, and a value either branch sets may be used.
 * Function and method bodies run once where they stand, in the file's scope.
 */
export function run(node: PhpNode, scope: PhpScope): void {
  switch (node.kind) {
    case "program":
    case "namespace":
    case "block":
      for (const c of node.children as PhpNode[]) run(c, scope);
      return;
    case "expressionstatement":
      evaluate(node.expression as PhpNode, scope);
      return;
    case "constantstatement":
    case "classconstant":
      for (const c of node.constants as PhpNode[]) {
        const nameNode = c.name as PhpNode | string;
        const name = typeof nameNode === "string" ? nameNode : String(nameNode.name);
        const value = evaluate(c.value as PhpNode, scope);
        if (node.kind === "constantstatement") scope.consts.set(name, value);
        scope.hooks.define?.(scope.file, lineOfNode(c), name, value);
      }
      return;
    case "propertystatement":
      for (const p of node.properties as PhpNode[])
        if (p.value) evaluate(p.value as PhpNode, scope);
      return;
    case "usegroup":
    case "inline":
    case "declare":
    case "noop":
      return;
    default:
      // if, loops, switch, try, class, function, method: their parts, in order.
      if (STATEMENTS.has(node.kind)) evaluateChildren(node, scope);
      // return, echo, throw and any expression: evaluated where they stand.
      else evaluate(node, scope);
  }
}

/** Statements whose parts are run one by one. */
const STATEMENTS = new Set([
  "if",
  "while",
  "do",
  "for",
  "foreach",
  "switch",
  "case",
  "try",
  "catch",
  "class",
  "trait",
  "interface",
  "enum",
  "function",
  "method",
  "closure",
  "arrowfunc",
  "return",
  "echo",
  "print",
  "throw",
  "unset",
  "global",
  "static",
  "staticvariable",
  "property",
  "attrgroup",
]);

// ---------------------------------------------------------------------------------------------

/** What the value of a setting is, without keeping the value. */
export type ValueKind =
  /** A non-empty string literal. */
  | "literal"
  /** A string that says "replace me": CHANGE_ME, "Your private key.". */
  | "placeholder"
  /** `''`, `null`, `false`. */
  | "empty"
  /** `getenv('X')` and the like, with no literal to fall back on. */
  | "env"
  /** `getenv('X') ?: 'literal'`: the literal is used wherever the variable is unset. */
  | "fallback"
  /** Anything else: a variable golive cannot follow, a call, an array. */
  | "expression";

const PLACEHOLDER =
  /^(?:change[\s_-]?me|changeit|replace[\s_-]?me|to[\s_-]?do|fix[\s_-]?me|x{3,}|\*{3,}|<[^>]*>|\{\{[^}]*\}\}|your[\s_-].*|insert[\s_-].*|enter[\s_-].*|put[\s_-].*here\.?)$/i;

/** Whether a literal is a stand-in to replace, not a value. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** The kind of an evaluated value. */
export function kindOf(v: PhpValue): ValueKind {
  switch (v.k) {
    case "string":
      if (v.s.trim() === "") return "empty";
      return isPlaceholder(v.s) ? "placeholder" : "literal";
    case "fallback": {
      const inner = kindOf(v.of);
      if (inner === "literal") return "fallback";
      if (inner === "placeholder") return "placeholder";
      return "env";
    }
    case "env":
      return "env";
    case "bool":
    case "number":
    case "null":
      return "empty";
    case "array":
      return v.entries.length === 0 ? "empty" : "expression";
    default:
      return "expression";
  }
}

/** The line of the literal a value came from (a fallback's literal, not its `getenv`). */
export function literalLine(v: PhpValue): number {
  return v.k === "fallback" ? literalLine(v.of) : v.line;
}

/** Whether a value is switched on: `true`, `1`, `'1'`, `'true'`, or a fallback to one. */
export function isOn(v: PhpValue): boolean {
  if (v.k === "bool") return v.b;
  if (v.k === "number") return v.n !== 0;
  if (v.k === "string") return /^(?:1|true|on|yes)$/i.test(v.s.trim());
  if (v.k === "fallback") return isOn(v.of);
  return false;
}
