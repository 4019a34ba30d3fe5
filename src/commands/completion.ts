/**
 * `golive completion SHELL` prints the shell's completion script; `golive __complete -- WORDS`
 * (hidden) is what that script runs at each tab: it answers with the commands, options and
 * values that fit, the item IDs, phases, categories and owners read from the golive.yaml found
 * from the current folder, or the shipped catalogue's when there is none or it does not read.
 * It never fails: a completion that errs would print into the middle of the command line.
 */

import type { Catalogue } from "../core/catalogue.js";
import {
  type Candidate,
  type CompletionSpec,
  complete as completeWords,
  type ValueKind,
} from "../core/completion.js";
import { DEFAULT_CATALOGUE, loadCatalogue, shippedCatalogueNames } from "../io/catalogue.js";
import { renderCandidates, renderCompletionScript, type Shell } from "../render/completion.js";
import { STATUSES } from "../schema/fields.js";
import { type Context, type Output, rawOutput } from "../work/context.js";
import { openState } from "../work/workspace.js";

export function completionScript(shell: Shell): Output {
  return rawOutput(renderCompletionScript(shell));
}

interface Known {
  catalogue: Catalogue;
  owners: string[];
}

/** The catalogue and owners of the state file `file` (or the one found), else the shipped ones. */
function known(ctx: Context, file: string | undefined): Known {
  try {
    const workspace = openState(file === undefined ? ctx : { ...ctx, file }).read();
    const owners = new Map<string, string>();
    for (const state of Object.values(workspace.state.items ?? {})) {
      const owner = state?.owner;
      if (typeof owner === "string" && !owners.has(owner.toLowerCase())) {
        owners.set(owner.toLowerCase(), owner);
      }
    }
    return { catalogue: workspace.catalogue, owners: [...owners.values()] };
  } catch {
    return { catalogue: loadCatalogue(DEFAULT_CATALOGUE, ctx.cwd).catalogue, owners: [] };
  }
}

export function complete(ctx: Context, spec: CompletionSpec, words: readonly string[]): Output {
  let data: Known | undefined;
  let file: string | undefined;
  const values = (kind: ValueKind): Candidate[] => {
    data ??= known(ctx, file);
    const { catalogue } = data;
    switch (kind) {
      case "id":
        return catalogue.items.map((i) => ({ value: i.id, description: i.title }));
      case "phase":
        return catalogue.phases.map((p) => ({ value: p.id, description: p.title }));
      case "category":
        return catalogue.categories.map((c) => ({ value: c.id, description: c.title }));
      case "owner":
        return data.owners.map((o) => ({ value: o, description: "" }));
      case "status":
        return [...STATUSES, "open"].map((s) => ({ value: s, description: "" }));
      case "catalogue":
        return shippedCatalogueNames().map((n) => ({ value: n, description: "shipped" }));
      default:
        return [];
    }
  };
  // A first pass finds a --file among the words, so that IDs come from the file meant.
  file = completeWords(spec, words, () => []).file;
  return rawOutput(renderCandidates(completeWords(spec, words, values)));
}
