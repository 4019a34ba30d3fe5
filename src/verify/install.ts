/**
 * Install recipes (`config/install/*.yml`) as the Docker SDK resolves them for a deploy file:
 * `SPRYKER_HOOK_INSTALL: vendor/bin/install -r NAME` runs `config/install/NAME.yml`; without a
 * hook, `pipeline: NAME` names it; without either, the SDK's default, `docker`, or `production`
 * for a shop with dynamic stores (`SPRYKER_DYNAMIC_STORE_MODE`). Pure: trees and texts in.
 */
import type { DeployFile } from "./deploy.js";
import { child, childIn, scalarText } from "./yaml-tree.js";

/** How a deploy file names its recipe. */
export interface RecipeRef {
  /** `config/install/NAME.yml`; undefined when the hook's recipe cannot be read off (a variable). */
  file: string | undefined;
  via: "hook" | "pipeline" | "default";
  /** Where the deploy file names it (absent for the default). */
  from?: { file: string; line: number };
  /** The deploy file that runs it. */
  deployFile: string;
}

export interface RecipeCommand {
  line: number;
  /** The command, or the line's text where it is not a `command:` entry. */
  text: string;
}

const RECIPE_FLAG = /(?:^|\s)(?:-r|--recipe)(?:\s+|=)["']?([^\s"';]+)/;

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(?:1|true|yes|on)$/i.test(value.trim());
}

/** The recipe a deploy file's install stage runs. */
export function recipeOf(deploy: DeployFile): RecipeRef {
  const env = childIn(deploy.tree, ["image", "environment"]);
  const hook = child(env, "SPRYKER_HOOK_INSTALL");
  const hookText = scalarText(hook);
  if (hook && hookText !== undefined) {
    const name = RECIPE_FLAG.exec(hookText)?.[1];
    return {
      file: name && !name.includes("$") ? recipePath(name) : undefined,
      via: "hook",
      from: { file: deploy.file, line: hook.line },
      deployFile: deploy.file,
    };
  }
  const pipeline = child(deploy.tree, "pipeline");
  const pipelineText = scalarText(pipeline);
  if (pipeline && pipelineText !== undefined) {
    return {
      file: recipePath(pipelineText),
      via: "pipeline",
      from: { file: deploy.file, line: pipeline.line },
      deployFile: deploy.file,
    };
  }
  const dynamic = truthy(scalarText(child(env, "SPRYKER_DYNAMIC_STORE_MODE")));
  return {
    file: recipePath(dynamic ? "production" : "docker"),
    via: "default",
    deployFile: deploy.file,
  };
}

function recipePath(name: string): string {
  const bare = name.replace(/^\.?\/?(?:config\/install\/)?/, "").replace(/\.ya?ml$/, "");
  return `config/install/${bare}.yml`;
}

/** A recipe's commands, with their lines; comment lines left out. */
export function recipeCommands(text: string): RecipeCommand[] {
  const out: RecipeCommand[] = [];
  text.split("\n").forEach((raw, i) => {
    if (/^\s*#/.test(raw) || raw.trim() === "") return;
    const m = /^\s*command\s*:\s*(.*)$/.exec(raw);
    out.push({ line: i + 1, text: m ? unquote(m[1]!) : raw.trim() });
  });
  return out;
}

function unquote(value: string): string {
  const v = value.trim();
  const m = /^(['"])(.*)\1$/.exec(v);
  return m ? m[2]! : v.replace(/\s+#.*$/, "");
}

/** What wipes or replaces production data when the normal deploy runs. */
export const DESTRUCTIVE_STEPS: readonly { name: string; test: (command: string) => boolean }[] = [
  { name: "propel:tables:drop", test: (c) => /\bpropel:tables:drop\b/.test(c) },
  { name: "propel:database:drop", test: (c) => /\bpropel:database:drop\b/.test(c) },
  { name: "storage:delete", test: (c) => /\bstorage:delete\b/.test(c) },
  {
    name: "search index delete",
    test: (c) =>
      /\b(?:elasticsearch|search)(?::\w+)*:index:delete\b|\bsearch:index:remove\b/.test(c),
  },
  { name: "queue:purge", test: (c) => /\bqueue:(?:queues?:)?purge\b/.test(c) },
  { name: "demo-data import", test: (c) => demoImport(c) !== undefined },
];

/**
 * A `data:import` of the demo data: without `--config` (the full demo import) or with a
 * configuration of the local or demo data. Single importers (`data:import:glossary`) are not.
 */
export function demoImport(command: string): { config?: string } | undefined {
  const m = /\bdata:import(\S*)/.exec(command);
  if (m?.[1] !== "") return undefined;
  const config = /(?:--config|-c)(?:\s+|=)["']?([^\s"']+)/.exec(command)?.[1];
  if (config === undefined) return {};
  return /(?:^|\/)(?:local|demo)(?:\/|_|\.)|demodata/i.test(config) ? { config } : undefined;
}
