/**
 * Finding and reading catalogues: the shipped ones by name, a team's own by path.
 */
import { resolve } from "node:path";
import { type Catalogue, checkCatalogue, indexCatalogue } from "../core/catalogue.js";
import { GoliveError } from "../errors.js";
import { CatalogueSchema } from "../schema/catalogue.js";
import { embeddedCatalogue } from "./shipped.js";
import { readTextFile } from "./text-file.js";
import { locate, parseYaml, toData, validate } from "./yaml-file.js";

/** Reads, validates and indexes a catalogue file. `shownPath` is how errors name it. */
export function loadCatalogueFile(path: string, shownPath = path): Catalogue {
  return loadCatalogueSource(path, shownPath).catalogue;
}

/** A catalogue and the text it was read from; no text when it is a shipped one, as built. */
export function loadCatalogueSource(
  path: string,
  shownPath = path,
  /** The file's content, when the caller has read it already. */
  given?: string,
): { catalogue: Catalogue; text?: string } {
  const embedded = embeddedCatalogue(path);
  if (embedded) return { catalogue: indexCatalogue(embedded) };
  const what = "catalogue";
  const text = given ?? readTextFile(resolve(path), what);
  const file = parseYaml(shownPath, text, what);
  const data = validate(file, toData(file, what), CatalogueSchema, what, "invalid-catalogue");
  const findings = checkCatalogue(data);
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
  return { catalogue: indexCatalogue(data), text };
}
