/**
 * The evaluator of php-parser's tree: what each expression is (verify/php-value.ts).
 * `$config[...]` assignments, `define()` and `const`, variables, `require`/`include` and array
 * entries reach the rules through hooks, in the order PHP runs the statements.
 */
import type { PhpNode } from "./php-ast.js";
import { arrayValue, callValue } from "./php-calls.js";
import {
  assign,
  assignRef,
  configPath,
  type Evaluator,
  entryAt,
  keyOf,
  lineOfNode,
  memberKey,
  property,
  store,
  variableName,
} from "./php-flow.js";
import { callArguments, functionValue } from "./php-functions.js";
import { declareAhead, declaredEarly, declareNow } from "./php-hoist.js";
import {
  cloneValue,
  declareProperty,
  enumCase,
  inherit,
  newValue,
  readClass,
  shortName,
} from "./php-objects.js";
import { cellOf, freshCell, type PhpScope, setRef } from "./php-scope.js";
import { combine, cut, either, orElse, type PhpValue, stringOf, unknown } from "./php-value.js";

const ENV_ARRAYS = new Set(["_ENV", "_SERVER"]);

export type { ConfigAssignment, PhpHooks, PhpScope } from "./php-scope.js";
export { newScope } from "./php-scope.js";

/** What php-flow.ts calls back. */
const engine: Evaluator = {
  evaluate: (node, scope) => evaluate(node, scope),
  run: (n, s) => run(n, s),
};

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
      const member = memberKey(node, scope);
      if (member === undefined) return { k: "expr", line };
      // `Secret::PW` above `class Secret`: the class is read first.
      if (!scope.consts.has(member)) declareNow("class", member.split("::")[0]!, scope, engine);
      return scope.consts.get(member) ?? { k: "expr", line };
    }
    case "variable": {
      const name = variableName(node, scope, engine);
      return (name !== undefined && scope.vars.get(cellOf(scope, name))) || { k: "expr", line };
    }
    case "offsetlookup": {
      const what = node.what as PhpNode;
      if (what.kind === "variable" && ENV_ARRAYS.has(String(what.name))) return { k: "env", line };
      // `$GLOBALS['pw']` is `$pw`.
      const global = what.kind === "variable" && what.name === "GLOBALS";
      const name = global ? keyOf(node.offset as PhpNode).name : undefined;
      if (name !== undefined) return scope.vars.get(cellOf(scope, name)) ?? { k: "expr", line };
      const path = configPath(node);
      if (path) return scope.config.get(path.written) ?? { k: "expr", line };
      evaluate(node.offset as PhpNode, scope);
      const base = evaluate(what, scope);
      const key = keyOf(node.offset as PhpNode);
      if (base.k !== "array" || key.name === undefined) return unknown(line, [base]);
      return entryAt(base, key.name) ?? { k: "expr", line };
    }
    case "propertylookup":
    case "nullsafepropertylookup":
      return property(node, scope, engine);
    case "closure":
    case "arrowfunc":
      return functionValue(node, scope, engine);
    case "new":
      return newValue(node, callArguments(node, scope, engine), scope, engine, (body) =>
        evaluateChildren(body, scope),
      );
    case "clone":
      return cloneValue(evaluate(node.what as PhpNode, scope), line);
    case "array":
      return arrayValue(node, scope, engine);
    case "bin": {
      const left = evaluate(node.left as PhpNode, scope);
      const right = evaluate(node.right as PhpNode, scope);
      const type = String(node.type);
      if (type === ".") return combine([left, right], line);
      if (type === "??") return orElse(left, right, line);
      // `'a' | 'b'` makes a string of both.
      return "|&^".includes(type) ? unknown(line, [left, right]) : { k: "expr", line };
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
      // `(object)[...]`: an object of its own, whose properties change in place.
      if (type === "object" && inner.k === "array")
        return { k: "array", entries: inner.entries.slice(), line, object: true };
      return inner;
    }
    case "call":
      return callValue(node, scope, engine);
    case "assign":
      return assign(node, scope, engine);
    case "assignref":
      return assignRef(node, scope, engine);
    case "include":
      return include(node, scope, true);
    case "parenthesis":
      return evaluate(node.inner as PhpNode, scope);
    case "match": {
      // `match (x) { a => 'l', default => getenv('X') }`: any arm may be the one production takes.
      evaluate(node.cond as PhpNode, scope);
      let value: PhpValue | undefined;
      for (const arm of (node.arms as PhpNode[] | null) ?? []) {
        for (const c of (arm.conds as PhpNode[] | null) ?? []) evaluate(c, scope);
        const body = evaluate(arm.body as PhpNode, scope);
        value = value === undefined ? body : either(value, body, line);
      }
      return value ?? { k: "expr", line };
    }
    default:
      evaluateChildren(node, scope);
      return { k: "expr", line };
  }
}

function include(node: PhpNode, scope: PhpScope, used: boolean): PhpValue {
  const line = lineOfNode(node);
  const target = evaluate(node.target as PhpNode, scope);
  const value = scope.hooks.include?.(scope.file, line, target, node.target as PhpNode, used);
  return value ?? { k: "expr", line };
}

/** Paths start with these markers, so that the loader knows what a path is relative to. */
export const MAGIC_DIR = "\u0000dir:";
export const MAGIC_ROOT = "\u0000root:";

function dirOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i === -1 ? "" : file.slice(0, i);
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
      // A file's functions and classes are declared before its statements run (php-hoist.ts).
      if (node.kind !== "block") declareAhead(node.children as PhpNode[], scope);
      for (const c of node.children as PhpNode[]) {
        run(c, scope);
        if (scope.stopAtReturn && ends(c)) return;
      }
      return;
    case "expressionstatement": {
      const expression = node.expression as PhpNode;
      if (expression.kind === "include") include(expression, scope, false);
      else evaluate(expression, scope);
      return;
    }
    case "constantstatement":
    case "classconstant":
      for (const c of node.constants as PhpNode[]) {
        const nameNode = c.name as PhpNode | string;
        const name = typeof nameNode === "string" ? nameNode : String(nameNode.name);
        const value = evaluate(c.value as PhpNode, scope);
        if (node.kind === "constantstatement") scope.consts.set(name, value);
        else if (scope.className) scope.consts.set(`${scope.className}::${name}`, value);
        scope.hooks.define?.(scope.file, lineOfNode(c), name, value);
      }
      return;
    case "propertystatement":
      for (const p of node.properties as PhpNode[]) {
        const value = evaluate(p.value as PhpNode | null, scope);
        const name = (p.name as PhpNode | null)?.name;
        if (typeof name !== "string") continue;
        if (!node.isStatic) declareProperty(scope, name, value, lineOfNode(p));
        else if (scope.className) scope.consts.set(`${scope.className}::$${name}`, value);
      }
      return;
    case "class":
    case "trait":
    case "interface":
    case "enum": {
      if (declaredEarly(node, scope)) return;
      const parent = node.extends as PhpNode | null | undefined;
      if (parent?.kind === "name")
        declareNow("class", shortName(String(parent.name)), scope, engine);
      // Its constants and static properties are kept by the class's name (`C::PW`, `self::PW`).
      const outer = scope.className;
      const name = (node.name as PhpNode | null)?.name;
      scope.className = typeof name === "string" ? name : undefined;
      scope.branch++;
      try {
        // A class's objects are made by `new` (php-objects.ts).
        readClass(node, scope.className, scope, () => evaluateChildren(node, scope));
      } finally {
        scope.branch--;
        scope.className = outer;
      }
      return;
    }
    case "enumcase": {
      // `case DbPassword = '...';`: `Secret::DbPassword->value` is the value, `->name` the name.
      const value = evaluate(node.value as PhpNode | null, scope);
      const name = (node.name as PhpNode | null)?.name;
      if (scope.className && typeof name === "string")
        scope.consts.set(
          `${scope.className}::${name}`,
          enumCase(scope.className, name, value, lineOfNode(node)),
        );
      return;
    }
    case "traituse":
      // `use Credentials;` in a class: the trait's properties and methods are the class's.
      for (const t of (node.traits as PhpNode[] | null) ?? []) {
        const name = shortName(String(t.name));
        declareNow("class", name, scope, engine);
        inherit(name, scope);
      }
      return;
    case "unset":
      // `unset($ref)` ends a reference: `$ref` is a new variable (not set), and whatever shares
      // what it held keeps it.
      for (const v of (node.variables as PhpNode[] | null) ?? [])
        if (v.kind === "variable" && typeof v.name === "string")
          setRef(scope, v.name, freshCell(scope));
      return;
    case "static":
      // `static $pw = '...';`
      for (const v of (node.variables as PhpNode[] | null) ?? [])
        store(
          v.variable as PhpNode,
          evaluate(v.defaultValue as PhpNode | null, scope),
          scope,
          engine,
        );
      return;
    case "return": {
      const value = evaluate(node.expr as PhpNode | null, scope);
      scope.returns?.push(value);
      return;
    }
    case "function":
    case "method":
    case "closure":
    case "arrowfunc":
      if (!declaredEarly(node, scope)) functionValue(node, scope, engine);
      return;
    case "foreach": {
      const source = evaluate(node.source as PhpNode, scope);
      scope.branch++;
      try {
        // The body runs once, with an element built from the source (golive cannot say which).
        if (node.key) store(node.key as PhpNode, { k: "expr", line: source.line }, scope, engine);
        if (node.value) store(node.value as PhpNode, unknown(source.line, [source]), scope, engine);
        if (node.body) run(node.body as PhpNode, scope);
      } finally {
        scope.branch--;
      }
      return;
    }
    case "usegroup":
    case "inline":
    case "declare":
    case "noop":
      return;
    default:
      // if, loops, switch, try, class, function, method: their parts, in order.
      if (BRANCHES.has(node.kind)) {
        scope.branch++;
        try {
          evaluateChildren(node, scope);
        } finally {
          scope.branch--;
        }
      } else if (STATEMENTS.has(node.kind)) evaluateChildren(node, scope);
      // return, echo, throw and any expression: evaluated where they stand.
      else evaluate(node, scope);
  }
}

/** Whether a statement ends the statements after it: `return`, `exit`, `die`. */
const ends = (node: PhpNode): boolean =>
  node.kind === "return" || (node.expression as PhpNode | null | undefined)?.kind === "exit";

/** Statements whose parts production may not run: branches, loops, bodies of functions. */
const BRANCHES = new Set([
  ..."if while do for foreach switch case catch".split(" "),
  ..."class trait interface enum function method closure arrowfunc".split(" "),
]);

/** Statements whose parts are run one by one. */
const STATEMENTS = new Set([
  ...BRANCHES,
  ..."try return echo print throw unset global static staticvariable property attrgroup".split(" "),
]);
