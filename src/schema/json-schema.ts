/**
 * JSON Schemas of the two file formats, generated from the zod schemas so that they
 * cannot drift. `npm run build` writes them to `schema/`, where editors pick them up.
 */
import * as z from "zod/mini";
import { CatalogueSchema } from "./catalogue.js";
import { EvidenceSchema, StateSchema } from "./state.js";

export function stateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(StateSchema, {
      target: "draft-2020-12",
      // golive writes evidence as one line of JSON (io/evidence-line.ts), and reads a mapping.
      override: ({ zodSchema, jsonSchema }) => {
        if (zodSchema !== EvidenceSchema) return;
        const mapping = { ...jsonSchema };
        for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
        jsonSchema.anyOf = [
          {
            type: "string",
            description: "the same record as one line of JSON, as golive writes it",
            pattern: "^\\{.*\\}$",
            contentMediaType: "application/json",
            contentSchema: mapping,
          },
          mapping,
        ];
      },
    }),
    title: "golive state file (golive.yaml)",
  };
}

export function catalogueJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CatalogueSchema, { target: "draft-2020-12" }),
    title: "golive checklist catalogue",
  };
}
