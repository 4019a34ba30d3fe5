/**
 * Glob patterns over repository paths, as in .gitignore: `*` and `?` stay inside a folder,
 * `**` crosses folders, `{a,b}` is either. Compiled once per pattern.
 */
const cache = new Map<string, RegExp>();

function translate(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else {
        out += "[^/]*";
      }
    } else if (c === "?") {
      out += "[^/]";
    } else if (c === "{") {
      const end = glob.indexOf("}", i);
      if (end === -1) {
        out += "\\{";
      } else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(",")
          .map(translate)
          .join("|")})`;
        i = end;
      }
    } else {
      out += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
    }
  }
  return out;
}

export function globRegex(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = new RegExp(`^${translate(glob)}$`);
    cache.set(glob, re);
  }
  return re;
}

export function matchGlob(glob: string | readonly string[], path: string): boolean {
  return typeof glob === "string"
    ? globRegex(glob).test(path)
    : glob.some((g) => globRegex(g).test(path));
}

/** The files matching one or more globs, in the view's order. */
export function filesMatching(
  files: readonly string[],
  glob: string | readonly string[],
): string[] {
  const globs = typeof glob === "string" ? [glob] : glob;
  // A glob without wildcards is a plain path: no need to test every file.
  if (globs.every((g) => !/[*?{]/.test(g))) {
    const wanted = new Set(globs);
    return files.filter((f) => wanted.has(f));
  }
  const res = globs.map(globRegex);
  return files.filter((f) => res.some((re) => re.test(f)));
}
