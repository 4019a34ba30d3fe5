import type { Catalogue } from "../../src/core/catalogue.js";
import { loadCatalogue } from "../../src/io/catalogue.js";

let spryker: Catalogue | undefined;

/** The shipped Spryker catalogue, read once per test file. */
export function sprykerCatalogue(): Catalogue {
  spryker ??= loadCatalogue("spryker-cloud", ".").catalogue;
  return spryker;
}
