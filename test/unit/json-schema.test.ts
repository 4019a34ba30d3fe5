import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueJsonSchema, stateJsonSchema } from "../../src/schema/json-schema.js";

const root = join(import.meta.dirname, "../..");

describe("published JSON Schemas", () => {
  it("match the zod schemas they are generated from (else run `npm run schema`)", () => {
    const state = JSON.parse(readFileSync(join(root, "schema/golive.schema.json"), "utf8"));
    expect(state, "schema/golive.schema.json is stale: run npm run schema").toEqual(
      stateJsonSchema(),
    );
    const catalogue = JSON.parse(readFileSync(join(root, "schema/catalogue.schema.json"), "utf8"));
    expect(catalogue, "schema/catalogue.schema.json is stale: run npm run schema").toEqual(
      catalogueJsonSchema(),
    );
  });

  it("describe the state file's statuses and required fields", () => {
    const schema = stateJsonSchema() as {
      required: string[];
      properties: {
        items: {
          additionalProperties: {
            anyOf: { properties?: { status?: { enum: string[]; description?: string } } }[];
          };
        };
      };
    };
    expect(schema.required).toEqual(["golive", "catalogue", "goLive"]);
    const item = schema.properties.items.additionalProperties.anyOf.find((s) => s.properties);
    expect(item?.properties?.status?.enum).toEqual([
      "todo",
      "in-progress",
      "blocked",
      "done",
      "not-applicable",
    ]);
    // The fields' descriptions (z.globalRegistry in schema/state.ts) are what editors show.
    expect(item?.properties?.status?.description).toBe("todo when absent");
  });
});
