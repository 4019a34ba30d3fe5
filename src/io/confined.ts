/**
 * The one reader of files a repository names: a catalogue's `path:` in golive.yaml, a
 * catalogue's `extends`, the files of a portfolio's project. Such a path is data from
 * someone else (a remote's golive.yaml in `golive portfolio`, a branch under review), so it
 * is read only inside its confinement (the repository, or the catalogue's own folder): never
 * through `..`, an absolute path or a symbolic link (a link itself, or a linked folder on the
 * way) out of it; only a regular file; only up to the size and time bounds of text-file.ts.
 * A path outside is refused at the place that names it, before anything is opened, so that no
 * byte of what it names can reach a message.
 */
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { GoliveError, type SourceLocation } from "../errors.js";
import { findRepoRoot } from "./locate.js";
import { readTextFile } from "./text-file.js";

/** Where the paths of one file may lead: its repository, or its folder outside git. */
export interface Confinement {
  /** The folder nothing is read outside of. */
  root: string;
  /** How messages name it: "the repository", "the catalogue's folder". */
  label: string;
}

/** The confinement of the paths a file at `path` names: its git work tree, else its folder. */
export function confinementOf(path: string): Confinement {
  const folder = dirname(resolve(path));
  const root = findRepoRoot(folder);
  return existsSync(join(root, ".git"))
    ? { root, label: "the repository" }
    : { root: folder, label: "the file's folder" };
}

function realOrNull(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

const within = (root: string, path: string) => path === root || path.startsWith(root + sep);

/** A path cut to a length a message can show. */
function shown(path: string): string {
  return path.length > 80 ? `${path.slice(0, 77)}...` : path;
}

/**
 * The real path of `given` (relative to `base`), or a refusal when it leads outside `inside`:
 * lexically (`..`, absolute) or through a symbolic link anywhere on the way. A path that does
 * not exist is returned resolved; reading it then says so.
 */
export function confinedPath(
  given: string,
  base: string,
  inside: Confinement,
  what: string,
  where: SourceLocation | undefined,
): string {
  const refuse = (how: string) =>
    new GoliveError(
      "outside-repository",
      `${what} ${JSON.stringify(shown(given))} ${how} ${inside.label}; golive follows no path out of it`,
      {
        location: where ?? { file: given },
        hint: `move the file into ${inside.label} (${shown(inside.root)}) and name it by a relative path`,
      },
    );
  if (given.includes("\0")) throw refuse("is not a path inside");
  const root = resolve(inside.root);
  const full = resolve(base, given);
  if (!within(root, full)) throw refuse(isAbsolute(given) ? "is outside" : "leads out of");
  const realRoot = realOrNull(root);
  // No such folder: nothing in it to follow; reading says why (missing, a name too long).
  if (realRoot === undefined) return full;
  // The deepest part of the path that exists, resolved through every link on the way.
  let existing = full;
  let rest = "";
  for (;;) {
    const real = realOrNull(existing);
    if (real !== undefined) {
      if (!within(realRoot, real)) throw refuse("leads through a symbolic link out of");
      return rest === "" ? real : resolve(real, rest);
    }
    const parent = dirname(existing);
    if (parent === existing) return full;
    rest = rest === "" ? relative(parent, existing) : `${relative(parent, existing)}${sep}${rest}`;
    existing = parent;
  }
}

/**
 * Reads the text of the file `given` names (relative to `base`), confined to `inside`. `what`
 * names the file in messages ("catalogue"); `where` is the place that names the path.
 */
export function readConfined(
  given: string,
  base: string,
  inside: Confinement,
  what: string,
  where: SourceLocation | undefined,
): { path: string; text: string } {
  const path = confinedPath(given, base, inside, what, where);
  // The path is real now: a link put in its place since is refused, not followed.
  return { path, text: readTextFile(path, what, { noFollow: true }) };
}
