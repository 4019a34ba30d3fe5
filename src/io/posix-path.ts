/**
 * Paths as git, GitHub and golive.yaml write them: relative, with `/` on every system. The one
 * place a relative path's separators are turned into `/`.
 */
import { relative, resolve, sep } from "node:path";

/** A relative path of this system written with `/`. */
export function toPosix(rel: string): string {
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** `to` relative to the folder `from`, written with `/` (`to` resolved against the cwd). */
export function posixRelative(from: string, to: string): string {
  return toPosix(relative(from, resolve(to)));
}
