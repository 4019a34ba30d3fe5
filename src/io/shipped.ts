/**
 * The catalogues shipped in `checklists/`: found by name, and read from the copy the build
 * checked and embedded when the file is unchanged. No YAML or schema code is needed here.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GoliveError } from "../errors.js";
import type { CatalogueFile } from "../schema/catalogue.js";

/** The catalogue `init` uses when none is named. */
export const DEFAULT_CATALOGUE = "spryker-cloud";

/** The shipped `checklists/` folder, found from this module whether bundled or not. */
export function builtinCatalogueDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "checklists");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error("golive is installed without its checklists/ folder");
}

export function builtinCatalogueNames(): string[] {
  return readdirSync(builtinCatalogueDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** A shipped name has no slash and no extension; anything else is a path. */
export function isCatalogueName(ref: string): boolean {
  return /^[a-z0-9][a-z0-9-]*$/.test(ref);
}

export function builtinCataloguePath(name: string): string {
  const path = join(builtinCatalogueDir(), `${name}.yaml`);
  if (!existsSync(path)) {
    throw new GoliveError("unknown-catalogue", `there is no shipped catalogue named "${name}"`, {
      hint: `use one of: ${builtinCatalogueNames().join(", ")}, or give a path to your own file`,
    });
  }
  return path;
}

/** The shipped catalogues, checked at build time (scripts/build.mjs); absent when unbundled. */
declare const __GOLIVE_CATALOGUES__: Record<string, { size: number; json: string }> | undefined;

/** A shipped catalogue as the build checked it, when `path` is that catalogue unchanged. */
export function embeddedCatalogue(path: string): CatalogueFile | undefined {
  if (typeof __GOLIVE_CATALOGUES__ !== "object") return undefined;
  const name = /([a-z0-9-]+)\.yaml$/.exec(path)?.[1];
  const entry = name === undefined ? undefined : __GOLIVE_CATALOGUES__[name];
  if (!entry || resolve(path) !== join(builtinCatalogueDir(), `${name}.yaml`)) return undefined;
  try {
    if (statSync(path).size !== entry.size) return undefined;
  } catch {
    return undefined;
  }
  return JSON.parse(entry.json) as CatalogueFile;
}
