/**
 * Parameters of the file's functions, methods and closures. A body is read once, where it
 * stands (verify/php-flow.ts `functionValue`), each parameter a marker of its value (`{ k:
 * "param" }`); a call binds them (`bind`): what the function returns, each marker replaced by
 * the call's argument, or by the default the call leaves out. So `function pw($x = '...') {
 * return getenv('PW') ?: $x; }` makes `pw()` the environment with a literal fallback, and
 * `pw(getenv('X'))` the environment.
 */
import {
  type Arguments,
  orElse,
  type PhpEntry,
  type PhpParams,
  type PhpValue,
  unknown,
} from "./php-value.js";

export type { Arguments } from "./php-value.js";

/**
 * At most this many parts of values are rebuilt for the calls of a file, and this many for
 * one call: a call of a function that returns an array of 1,000 parameters, made 2,000 times,
 * must not take 2,000,000 steps. Past either bound, a call is built from what the function
 * returns, the arguments and the defaults (their literals are searched, not bound).
 */
export const BIND_BUDGET = 1 << 15;
const MAX_BIND = 4096;
/** And at most this deep (`$x = [$x]` six thousand times must not overflow the stack). */
const MAX_DEPTH = 200;

/** Thrown when a value is larger than the bound: the call is then built from its parts. */
const TOO_LARGE = new Error("too large to bind");

/** The value parameter `i` has in a call with `args`. */
function argumentFor(params: PhpParams, i: number, args: Arguments, line: number): PhpValue {
  const byName = args.named.get(params.names[i]!);
  if (byName) return byName;
  if (params.variadic === i) {
    const rest = args.values.slice(i, Math.max(i, args.positional));
    const entries: PhpEntry[] = rest.map((value) => ({
      name: undefined,
      written: undefined,
      value,
      line,
    }));
    return args.open ? unknown(line, rest) : { k: "array", entries, line };
  }
  if (i < args.positional) return args.values[i]!;
  const fallback = params.defaults[i];
  // `f(...$unknown)`: the argument or the default, golive cannot say which.
  if (args.open) return unknown(line, fallback ? [fallback] : []);
  return fallback ?? { k: "null", line };
}

/** Whether `value` holds a marker of `params` (one walk, when the function is read). */
export function mentions(value: PhpValue, params: PhpParams): boolean {
  const seen = new Set<PhpValue>();
  const stack = [value];
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (seen.has(v)) continue;
    // Past the walk's bound, a call binds (and gives up there too).
    if (seen.size >= MAX_BIND) return true;
    seen.add(v);
    if (v.k === "param" && v.of === params) return true;
    if (v.k === "fallback") stack.push(v.of);
    else if (v.k === "closure") stack.push(v.returns);
    else if (v.k === "expr") for (const p of v.from ?? []) stack.push(p);
    else if (v.k === "array") for (const e of v.entries) stack.push(e.value);
  }
  return false;
}

/**
 * `value` (what a function returns, an object's properties) with the markers of `params`
 * replaced by what a call with `args` gives them; the parts that hold none are shared, not
 * copied. `budget` is what is left of the file's (`BIND_BUDGET`).
 */
export function bind(
  value: PhpValue,
  params: PhpParams,
  args: Arguments,
  line: number,
  budget: { left: number },
): PhpValue {
  const values: PhpValue[] = [];
  const memo = new Map<PhpValue, PhpValue>();
  let steps = 0;
  let depth = 0;
  const walk = (v: PhpValue): PhpValue => {
    const done = memo.get(v);
    if (done) return done;
    if (depth >= MAX_DEPTH) throw TOO_LARGE;
    // Each part and each of its entries is a step.
    const cost =
      1 + (v.k === "array" ? v.entries.length : v.k === "expr" ? (v.from?.length ?? 0) : 0);
    steps += cost;
    budget.left -= cost;
    if (steps > MAX_BIND || budget.left < 0) throw TOO_LARGE;
    // A value that holds itself (`$o->self = $o`) is not rebuilt inside itself.
    memo.set(v, v);
    depth++;
    let out = v;
    if (v.k === "param" && v.of === params)
      out = values[v.index] ??= argumentFor(params, v.index, args, line);
    else if (v.k === "fallback") {
      const of = walk(v.of);
      // A fallback is `getenv(...) ?: of`: built again, `?: getenv('X')` is the environment.
      if (of !== v.of) out = orElse({ k: "env", line: v.line }, of, v.line);
    } else if (v.k === "closure") {
      const returns = walk(v.returns);
      if (returns !== v.returns) out = { ...v, returns };
    } else if (v.k === "expr" && v.from) {
      const from = v.from.map(walk);
      if (from.some((f, i) => f !== v.from![i])) {
        const made = unknown(v.line, from);
        out =
          made.k !== "expr"
            ? made
            : { ...made, ...(v.cls ? { cls: v.cls, obj: v.obj, made: v.made } : {}) };
      }
    } else if (v.k === "array") {
      let changed = false;
      const entries = v.entries.map((e) => {
        const bound = walk(e.value);
        if (bound === e.value) return e;
        changed = true;
        return { name: e.name, written: e.written, value: bound, line: e.line };
      });
      if (changed) out = { ...v, entries };
    }
    depth--;
    memo.set(v, out);
    return out;
  };
  try {
    return walk(value);
  } catch (error) {
    if (error !== TOO_LARGE) throw error;
    return unknown(line, [value, ...args.values, params.all]);
  }
}
