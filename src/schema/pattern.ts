/**
 * The regular expressions golive's files hold: a catalogue check's `pattern` and a
 * `verify.allow` entry's. They come from files anyone can change in a pull request, so they
 * never run in JavaScript's backtracking engine, where `(a+)+$` against one long line takes
 * minutes. They run in RE2 (the re2js port), which matches in time linear in the text.
 *
 * A pattern is written as a JavaScript regular expression (with the `u` flag) and must also be
 * one RE2 can run: everything but backreferences and lookaround. Both are checked when the file
 * is read (the schemas refine with `patternProblem`), so a pattern that cannot run is refused
 * with its place in the file, not found out at `golive verify`. It lives in schema/ because the
 * schemas check it and verify/ runs it: one definition of what compiles.
 */
import type * as Re2 from "re2js";

let engine: typeof Re2 | undefined;

/**
 * re2js, loaded the first time a pattern is checked or compiled. It is 147 KiB of the bundle
 * whose loading takes 8 ms of the 120 a `golive status` takes, and most runs have no
 * pattern to check: the shipped catalogue was checked at build time and few golive.yaml have
 * verify.allow patterns. Loading it lazily and synchronously takes a `require`: the bundle is
 * CommonJS, where esbuild bundles `require("re2js")` as a module run on first call; run as an
 * ES module from source there is no `require`, and one is made from this file's URL (Node's
 * `process.getBuiltinModule`, so schema/ imports nothing of Node's at load time).
 */
function re2(): typeof Re2 {
  if (engine) return engine;
  if (typeof require === "function") engine = require("re2js") as typeof Re2;
  else {
    const { createRequire } = process.getBuiltinModule("node:module");
    engine = createRequire(import.meta.url)("re2js") as typeof Re2;
  }
  return engine;
}

export interface Pattern {
  /** The pattern as written in the file. */
  readonly source: string;
  /** Whether some part of `text` matches, in time linear in `text`. */
  test(text: string): boolean;
}

export interface PatternOptions {
  ignoreCase?: boolean;
  /** `^` and `$` match at each line's start and end, not only the text's. */
  multiline?: boolean;
}

/**
 * JavaScript's escapes that RE2 spells otherwise: `\u00e9`, `\u{1F680}` and a surrogate pair
 * (one code point under the `u` flag) become `\x{...}`, `\cJ` becomes `\x{a}`. The rest of the
 * syntax is the same in both, or refused by one of them.
 */
function toRe2(source: string): string {
  return source.replace(
    /\\(?:\\|u\{([0-9a-fA-F]+)\}|u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|u([0-9a-fA-F]{4})|c([a-zA-Z]))/giu,
    (whole, braced?: string, high?: string, low?: string, four?: string, control?: string) => {
      if (braced) return `\\x{${braced}}`;
      if (high && low) {
        const point =
          (Number.parseInt(high, 16) - 0xd800) * 0x400 + Number.parseInt(low, 16) - 0xdc00;
        return `\\x{${(point + 0x10000).toString(16)}}`;
      }
      if (four) return `\\x{${four}}`;
      if (control) return `\\x{${(control.charCodeAt(0) % 32).toString(16)}}`;
      return whole;
    },
  );
}

function flagsOf(options: PatternOptions): number {
  return (
    (options.ignoreCase ? re2().RE2JS.CASE_INSENSITIVE : 0) |
    (options.multiline ? re2().RE2JS.MULTILINE : 0)
  );
}

/**
 * Why `source` cannot be a pattern in golive's files, or undefined when it can. The wording is
 * shown after the field's place, like "verify.allow[0].pattern: ...".
 */
export function patternProblem(source: string): string | undefined {
  // RE2's time is linear in the text, times the size of the pattern's program: a 1,800-character
  // `a{0,1000}a{0,1000}...` took 9 s to compile and 10 s on one 200 KB file. Both are bounded.
  if (source.length > MAX_PATTERN_CHARS) {
    return `longer than ${MAX_PATTERN_CHARS.toLocaleString("en")} characters (${source.length.toLocaleString("en")}): golive runs patterns in time that grows with their size`;
  }
  try {
    new RegExp(source, "u");
  } catch (error) {
    // "Invalid regular expression: /(/u: Unterminated group" -> "Unterminated group"
    const reason = String((error as Error).message).replace(/^.*\/[a-z]*: /s, "");
    return `expected a valid regular expression: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
  }
  try {
    const { RE2JS } = re2();
    const size = Math.max(
      RE2JS.compile(toRe2(source)).programSize(),
      RE2JS.compile(toRe2(source), RE2JS.CASE_INSENSITIVE).programSize(),
    );
    if (size > MAX_PROGRAM) {
      return `too large: it compiles to ${size.toLocaleString("en")} steps, golive runs at most ${MAX_PROGRAM} (${SAID}, times the pattern's size); shorten repeats like a{0,1000}`;
    }
    return undefined;
  } catch (error) {
    if (!(error instanceof re2().RE2JSSyntaxException)) throw error;
    return unsupported(source, error);
  }
}

const SAID = "golive runs patterns in RE2, which matches in linear time";

/** The longest pattern, and the longest glob, golive's files may hold. */
export const MAX_PATTERN_CHARS = 1_000;
/**
 * The most instructions a pattern may compile to in RE2 (either case mode). The shipped
 * catalogue's largest takes 81; `.{1000}` takes 1,002.
 */
export const MAX_PROGRAM = 500;

/**
 * Why `glob` cannot be a glob in golive's files, or undefined when it can. verify/glob.ts runs
 * every glob in RE2 but a negated extglob (`!(x)`), whose lookahead RE2 lacks: JavaScript's
 * engine runs it, where wildcards inside it (or many around it) backtrack for hours on one
 * long path (`!(*a*a*a*a*a*a*a*a*b)`: 13 s on 40 characters; a leading `!`, which negates the
 * whole glob, the same). So it may hold plain names only (`!(Zed)`, `!(Zed|Yves)`), in a glob
 * of at most two `*` runs, no braces and no other extglob.
 */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_PATTERN_CHARS) {
    return `longer than ${MAX_PATTERN_CHARS.toLocaleString("en")} characters (${glob.length.toLocaleString("en")})`;
  }
  const plain = glob.replace(/\\./g, "");
  // A leading `!` negates the whole glob, with a lookahead too.
  const whole = plain.startsWith("!") && !plain.startsWith("!(");
  const negated = plain.indexOf("!(");
  if (!whole && negated === -1) return undefined;
  const body = whole ? "" : /^!\(([^)]*)\)/.exec(plain.slice(negated))?.[1];
  const rest = whole
    ? plain.slice(1)
    : `${plain.slice(0, negated)}${plain.slice(negated + 3 + (body ?? "").length)}`;
  const stars = plain.match(/\*+/g)?.length ?? 0;
  if (
    body === undefined ||
    /[*?[\]{}()!@+]/.test(body) ||
    /[*+?@!]\(|\{|^!/.test(rest) ||
    stars > 2
  ) {
    return "a negated glob (!x, or an extglob !(...) holding plain names only: !(Zed), !(Zed|Yves)) may have at most two * wildcards, no braces and no other extglob: it runs in JavaScript's engine, where more backtracks without end";
  }
  return undefined;
}

function unsupported(source: string, error: Re2.RE2JSSyntaxException): string {
  if (/\\(?:[1-9]|k<)/.test(source.replace(/\\\\/g, ""))) {
    return `backreferences like \\1 or \\k<name> are not supported (${SAID})`;
  }
  if (/\(\?<?[=!]/.test(source.replace(/\\[\\(]/g, ""))) {
    return `lookahead and lookbehind like (?=...) or (?<!...) are not supported (${SAID})`;
  }
  const what = error.getDescription();
  const at = error.input ? ` at ${error.input}` : "";
  return `not supported by RE2 (${SAID}): ${what}${at}`;
}

/**
 * Compiles a pattern the schema accepted. Throws for one it would have refused: callers get
 * patterns only from checked files.
 */
export function compilePattern(source: string, options: PatternOptions = {}): Pattern {
  const re = re2().RE2JS.compile(toRe2(source), flagsOf(options));
  return { source, test: (text) => re.test(text) };
}

/**
 * Whether every match of `source` holds `text`: each alternative at the top level spells `text`
 * out in a run of plain characters outside any group, class or quantifier (`x?` drops the x).
 * A `contains` shortcut that this does not prove is refused, since a wrong one would skip the
 * very files that match. Sufficient, not complete: a pattern can imply a text in ways this
 * does not see, and then `contains` is refused though it would be right.
 */
export function requiresText(source: string, text: string, ignoreCase: boolean): boolean {
  const fold = (t: string) => (ignoreCase ? t.toLowerCase() : t);
  const wanted = fold(text);
  const branches: string[][] = [[]];
  let run = "";
  let depth = 0;
  let inClass = false;
  const end = () => {
    branches.at(-1)!.push(fold(run));
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inClass) {
      if (c === "\\") i++;
      else if (c === "]") inClass = false;
      continue;
    }
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      i++;
      // An escaped punctuation character is itself; \d, \w, \b and the like are not text.
      if (depth === 0 && /[^\w\s]/.test(next)) run += next;
      else if (depth === 0) end();
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (depth === 0) end();
      continue;
    }
    if (c === "(") {
      depth++;
      if (depth === 1) end();
      continue;
    }
    if (c === ")") {
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (c === "|") {
      end();
      branches.push([]);
      continue;
    }
    if ("?*+{".includes(c)) {
      // The quantified character (or group) may be absent or repeated: not a plain run.
      run = run.slice(0, -1);
      end();
      if (c === "{") i = Math.max(i, source.indexOf("}", i));
      continue;
    }
    if (".^$".includes(c)) {
      end();
      continue;
    }
    run += c;
  }
  end();
  return branches.every((runs) => runs.some((r) => r.includes(wanted)));
}
