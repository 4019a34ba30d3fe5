import type { Catalogue } from "../../src/core/catalogue.js";
import { loadCatalogueFile } from "../../src/io/catalogue.js";
import { builtinCataloguePath } from "../../src/io/shipped.js";

let spryker: Catalogue | undefined;

/** The shipped Spryker catalogue, read once per test file. */
export function sprykerCatalogue(): Catalogue {
  spryker ??= loadCatalogueFile(builtinCataloguePath("spryker-cloud"));
  return spryker;
}
