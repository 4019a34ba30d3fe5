/**
 * Glob patterns over repository paths, matched by picomatch (the matcher of micromatch,
 * fast-glob, chokidar and vitest): `*` and `?` stay inside a folder, `**` crosses folders,
 * `{a,b}` is either (nested too), `{1..3}` a range, `[ab]` a character class, `!(x)` and the
 * other extglobs, `\` escapes. Dotfiles match like any file. A pattern matches the whole path
 * from the repository's root. Compiled once per pattern. (A hand-written translation escaped
 * `[`/`]` and broke on nested braces.)
 */
import picomatch from "picomatch";

const OPTIONS: picomatch.PicomatchOptions = { dot: true, windows: false };
const cache = new Map<string, RegExp>();

export function globRegex(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = picomatch.makeRe(glob, OPTIONS);
    cache.set(glob, re);
  }
  return re;
}

export function matchGlob(glob: string | readonly string[], path: string): boolean {
  return typeof glob === "string"
    ? globRegex(glob).test(path)
    : glob.some((g) => globRegex(g).test(path));
}

/** Whether a glob is a plain path: nothing in it is special to picomatch. */
function isPlain(glob: string): boolean {
  return !picomatch.scan(glob, OPTIONS).isGlob && !glob.includes("\\");
}

/** The files matching one or more globs, in the view's order. */
export function filesMatching(
  files: readonly string[],
  glob: string | readonly string[],
): string[] {
  const globs = typeof glob === "string" ? [glob] : glob;
  // A glob without wildcards is a plain path: no need to test every file.
  if (globs.every(isPlain)) {
    const wanted = new Set(globs);
    return files.filter((f) => wanted.has(f));
  }
  const res = globs.map(globRegex);
  return files.filter((f) => res.some((re) => re.test(f)));
}
