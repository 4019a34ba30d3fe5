/**
 * The scope the evaluator (verify/php-eval.ts) runs PHP in: variables, constants, `$config` so
 * far, the file's functions, and the hooks that hear what it finds. A file of its own so that
 * php-flow.ts and php-calls.ts, which php-eval.ts imports, need nothing back from it.
 */
import type { PhpNode } from "./php-ast.js";
import { BIND_BUDGET } from "./php-params.js";
import type { PhpParams, PhpValue } from "./php-value.js";

/** What the evaluator needs from its surroundings, and hears about as it goes. */
export interface PhpScope {
  /** The file being read, relative to the repository root. */
  file: string;
  vars: Map<string, PhpValue>;
  /**
   * `$ref = &$pw`: the variable whose storage `$ref` now shares, by name (the name of the
   * variable that held it first). One step, never a chain: a chain of references is O(1) a read.
   */
  refs: Map<string, string>;
  /** How many storage names `unset` has made (`freshCell`). */
  cells?: number;
  /** The references a function body being read made or ended, undone after it (its own). */
  refsMade?: [string, string | undefined][] | undefined;
  consts: Map<string, PhpValue>;
  /** `$config` as assigned so far, by the key path as written. */
  config: Map<string, PhpValue>;
  hooks: PhpHooks;
  /** How many branches, loops or function bodies the statement being run is inside. */
  branch: number;
  /** A `return` or `exit` ends the file's statements (the loader's reading; not APP-17's). */
  stopAtReturn?: boolean;
  /** The values the function body being run returns. */
  returns?: PhpValue[];
  /** The class whose body is being run: `self::` is it. */
  className?: string | undefined;
  /** What is left of the parts calls may rebuild to bind their arguments (php-params.ts). */
  binding: { left: number };
  /** Functions declared in the files read so far, by lower-case name. */
  functions: Map<string, PhpValue>;
  /** Classes declared in the files read so far, by lower-case short name (php-objects.ts). */
  classes: Map<string, PhpClass>;
  /** Declarations further down the files being read, by `function name` or `class name`. */
  ahead: Map<string, PhpNode>;
  /** Declarations read at a use above them (php-hoist.ts): passed over where they stand. */
  early: Set<PhpNode>;
  /** The class whose body is being read. */
  reading?: PhpClass | undefined;
}

/** A class of the file, as `new` makes its objects (php-objects.ts). */
export interface PhpClass {
  /** The object `new` copies: defaults, promoted parameters, what the constructor sets. */
  object: Extract<PhpValue, { k: "array" }>;
  /** The constructor's parameters, which `new C(...)` binds. */
  ctor?: PhpParams;
  /** The entries of `object` that hold a constructor parameter. */
  bound?: number[];
  /** The parent and the traits it takes properties and methods from, by short name. */
  from?: string[];
  /** `$this` in the methods but the constructor. */
  methods?: Extract<PhpValue, { k: "array" }>;
}

export interface ConfigAssignment {
  file: string;
  line: number;
  /** The keys' names: `[Foo::BAR]['token']` → BAR, token. */
  names: string[];
  /** The keys as written: `[Foo::BAR]['token']`. */
  written: string;
  operator: string;
  /** Inside an `if`, a loop, a `switch` or a function: production may not run it. */
  conditional?: true;
  value: PhpValue;
}

export interface PhpHooks {
  /** `$config[...] = value` (also `??=`, `.=`, and each target of `$a = $b = value`). */
  assign?(assignment: ConfigAssignment): void;
  /** `define('NAME', value)`, `const NAME = value`, a class constant. */
  define?(file: string, line: number, name: string, value: PhpValue): void;
  /** An element or property set (`$db['password'] = v`, `$o->pw = v`): the target as written. */
  element?(file: string, line: number, target: string, name: string, value: PhpValue): void;
  /** An array written in the code, once per time its expression is evaluated. */
  array?(file: string, value: Extract<PhpValue, { k: "array" }>): void;
  /** A string literal, for searches in code (`dev_only_private.key`). */
  string?(file: string, line: number, value: string): void;
  /**
   * `require`/`include` of `target`: the loader reads the file in the same scope. `used`: the
   * expression's value is used (`$x = require ...`); the hook may give what the file returns.
   */
  include?(
    file: string,
    line: number,
    target: PhpValue,
    expression: PhpNode,
    used: boolean,
  ): PhpValue | undefined;
}

export function newScope(file: string, hooks: PhpHooks): PhpScope {
  const functions = new Map<string, PhpValue>();
  return {
    file,
    vars: new Map(),
    refs: new Map(),
    consts: new Map(),
    config: new Map(),
    hooks,
    branch: 0,
    binding: { left: BIND_BUDGET },
    functions,
    classes: new Map(),
    ahead: new Map(),
    early: new Set(),
  };
}

/** The name `$name`'s value is stored under: its own, or the one a reference (`=&`) shares. */
export function cellOf(scope: PhpScope, name: string): string {
  return scope.refs.get(name) ?? name;
}

/** `$name` shares `cell`'s storage from now on (`=&`), or its own again (`unset`, no cell). */
export function setRef(scope: PhpScope, name: string, cell: string | undefined): void {
  scope.refsMade?.push([name, scope.refs.get(name)]);
  if (cell === undefined) scope.refs.delete(name);
  else scope.refs.set(name, cell);
}

/** A storage name no PHP variable has: a variable's own again after `unset`. */
export function freshCell(scope: PhpScope): string {
  scope.cells = (scope.cells ?? 0) + 1;
  return `\u0000${scope.cells}`;
}
