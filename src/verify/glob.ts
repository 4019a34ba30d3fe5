/**
 * Glob patterns over repository paths, parsed by picomatch (the matcher of micromatch,
 * fast-glob, chokidar and vitest): `*` and `?` stay inside a folder, `**` crosses folders,
 * `{a,b}` is either (nested too), `{1..3}` a range, `[ab]` a character class, `!(x)` and the
 * other extglobs, `\` escapes. Dotfiles match like any file. A pattern matches the whole path
 * from the repository's root. Compiled once per pattern. (A hand-written translation escaped
 * `[`/`]` and broke on nested braces.)
 *
 * Globs come from files anyone can change (a catalogue, `verify.allow`), and picomatch's
 * regular expression backtracks: `*a*a*a*a*a*a*a*a*b` takes 9 s on a 60-character path in
 * JavaScript's engine. A glob with at most two wildcards and no extglob backtracks at most
 * quadratically (4 ms on a 4,000-character path) and runs in JavaScript's engine, ten times
 * faster than RE2 on the common `src/**\/*.php`; any other runs in RE2 (linear time,
 * schema/pattern.ts), once the lookaheads RE2 lacks are taken out where a tracked path makes
 * them true anyway: no `.` or `..` segment, no empty one. Only a negated extglob (`!(x)`)
 * keeps a lookahead and runs in JavaScript's engine.
 */
import picomatch from "picomatch";
import { compilePattern, patternProblem } from "../schema/pattern.js";

const OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false };

interface Matcher {
  test(path: string): boolean;
}
const cache = new Map<string, Matcher>();

/** Lookaheads picomatch writes that every path git tracks satisfies. */
const PATH_GUARDS = [
  "(?!\\.{1,2}(?:\\/|$))", // not a `.` or `..` segment
  "(?!(?:^|\\/)\\.{1,2}(?:\\/|$))", // no `.` or `..` segment anywhere
  "(?=.)", // a segment is not empty
];

export function globMatcher(glob: string): Matcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    const source = picomatch.makeRe(glob, OPTIONS).source;
    const plain = glob.replace(/\\./g, "");
    const wildcards = plain.match(/\*+/g)?.length ?? 0;
    // Braces are alternatives: `{a,aa}` thirty times took 12 s on a 40-character path here.
    // One group of plain alternatives (`Migration_{mysql,pgsql}`) adds no backtracking, and
    // spares loading RE2 (8 ms of a status run).
    const braces = /\{/.test(plain) && !/^[^{}]*\{[^{}*?[\]()!+@.\\]*\}[^{}]*$/.test(plain);
    if (wildcards <= 2 && !/[*+?@!]\(/.test(plain) && !braces) matcher = new RegExp(source);
    else {
      const linear = PATH_GUARDS.reduce((s, guard) => s.replaceAll(guard, ""), source);
      matcher = patternProblem(linear) === undefined ? compilePattern(linear) : new RegExp(source);
    }
    cache.set(glob, matcher);
  }
  return matcher;
}

export function matchGlob(glob: string | readonly string[], path: string): boolean {
  return typeof glob === "string"
    ? globMatcher(glob).test(path)
    : glob.some((g) => globMatcher(g).test(path));
}

/** Whether a glob is a plain path: nothing in it is special to picomatch. */
function isPlain(glob: string): boolean {
  return !picomatch.scan(glob, OPTIONS).isGlob && !glob.includes("\\");
}

/**
 * What `filesMatching` found, by list of files and then by globs: rules ask for the same globs
 * again (each scheduled command looks for `src/**\/SymfonySchedulerConfig.php` through
 * thousands of paths), and a run's list of files does not change.
 */
const found = new WeakMap<readonly string[], Map<string, readonly string[]>>();

/** The files matching one or more globs, in the view's order. */
export function filesMatching(
  files: readonly string[],
  glob: string | readonly string[],
): string[] {
  let known = found.get(files);
  if (!known) {
    known = new Map();
    found.set(files, known);
  }
  const key = typeof glob === "string" ? glob : JSON.stringify(glob);
  let matched = known.get(key);
  if (!matched) {
    matched = match(files, glob);
    known.set(key, matched);
  }
  return [...matched];
}

function match(files: readonly string[], glob: string | readonly string[]): string[] {
  const globs = typeof glob === "string" ? [glob] : glob;
  // A glob without wildcards is a plain path: no need to test every file.
  if (globs.every(isPlain)) {
    const wanted = new Set(globs);
    return files.filter((f) => wanted.has(f));
  }
  const tests = globs.map((glob) => {
    const re = globMatcher(glob);
    // Only paths under a glob's fixed folders can match it: a string comparison spares the
    // matcher (RE2 for braces) thousands of paths that lie elsewhere.
    const base = staticBase(glob);
    return base === ""
      ? (f: string) => re.test(f)
      : (f: string) => f.startsWith(base) && re.test(f);
  });
  return files.filter((f) => tests.some((test) => test(f)));
}

/**
 * What every path a glob matches begins with: its fixed folders, `src/Orm` for
 * `src/Orm/**\/*.php` (`scripts/**` matches `scripts` itself, so no slash); "" when unsure.
 */
function staticBase(glob: string): string {
  // An escaped character is written differently in a glob than in a path; picomatch drops `./`.
  if (glob.includes("\\") || glob.startsWith("./")) return "";
  return picomatch.scan(glob, OPTIONS).base;
}
