import type { Catalogue } from "../../src/core/catalogue.js";
import { builtinCataloguePath, loadCatalogueFile } from "../../src/io/catalogue.js";

let spryker: Catalogue | undefined;

/** The shipped Spryker catalogue, read once per test file. */
export function sprykerCatalogue(): Catalogue {
  spryker ??= loadCatalogueFile(builtinCataloguePath("spryker-cloud"));
  return spryker;
}
