/**
 * JSON Schemas of the two file formats, generated from the zod schemas so that they
 * cannot drift. `npm run build` writes them to `schema/`, where editors pick them up.
 */
import * as z from "zod/mini";
import { CatalogueSchema } from "./catalogue.js";
import { StateSchema } from "./state.js";

export function stateJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(StateSchema, { target: "draft-2020-12" }),
    title: "golive state file (golive.yaml)",
  };
}

export function catalogueJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(CatalogueSchema, { target: "draft-2020-12" }),
    title: "golive checklist catalogue",
  };
}
