// `npm run schema`: writes the JSON Schemas of the state file and the catalogue from the zod
// schemas. The files are committed; a test fails when they fall behind the zod schemas.
import { mkdirSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const schemas = await build({
  entryPoints: ["src/schema/json-schema.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  write: false,
  logLevel: "warning",
});
const module = await import(
  `data:text/javascript;base64,${Buffer.from(schemas.outputFiles[0].text).toString("base64")}`
);
mkdirSync("schema", { recursive: true });
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
writeFileSync("schema/golive.schema.json", json(module.stateJsonSchema()));
writeFileSync("schema/catalogue.schema.json", json(module.catalogueJsonSchema()));
