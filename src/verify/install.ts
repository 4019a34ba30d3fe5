/**
 * Install recipes (`config/install/*.yml`) as Spryker Cloud runs them for a deploy file: the
 * install stage runs `SPRYKER_HOOK_INSTALL`, and `vendor/bin/install -r NAME` in it runs
 * `config/install/NAME.yml`; without the hook the cloud's default is
 * `vendor/bin/install -r EU/production --no-ansi -vvv` (Spryker's "Deployment in states",
 * Run_install), `US/production` for a deploy file whose region is US. `pipeline:` and the SDK's
 * `docker.yml` are what a local `docker/sdk up` runs, not the cloud. Pure: trees and texts in.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar } from "yaml";
import type { DeployFile } from "./deploy.js";
import { child, childIn, scalarText } from "./yaml-tree.js";

/** How a deploy file names its recipe, and which rule chose it. */
export interface RecipeRef {
  /** `config/install/NAME.yml`; undefined when the hook's recipe cannot be read off. */
  file: string | undefined;
  /**
   * `hook`: SPRYKER_HOOK_INSTALL names it; `default`: no hook, the cloud's default for the
   * deploy file's region (`region` says which, from `regions:`; EU when the file names none).
   */
  via: "hook" | "default";
  region?: string;
  /** Where the deploy file chose it: the hook, or the region's key (absent for EU by default). */
  from?: { file: string; line: number };
  /** The deploy file that runs it. */
  deployFile: string;
  /**
   * The hook's own commands besides `vendor/bin/install` (`... && vendor/bin/console
   * propel:tables:drop`), at the hook's line; on the hook's first recipe only.
   */
  hookCommands?: RecipeCommand[];
}

export interface RecipeCommand {
  line: number;
  /** The command, or the line's text where it is not a `command:` entry. */
  text: string;
}

const RECIPE_FLAG = /(?:^|\s)(?:-r|--recipe)(?:\s+|=)["']?([^\s"';&|]+)/g;

/** The recipe one `vendor/bin/install` runs: its last `-r`, up to the next command. */
function lastRecipeFlag(run: string): string | undefined {
  const args = run.split(/&&|\|\||[;|\n]/)[0]!;
  let name: string | undefined;
  for (const m of args.matchAll(RECIPE_FLAG)) name = m[1];
  return name;
}
/** The cloud's region when a deploy file names none. */
const DEFAULT_REGION = "EU";

/**
 * The recipes a deploy file's install stage runs: the hook's, or the cloud's default for each
 * region the file deploys (`regions: { EU: ..., US: ... }`).
 */
export function recipesOf(deploy: DeployFile): RecipeRef[] {
  const env = childIn(deploy.tree, ["image", "environment"]);
  const hook = child(env, "SPRYKER_HOOK_INSTALL");
  if (hook) {
    const hookText = scalarText(hook);
    // Only `vendor/bin/install -r NAME` tells the recipe: a script of the project's own, or a
    // name built from a variable, runs what golive cannot see. Each `vendor/bin/install` of the
    // hook runs its recipe (`... -r EU/production && vendor/bin/install -r EU/destructive`),
    // and of an option given twice the console takes the last.
    const runs = hookText?.split(/\bvendor\/bin\/install\b/).slice(1) ?? [];
    const names = runs.length === 0 ? [undefined] : runs.map(lastRecipeFlag);
    const own = (hookText ?? "")
      .split(/&&|\|\||[;|\n]/)
      .map((c) => c.trim())
      .filter((c) => c !== "" && !/\bvendor\/bin\/install\b/.test(c))
      .map((text) => ({ line: hook.line, text }));
    return names.map((name, i) => ({
      file: name && !name.includes("$") ? recipePath(name) : undefined,
      via: "hook" as const,
      from: { file: deploy.file, line: hook.line },
      deployFile: deploy.file,
      ...(i === 0 && own.length > 0 ? { hookCommands: own } : {}),
    }));
  }
  const regions = child(deploy.tree, "regions");
  const named = regions?.kind === "map" ? [...regions.entries] : [];
  if (named.length === 0)
    return [
      {
        file: recipePath(`${DEFAULT_REGION}/production`),
        via: "default",
        region: DEFAULT_REGION,
        deployFile: deploy.file,
      },
    ];
  return named.map(([region, node]) => ({
    file: /^[A-Za-z][\w-]*$/.test(region) ? recipePath(`${region}/production`) : undefined,
    via: "default" as const,
    region,
    from: { file: deploy.file, line: node.line },
    deployFile: deploy.file,
  }));
}

function recipePath(name: string): string {
  const bare = name.replace(/^\.?\/?(?:config\/install\/)?/, "").replace(/\.ya?ml$/, "");
  return `config/install/${bare}.yml`;
}

/**
 * A recipe's commands, with their lines; comment lines left out. A double-quoted value with
 * escapes is read as YAML reads it (Spryker's installer parses the recipe with Symfony YAML):
 * `"propel:tables:\x64rop"` and a `\` that joins two lines are `propel:tables:drop`.
 */
export function recipeCommands(text: string): RecipeCommand[] {
  const byLine = new Map<number, RecipeCommand>();
  text.split("\n").forEach((raw, i) => {
    if (/^\s*#/.test(raw) || raw.trim() === "") return;
    const m = /^\s*command\s*:\s*(.*)$/.exec(raw);
    byLine.set(i + 1, { line: i + 1, text: m ? unquote(m[1]!) : raw.trim() });
  });
  if (text.includes("\\")) {
    for (const q of escapedStrings(text)) {
      for (let l = q.line; l <= q.end; l++) byLine.delete(l);
      const lines = q.value.split("\n");
      lines.forEach((t, i) => {
        const line = Math.min(q.line + i, q.end);
        const before = byLine.get(line);
        byLine.set(line, { line, text: before ? `${before.text}\n${t}` : t });
      });
    }
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** Double-quoted scalars with a `\` in their source: first and last line, and the value. */
function escapedStrings(text: string): { line: number; end: number; value: string }[] {
  const counter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, {
      lineCounter: counter,
      prettyErrors: false,
      logLevel: "silent",
      // yaml's own check of repeated keys is quadratic (verify/yaml-tree.ts).
      uniqueKeys: false,
    });
  } catch {
    return [];
  }
  if (doc.errors.length > 0) return [];
  const out: { line: number; end: number; value: string }[] = [];
  // A stack, not recursion: a flow collection nested 100,000 deep must not overflow.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      const range = node.range;
      if (node.type !== Scalar.QUOTE_DOUBLE || typeof node.value !== "string" || !range) continue;
      if (!text.slice(range[0], range[1]).includes("\\")) continue;
      out.push({
        line: counter.linePos(range[0]).line,
        end: counter.linePos(Math.max(range[0], range[1] - 1)).line,
        value: node.value,
      });
    } else if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair)) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
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

/** Options of `data:import` whose value is the next word when not written with `=`. */
const VALUE_OPTIONS = /^(?:-c|--config|-g|--group|-s|--store|-i|--include|-e|--exclude)$/;

/**
 * A `data:import` of the demo data: the full import (no importer named, no `--group`, no
 * `--config`) or one with a configuration of the local or demo data. A single importer
 * (`data:import glossary`, `data:import:glossary`) or a group is not.
 */
export function demoImport(command: string): { config?: string } | undefined {
  const m = /\bdata:import(\S*)/.exec(command);
  if (m?.[1] !== "") return undefined;
  // The words of this command, up to the next one of the line (`&&`, `;`, `|`).
  const words = command
    .slice(m.index + m[0].length)
    .split(/&&|\|\||[;|]/)[0]!
    .trim();
  const args = words === "" ? [] : words.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ""));
  let config: string | undefined;
  let subset = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = /^(-{1,2}[\w-]+)(?:=(.*))?$/.exec(arg);
    if (!option) {
      subset = true; // an importer's name
      continue;
    }
    const value = option[2] ?? (VALUE_OPTIONS.test(option[1]!) ? args[++i] : undefined);
    if (option[1] === "-c" || option[1] === "--config") config = value;
    else if (/^(?:-g|--group|-i|--include)$/.test(option[1]!)) subset = true;
  }
  if (config !== undefined)
    return /(?:^|\/)(?:local|demo)(?:\/|_|\.)|demodata/i.test(config) ? { config } : undefined;
  return subset ? undefined : {};
}
