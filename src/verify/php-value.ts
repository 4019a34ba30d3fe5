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

/** Strings the evaluator builds are cut here: `$x .= $x` thirty times must not take a GiB. */
const MAX_STRING = 4096;

export function cut(s: string): string {
  return s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
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
    else return { k: "expr", line };
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
  if (left.k === "expr") return isWritten(right) ? { k: "fallback", of: right, line } : left;
  // A value written on the left is set: `??` and `?:` keep it (unless it is empty or false).
  const s = stringOf(left);
  if (s !== undefined && s !== "" && s !== "0") return left;
  return right;
}

/** `test ? a : b`: a value written in either branch is used on some machine. */
export function either(a: PhpValue, b: PhpValue, line: number): PhpValue {
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
