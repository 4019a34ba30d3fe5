/**
 * Finding and reading catalogues: the shipped ones by name, a team's own by path. This is the
 * one place that turns "spryker-cloud" or "ours.yaml" into a checked catalogue.
 *
 * A shipped catalogue is part of the program, like its code: the build checks each file in
 * checklists/ and compiles it into the bundle (scripts/build.mjs), so the built golive reads no
 * YAML for it and runs when copied anywhere on its own. Run from source (the tests), the same
 * name reads checklists/NAME.yaml.
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BaseCatalogue,
  type Catalogue,
  indexCatalogue,
  mergeCatalogue,
} from "../core/catalogue.js";
import { echo } from "../core/escape.js";
import { own } from "../core/own.js";
import { GoliveError, type SourceLocation } from "../errors.js";
import { type CatalogueFile, CatalogueSchema } from "../schema/catalogue.js";
import { type Confinement, confinedPath, confinementOf } from "./confined.js";
import { readTextFile } from "./text-file.js";
import { locate, parseYaml, toData, validate } from "./yaml-file.js";

/** The catalogue `init` uses when none is named. */
export const DEFAULT_CATALOGUE = "spryker-cloud";

/** How golive.yaml names its catalogue: a shipped name, or a path relative to golive.yaml. */
export type CatalogueRef = { name: string } | { path: string };

/** The shipped catalogues as the build checked them, by name; absent when run from source. */
declare const __GOLIVE_CATALOGUES__: Record<string, CatalogueFile> | undefined;

/** A shipped name has no slash and no extension; anything else is a path. */
export function isCatalogueName(ref: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(ref);
}

/** The source folder of the shipped catalogues, read when golive runs from source. */
function checklistsDir(): string {
  return fileURLToPath(new URL("../../checklists/", import.meta.url));
}

export function shippedCatalogueNames(): string[] {
  if (typeof __GOLIVE_CATALOGUES__ === "object") return Object.keys(__GOLIVE_CATALOGUES__).sort();
  return readdirSync(checklistsDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** The shipped names as own keys of a null-prototype object (a name like `constructor` is no name). */
function shippedSet(): Record<string, true> {
  const set: Record<string, true> = Object.create(null);
  for (const name of shippedCatalogueNames()) set[name] = true;
  return set;
}

/** The reference golive.yaml records for `given` (as typed), when golive.yaml is in `stateDir`. */
export function catalogueRefFor(given: string, stateDir: string, cwd: string): CatalogueRef {
  if (isCatalogueName(given)) return { name: given };
  const absolute = resolve(cwd, given);
  const rel = relative(stateDir, absolute);
  return { path: isAbsolute(rel) ? absolute : rel.split(sep).join("/") };
}

/** A catalogue, and where it came from: its file, or none for a shipped one. */
export interface LoadedCatalogue {
  catalogue: Catalogue;
  /** The file it was read from; undefined for a shipped catalogue of a built golive. */
  path: string | undefined;
}

/**
 * Finds and reads the catalogue `ref` names: a shipped name, or a path relative to `base`.
 * `where` is the place that named it (golive.yaml's `catalogue:` line), for the error when the
 * catalogue is not there. `inside`: where a path named in a file may lead (io/confined.ts);
 * none for a path typed on the command line, which the user chose.
 */
export function loadCatalogue(
  ref: string | CatalogueRef,
  base: string,
  where?: SourceLocation,
  /** The catalogues being read that extend this one, to refuse a circle. */
  reading: readonly string[] = [],
  inside?: Confinement,
  /** The catalogues this load has read already, by key (see parseCatalogue). */
  memo?: Memo,
): LoadedCatalogue {
  const named =
    typeof ref === "string" ? (isCatalogueName(ref) ? { name: ref } : { path: ref }) : ref;
  if ("name" in named) {
    const embedded =
      typeof __GOLIVE_CATALOGUES__ === "object"
        ? own(__GOLIVE_CATALOGUES__, named.name)
        : undefined;
    if (embedded) return { catalogue: indexCatalogue(embedded), path: undefined };
    // The built golive has no checklists folder (import.meta.url means nothing in the bundle):
    // a name it does not embed is unknown, and the folder is never asked for.
    const built = typeof __GOLIVE_CATALOGUES__ === "object";
    const path = built ? undefined : join(checklistsDir(), `${named.name}.yaml`);
    if (path === undefined || !existsSync(path) || !Object.hasOwn(shippedSet(), named.name)) {
      throw new GoliveError(
        "unknown-catalogue",
        `there is no shipped catalogue named "${named.name}"`,
        {
          ...(where ? { location: where } : {}),
          hint: `use one of: ${shippedCatalogueNames().join(", ")}, or give a path to your own file`,
        },
      );
    }
    return { catalogue: readCatalogueFile(path, named.name, reading, undefined, memo), path };
  }
  const path = inside
    ? confinedPath(named.path, base, inside, "the catalogue", where)
    : resolve(base, named.path);
  if (!existsSync(path)) {
    throw new GoliveError("unreadable", `the catalogue ${named.path} does not exist`, {
      location: where ?? { file: named.path },
      hint: where
        ? "restore the catalogue file or correct catalogue.path (it is relative to golive.yaml)"
        : "check the path, or name a shipped catalogue",
    });
  }
  return { catalogue: readCatalogueFile(path, named.path, reading, inside, memo), path };
}

/**
 * Reads, validates and indexes a catalogue file. `shown` is how errors name it. `inside`: the
 * confinement `path` was checked against (then a link in its place is refused); none for a
 * path the user chose, whose own `extends` stay inside its repository or folder.
 */
export function readCatalogueFile(
  path: string,
  shown = path,
  reading: readonly string[] = [],
  inside?: Confinement,
  memo?: Memo,
): Catalogue {
  const text = readTextFile(path, "catalogue", { noFollow: inside !== undefined });
  return parseCatalogue(
    text,
    shown,
    dirname(path),
    [...reading, resolve(path)],
    inside ?? confinementOf(path),
    memo,
  );
}

/**
 * The catalogues one load has read, by key (`name:NAME` or the resolved path): a catalogue that
 * two others extend (a diamond) is read once. Without it, forty levels of `extends: [b, ./b]`
 * read 2^40 files (depth 14 took 47 s) and every command stalled on a team's catalogue.
 */
type Memo = Map<string, Catalogue>;

/** The most catalogues one catalogue may extend, directly or through others. */
export const MAX_EXTENDED = 32;

/**
 * Validates a catalogue's text in named stages: YAML, schema, the catalogues it extends (each
 * read the same way, relative to `dir`), then the rules over the merged whole.
 */
export function parseCatalogue(
  text: string,
  shown: string,
  dir = ".",
  reading: readonly string[] = [],
  inside: Confinement = { root: dir, label: "the catalogue's folder" },
  memo: Memo = new Map(),
): Catalogue {
  const what = "catalogue";
  const file = parseYaml(shown, text, what);
  const source = validate(file, toData(file, what), CatalogueSchema, what, "invalid-catalogue");
  const refs =
    source.extends === undefined
      ? []
      : typeof source.extends === "string"
        ? [source.extends]
        : source.extends;
  const bases: BaseCatalogue[] = refs.map((ref, i) => {
    const where = locate(file, typeof source.extends === "string" ? ["extends"] : ["extends", i]);
    const key = isCatalogueName(ref)
      ? `name:${ref}`
      : confinedPath(ref, dir, inside, "extends: the catalogue", where);
    if (reading.includes(key) || (isCatalogueName(ref) && ref === source.name)) {
      throw new GoliveError(
        "invalid-catalogue",
        `catalogue: extends ${ref}, which extends this one`,
        {
          location: where,
          hint: "a catalogue cannot extend itself, directly or through another",
        },
      );
    }
    let catalogue = memo.get(key);
    if (catalogue === undefined) {
      // Those read (memo) and those being read (reading): every catalogue this load touched.
      if (memo.size + new Set(reading).size > MAX_EXTENDED) {
        throw new GoliveError(
          "invalid-catalogue",
          `catalogue: extends more than ${MAX_EXTENDED} catalogues, directly or through others`,
          { location: where, hint: "extend fewer catalogues: merge some of them into one file" },
        );
      }
      if (!isCatalogueName(ref) && !existsSync(key)) throw missingBase(ref, where);
      catalogue = loadCatalogue(ref, dir, where, [...reading, key], inside, memo).catalogue;
      memo.set(key, catalogue);
    }
    return { ref, file: catalogue.file };
  });
  const { file: data, findings } = mergeCatalogue(source, bases);
  const first = findings[0];
  if (first) {
    throw new GoliveError("invalid-catalogue", `catalogue: ${first.message}`, {
      location: locate(file, first.path),
      hint:
        findings.length > 1
          ? `fix it (${findings.length - 1} more problem${findings.length > 2 ? "s" : ""} after it)`
          : "fix it, then run the command again",
    });
  }
  return indexCatalogue(data);
}

/**
 * The refusal of an `extends` that names nothing: a bare word (`toString`, `Spryker-Cloud`) is
 * meant as a catalogue's name, anything else as a file next to the extending catalogue. Neither
 * is golive.yaml's `catalogue.path`, whose hint the plain load would give.
 */
function missingBase(ref: string, where: SourceLocation): GoliveError {
  const word = !/[/\\]/.test(ref) && !/\.ya?ml$/i.test(ref);
  return word
    ? new GoliveError("unknown-catalogue", `extends: there is no catalogue named "${echo(ref)}"`, {
        location: where,
        hint: `extend one of: ${shippedCatalogueNames().join(", ")}, or a file (relative to this catalogue)`,
      })
    : new GoliveError("unreadable", `extends: the catalogue ${ref} does not exist`, {
        location: where,
        hint: "correct the path: it is relative to the catalogue that extends it",
      });
}
