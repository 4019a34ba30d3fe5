/**
 * What a PHP expression is, as far as golive can tell without running it: a string written in
 * the file, a read of the environment, a literal fallback for one, a boolean, an array, a class
 * name; how written parts combine, and the kind of a value as the rules judge it. Values the
 * evaluator keeps (a password among them) stay in this process: findings carry kinds and
 * lines, never values.
 */

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
  | PhpArray
  /** `Foo::class`: the class's short name. */
  | { k: "class"; name: string; line: number }
  /**
   * A closure, arrow function or function of the file: what it returns, wherever it is called;
   * `params`: its parameters, which a call binds (verify/php-params.ts).
   */
  | { k: "closure"; returns: PhpValue; line: number; params?: PhpParams }
  /**
   * A parameter inside the body of the function `of` (index `index`): a call of the function
   * puts its argument, or the default it leaves out, in its place (verify/php-params.ts).
   */
  | { k: "param"; of: PhpParams; index: number; line: number }
  /**
   * Anything else: a call, an object, a constant golive does not know; `from` holds the values
   * it was built from (a call's arguments, the parts of a concatenation), for APP-17's search;
   * `cls`: an object of a class of the file (`new Secrets(...)`), by its short name, and `obj`
   * its properties as `new` set them and `made` the constructor's call (verify/php-objects.ts).
   */
  | {
      k: "expr";
      line: number;
      from?: PhpValue[];
      cls?: string;
      obj?: PhpArray;
      made?: { ctor: PhpParams; args: Arguments };
    };

/**
 * An array, or an object (`new stdClass`, `(object)[...]`: its properties are entries);
 * `cls`: an object of a class of the file (an enum's case, `$this`), by its short name.
 */
export interface PhpArray {
  k: "array";
  entries: PhpEntry[];
  line: number;
  object?: true;
  cls?: string;
}

/** A call's arguments: in order, and those passed by name (`f(x: '...')`). */
export interface Arguments {
  values: PhpValue[];
  named: Map<string, PhpValue>;
  /** How many of `values` come before the first named one: those bind by position. */
  positional: number;
  /** A spread golive cannot read (`f(...$unknown)`): which parameters it fills is not known. */
  open: boolean;
}

/** A function's parameters, as its body was read. */
export interface PhpParams {
  names: string[];
  /** Each one's default value; undefined for none. */
  defaults: (PhpValue | undefined)[];
  /** The index of a variadic one (`...$rest`), which takes the rest of the arguments. */
  variadic?: number;
  /** A value built from all the defaults: what a call golive does not bind is searched for. */
  all: PhpValue;
  /** What the body leaves in each by-reference parameter (`function f(&$x) { $x = '...'; }`). */
  out?: Map<number, PhpValue>;
}

export interface PhpEntry {
  /** The key's name: `'key'` → key, `Foo::BAR` → BAR; undefined for `[]`-style items. */
  name: string | undefined;
  /** The key as written: `'key'`, `Foo::BAR`. */
  written: string | undefined;
  value: PhpValue;
  line: number;
}

/** Strings the evaluator builds are cut here: `$x .= $x` thirty times must not take a GiB. */
const MAX_STRING = 4096;

export function cut(s: string): string {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
}

/** A value golive cannot resolve, built from `parts`: those that may hold a literal are kept. */
export function unknown(line: number, parts: readonly PhpValue[] = []): PhpValue {
  const from = parts.filter(
    (p) =>
      p.k === "string" ||
      p.k === "array" ||
      p.k === "fallback" ||
      p.k === "closure" ||
      p.k === "param" ||
      (p.k === "expr" && p.from !== undefined),
  );
  return from.length === 0 ? { k: "expr", line } : { k: "expr", line, from };
}

export function stringOf(v: PhpValue): string | undefined {
  if (v.k === "string") return v.s;
  if (v.k === "number") return String(v.n);
  if (v.k === "bool") return v.b ? "1" : "";
  if (v.k === "null") return "";
  return undefined;
}

/** Parts joined into one string: written if every part is, from the environment if any is. */
export function combine(parts: PhpValue[], line: number): PhpValue {
  let s = "";
  let env = false;
  let fallback: PhpValue | undefined;
  for (const p of parts) {
    const text = stringOf(p);
    if (text !== undefined) s = cut(s + text);
    else if (p.k === "env") env = true;
    else if (p.k === "fallback") fallback ??= p;
    else return unknown(line, parts);
  }
  if (fallback) return fallback;
  if (env) return { k: "env", line };
  return { k: "string", s, line };
}

/** The environment's value, else `right`: `getenv('X') ?: 'x'`, `$_ENV['X'] ?? 'x'`. */
export function orElse(left: PhpValue, right: PhpValue, line: number): PhpValue {
  // `$_SERVER['X'] ?? $_ENV['Y'] ?? 'x'`: the right is already a fallback to the literal.
  if (left.k === "env")
    return right.k === "env" || right.k === "fallback" ? right : { k: "fallback", of: right, line };
  if (left.k === "fallback") return left;
  // A value golive cannot resolve, a function's parameter among them, may be the environment.
  if (left.k === "expr" || left.k === "param")
    return isWritten(right) ? { k: "fallback", of: right, line } : unknown(line, [left, right]);
  // A value written on the left is set: `??` and `?:` keep it (unless it is empty or false).
  const s = stringOf(left);
  if (s !== undefined && s !== "" && s !== "0") return left;
  return right;
}

/** `test ? a : b`: a value written in either branch is used on some machine. */
export function either(a: PhpValue, b: PhpValue, line: number): PhpValue {
  // Both written: a string over a number or bool; of two strings the one that may be a secret
  // (`getenv('DEV') ? '' : '...'`), else the first; of two others the second (`? true : false`).
  if (isWritten(a) && isWritten(b)) {
    if (a.k === "string" && b.k === "string") return weight(b) > weight(a) ? b : a;
    return a.k === "string" ? a : b;
  }
  if (a.k === "env" && isWritten(b)) return { k: "fallback", of: b, line };
  if (b.k === "env" && isWritten(a)) return { k: "fallback", of: a, line };
  if (a.k === "env" && b.k === "env") return a;
  if (a.k === "fallback") return a;
  if (b.k === "fallback") return b;
  return unknown(line, [a, b]);
}

/**
 * What a write inside a branch leaves in a variable that held `before`: a written value
 * replaces it as PHP would (`$debug = false; if (...) { $debug = 1; }` is on), unless it is
 * emptier text than a string before it; anything else (getenv(), a call) keeps a written or
 * fallback value beside it, so a literal set in one branch is not hidden by the next.
 */
export function branchWrite(before: PhpValue, value: PhpValue, line: number): PhpValue {
  if (isWritten(value)) return weight(before) > weight(value) ? before : value;
  // An array or an object replaces too: its entries are read one by one later.
  if (value.k === "array" || (value.k === "expr" && value.obj)) return value;
  if (isWritten(before) || before.k === "fallback") return either(before, value, line);
  return value;
}

/** A string's rank as a secret: empty, then a placeholder, then text; 0 for anything else. */
function weight(v: PhpValue): number {
  if (v.k !== "string") return 0;
  if (v.s.trim() === "") return 1;
  return isPlaceholder(v.s) ? 2 : 3;
}

function isWritten(v: PhpValue): boolean {
  return v.k === "string" || v.k === "bool" || v.k === "number";
}

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
  /^(?:!?change[\s_-]?me!?|changeit|replace[\s_-]?me|to[\s_-]?do|fix[\s_-]?me|x{3,}|\*{3,}|<[^>]*>|\{\{[^}]*\}\}|your[\s_-].*|insert[\s_-].*|enter[\s_-].*|put[\s_-].*here\.?)$/i;

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
      if (inner === "literal" || inner === "fallback") return "fallback";
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

/**
 * What a file `require`d for its value returns (`$config[X] = require 'db.php'` of a file that
 * says `return '...';`), as a value of the line that requires it; undefined for anything but a
 * string, the environment or a fallback (arrays and the rest are judged in their own file).
 */
export function returned(returns: readonly PhpValue[], line: number): PhpValue | undefined {
  let value: PhpValue | undefined;
  for (const r of returns) value = value === undefined ? r : either(value, r, line);
  if (value?.k === "string" || value?.k === "env") return { ...value, line };
  if (value?.k === "fallback") {
    const of = returned([value.of], line);
    return of && { k: "fallback", of, line };
  }
  return undefined;
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

/**
 * Whether a literal found inside a value golive cannot resolve reads as a secret rather than as
 * what code passes around a secret: six characters or more, no white space, and not a name
 * (`DB_PASSWORD`, `db_password`, `Pyz\Shared\X`), a path, a URL or a format (`%s:%s`).
 */
export function looksSecret(s: string): boolean {
  if (s.length < 6 || /\s/.test(s) || isPlaceholder(s) || s.includes("\u0000")) return false;
  if (/^(?:\.{0,2}\/|[a-z][\w+.-]*:\/\/)/i.test(s)) return false;
  if (/%(?:\d+\$)?[-+ 0#']*\d*(?:\.\d+)?[bcdeEfFgGosuxX]/.test(s)) return false;
  if (isConstantName(s) || /^\\?[A-Za-z_]\w*(?:\\[A-Za-z_]\w*)+$/.test(s)) return false;
  return !(/^[\w.-]+$/.test(s) && NAMES_SECRET.test(s));
}

/**
 * `DB_PASSWORD`, `SHA3_256`, `AES256CBC`: capitals, digits and `_` as a constant is named; not
 * a key of capitals and digits mixed through it (`F9A3C27B41D0E8B5`: three or more letters
 * right after a digit).
 */
function isConstantName(s: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(s) && (s.match(/\d[A-Z]/g)?.length ?? 0) < 3;
}

/**
 * `looksSecret` for a literal found only inside a value golive could not resolve: an argument
 * of a call it cannot see, a piece beside an unknown. There a literal is as often a lookup as a
 * value (`Vault::read('kv', 'shop', 'db')`, `$secrets->get('database')`, `decrypt($x, 'aes',
 * 'cbc')`), and a lookup is words: it counts only when it also mixes letters and digits, and
 * is not the name of a hash or cipher (`sha256`, `aes-256-cbc`). A lower-case name with digits
 * (`rds-prod-eu1`) still counts: people's passwords look the same (`summer2024`).
 */
export function looksSecretInside(s: string): boolean {
  return looksSecret(s) && /[A-Za-z]/.test(s) && /\d/.test(s) && !isAlgorithmName(s);
}

/** Hash, cipher and signature algorithms' names as PHP's functions take them. */
const ALGORITHM =
  /^(?:sha(?:1|224|256|384|512(?:\/2(?:24|56))?)|sha3-(?:224|256|384|512)|md[245]|crc32[bc]?|ripemd(?:128|160|256|320)|whirlpool|xxh(?:32|64|3|128)|murmur3[acf]|fnv1a?(?:32|64)|(?:aes|aria|camellia)-(?:128|192|256)(?:-[a-z0-9]+)*|chacha20(?:-poly1305)?|des-ede3(?:-[a-z0-9]+)?|bf-[a-z0-9]+|[hrep]s(?:256|384|512)|rsa-sha(?:1|256|384|512))$/i;

/** Whether a literal names a hash, cipher or signature algorithm (`sha256`, `aes-256-cbc`). */
export function isAlgorithmName(s: string): boolean {
  return ALGORITHM.test(s);
}

/** A word that names a secret: `db_password`, `apiToken` (a lookup by name, not a value). */
const NAMES_SECRET = /secret|passw|token|credential|api[-_.]?key|private[-_.]?key/i;

/**
 * The string literals a value golive could not resolve is built from: through what unknown
 * expressions were built from, what closures return, fallbacks, and the entries of arrays that
 * `follow` accepts. `seen` is shared by a file's searches: a value shared through variables is
 * searched once (an array again only when it has grown: objects change in place).
 */
export function literalsIn(
  value: PhpValue,
  follow: (entry: PhpEntry) => boolean,
  seen: Map<PhpValue, number>,
): Extract<PhpValue, { k: "string" }>[] {
  const out: Extract<PhpValue, { k: "string" }>[] = [];
  const stack = [value];
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    const size = v.k === "array" ? v.entries.length : 0;
    const before = seen.get(v);
    if (before !== undefined && before >= size) continue;
    seen.set(v, size);
    if (v.k === "string") out.push(v);
    else if (v.k === "fallback") stack.push(v.of);
    else if (v.k === "closure") stack.push(v.returns);
    else if (v.k === "expr") for (const p of v.from ?? []) stack.push(p);
    else if (v.k === "array")
      for (let i = before ?? 0; i < v.entries.length; i++)
        if (follow(v.entries[i]!)) stack.push(v.entries[i]!.value);
  }
  return out;
}
