/**
 * The Docker SDK's `imports:`: a deploy file includes templates from the project's
 * `config/deploy-templates/`, merged into it when the environment is built (spryker/docker-sdk,
 * docs/07-deploy-file; its generator's PrepareDeployFileTransferExecutor and DataImporter).
 * What a production deploy file imports is production's configuration as much as the file
 * itself: a password written in such a template is written for production. Pure: parsed files
 * in, the templates they import out.
 *
 * As the SDK reads them: `imports:` maps a name to `{ template, parameters }` (the name is the
 * template when `template` is absent; in a template, a name `x?file.yml` is `file.yml`) or
 * lists them; a `template` among the parameters picks the file instead; the file is the
 * folder's path joined with the name. A template imports further templates the same way.
 * `%name%` (`%name|upper%`, `%name|lower%`) in a template is its importer's parameter of that
 * name, its own merged over its importer's; one nobody gives stays as written, in a name too
 * (then no file has that name). The SDK's own templates (its base layer) are not the project's.
 */
import { posix } from "node:path";
import { child, scalarText, type Tree } from "./yaml-tree.js";

export const TEMPLATE_FOLDER = "config/deploy-templates/";

/**
 * The walk stops at this depth, this many files read (with their parameters) or a file given
 * this many parameters: a template that imports itself with other parameters at every step,
 * or a flood of parameters, would otherwise take exponential or quadratic time. Past a bound,
 * every template in the folder counts as imported: read as production's, never left unread.
 */
const MAX_DEPTH = 32;
const MAX_VISITS = 1_000;
const MAX_PARAMETERS = 1_000;

/** `%name%` or `%name|filter%`, as the SDK's PercentAnnotationParameterResolver reads it. */
const PARAMETER = /%([^%\s]+)%/g;

/**
 * Whether a template's value is its importer's parameters and nothing written: without its
 * `%...%`, no letter or digit is left (`%db_password%`, `%user%:%password%`). `PW-%store%`
 * writes `PW-`.
 */
export function isParameterReference(value: string): boolean {
  return value.includes("%") && !/[\p{L}\p{N}]/u.test(value.replace(PARAMETER, ""));
}

/** A line with each parameter written as a reference to the environment (`${name}`). */
export function asReferences(line: string): string {
  return line.replace(PARAMETER, (_, name: string) => `\${${name.split("|")[0]!.trim()}}`);
}

/**
 * Whether a line's connection string has a parameter for its password (`mysql://shop:
 * %db_password%@db`): what secretlint's connection rules read as a written password.
 */
export function parameterPassword(line: string): boolean {
  return /:\/\/[^\s:/@]*:%[^%\s@]+%@/.test(line);
}

interface Import {
  /** The path under the templates' folder, as the SDK joins it. */
  template: string;
  parameters: Map<string, string>;
}

/** The imports a parsed deploy file (or template) declares; `own`: the file's parameters. */
export function importsOf(
  tree: Tree | undefined,
  own: Map<string, string>,
  root: boolean,
): Import[] {
  const imports = child(tree, "imports");
  const out: Import[] = [];
  const add = (key: string | undefined, data: Tree | undefined) => {
    // The root's names are read as written; a template's are filled with its parameters.
    const name = key === undefined ? undefined : root ? key : fill(key, own);
    const given = child(data, "template");
    const written =
      scalarText(given) ?? (root || name === undefined ? name : name.split("?").pop());
    if (written === undefined) return;
    const parameters = new Map(own);
    const more = child(data, "parameters");
    if (more?.kind === "map")
      for (const [k, v] of more.entries) {
        const text = scalarText(v);
        if (text !== undefined)
          parameters.set(root ? k : fill(k, own), root ? text : fill(text, own));
      }
    const template = parameters.get("template") ?? (root ? written : fill(written, own));
    out.push({ template, parameters });
  };
  if (imports?.kind === "map") for (const [key, data] of imports.entries) add(key, data);
  else if (imports?.kind === "seq") for (const data of imports.items) add(undefined, data);
  return out;
}

/** A text with the parameters it is given put in; one not given stays `%name%`. */
function fill(text: string, parameters: ReadonlyMap<string, string>): string {
  if (!text.includes("%")) return text;
  return text.replace(PARAMETER, (whole, inner: string) => {
    const [name, filter] = inner.split("|").map((p) => p.trim());
    const value = parameters.get(name!);
    if (value === undefined) return whole;
    return filter === "upper"
      ? value.toUpperCase()
      : filter === "lower"
        ? value.toLowerCase()
        : value;
  });
}

/** The project file a template name is, when it is one and stays inside the folder. */
export function templateFile(name: string, files: ReadonlySet<string>): string | undefined {
  if (name.startsWith("/")) return undefined;
  const path = posix.normalize(`${TEMPLATE_FOLDER}${name}`);
  if (!path.startsWith(TEMPLATE_FOLDER)) return undefined;
  return files.has(path) ? path : undefined;
}

/**
 * The templates the given deploy files import, directly or through other templates. `parse`
 * gives a file's tree (undefined: it imports nothing, or cannot be read as YAML).
 */
export function importedTemplates(
  roots: readonly string[],
  files: readonly string[],
  parse: (file: string) => Tree | undefined,
): Set<string> {
  const all = new Set(files);
  const found = new Set<string>();
  const everything = () =>
    new Set(files.filter((f) => f.startsWith(TEMPLATE_FOLDER) && /\.ya?ml$/i.test(f)));
  const todo: { file: string; parameters: Map<string, string>; depth: number }[] = roots.map(
    (file) => ({ file, parameters: new Map(), depth: 0 }),
  );
  // A template imported again with other parameters may import other files: each pair once.
  const seen = new Set<string>();
  while (todo.length > 0) {
    const { file, parameters, depth } = todo.pop()!;
    if (depth > MAX_DEPTH || parameters.size > MAX_PARAMETERS) return everything();
    const key = `${file}\0${JSON.stringify([...parameters])}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_VISITS) return everything();
    for (const imported of importsOf(parse(file), parameters, depth === 0)) {
      const template = templateFile(imported.template, all);
      if (template === undefined) continue;
      found.add(template);
      todo.push({ file: template, parameters: imported.parameters, depth: depth + 1 });
    }
  }
  return found;
}
