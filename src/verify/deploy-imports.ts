/**
 * The Docker SDK's `imports:`: a deploy file includes templates from the project's
 * `config/deploy-templates/`, merged into it when the environment is built (spryker/docker-sdk,
 * docs/07-deploy-file; its generator's DataImporter). What a production deploy file imports is
 * production's configuration as much as the file itself: a password written in such a template
 * is written for production. Pure: parsed files in, the templates they import out.
 *
 * As the SDK reads them: `imports:` maps a name to `{ template, parameters }` (the name is the
 * template when `template` is absent) or lists `{ template, parameters }`; a template imports
 * further templates the same way; `%name%` (`%name|upper%`, `%name|lower%`) in a template's
 * name or text is the importing file's parameter of that name, its own merged over its
 * importer's. The SDK's own templates (its base layer) are not the project's files.
 */
import { child, scalarText, type Tree } from "./yaml-tree.js";

export const TEMPLATE_FOLDER = "config/deploy-templates/";

/** Imports followed at most this deep: the SDK's own templates nest three deep. */
const MAX_DEPTH = 16;
/**
 * Files read (with their parameters) at most: a template that imports itself with other
 * parameters at every step would otherwise take exponential time. Past it, every template in
 * the folder counts as imported: read as production's rather than not read.
 */
const MAX_VISITS = 1_000;

/** `%name%` or `%name|filter%`: a parameter of the importing file. */
const PARAMETER = /%([A-Za-z_][\w-]*)(?:\|(upper|lower))?%/g;

/** Whether a value is built from an importer's parameter (in an imported template). */
export function holdsParameter(value: string): boolean {
  return new RegExp(PARAMETER.source).test(value);
}

/** A line with each parameter written as a reference to the environment (`${name}`). */
export function asReferences(line: string): string {
  return line.replace(PARAMETER, (_, name: string) => `\${${name}}`);
}

/**
 * Whether a line's connection string has a parameter for its password (`mysql://shop:
 * %db_password%@db`): what secretlint's connection rules read as a written password.
 */
export function parameterPassword(line: string): boolean {
  return /:\/\/[^\s:/@]*:%[A-Za-z_][\w-]*(?:\|(?:upper|lower))?%@/.test(line);
}

interface Import {
  template: string;
  parameters: Map<string, string>;
}

/** The imports a parsed deploy file (or template) declares, with their parameters merged. */
export function importsOf(tree: Tree | undefined, inherited: Map<string, string>): Import[] {
  const imports = child(tree, "imports");
  const out: Import[] = [];
  const add = (name: string | undefined, data: Tree | undefined) => {
    const template = scalarText(child(data, "template")) ?? name;
    if (template === undefined) return;
    const parameters = new Map(inherited);
    const given = child(data, "parameters");
    if (given?.kind === "map")
      for (const [key, value] of given.entries) {
        const text = scalarText(value);
        if (text !== undefined) parameters.set(key, text);
      }
    out.push({ template: fill(template, inherited), parameters });
  };
  if (imports?.kind === "map") for (const [name, data] of imports.entries) add(name, data);
  else if (imports?.kind === "seq") for (const data of imports.items) add(undefined, data);
  return out;
}

/** A template's name with its parameters put in; one not given stays `%name%`. */
function fill(text: string, parameters: ReadonlyMap<string, string>): string {
  return text.replace(PARAMETER, (whole, name: string, filter?: string) => {
    const value = parameters.get(name);
    if (value === undefined) return whole;
    return filter === "upper"
      ? value.toUpperCase()
      : filter === "lower"
        ? value.toLowerCase()
        : value;
  });
}

/**
 * The project's files a template name may be: `config/deploy-templates/<name>`, where a
 * parameter no importer gives stands for any name within one folder. A name that leaves the
 * folder (`..`, an absolute path) is none.
 */
export function templateFiles(name: string, files: readonly string[]): string[] {
  const parts = name.replace(/^\.\//, "").split("/");
  if (name.startsWith("/") || parts.some((p) => p === ".." || p === "")) return [];
  const path = `${TEMPLATE_FOLDER}${parts.join("/")}`;
  if (!holdsParameter(path)) return files.includes(path) ? [path] : [];
  const pattern = new RegExp(
    `^${path
      .split(PARAMETER)
      .filter((_, i) => i % 3 === 0)
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}$`,
  );
  return files.filter((file) => pattern.test(file));
}

/**
 * The templates the given deploy files import, directly or through other templates. `parse`
 * gives a file's tree (undefined: it cannot be read as YAML, and imports nothing).
 */
export function importedTemplates(
  roots: readonly string[],
  files: readonly string[],
  parse: (file: string) => Tree | undefined,
): Set<string> {
  const found = new Set<string>();
  const todo: { file: string; parameters: Map<string, string>; depth: number }[] = roots.map(
    (file) => ({ file, parameters: new Map(), depth: 0 }),
  );
  // A template imported again with other parameters may import other files: each pair once.
  const seen = new Set<string>();
  while (todo.length > 0) {
    const { file, parameters, depth } = todo.pop()!;
    const key = `${file}\0${JSON.stringify([...parameters])}`;
    if (seen.has(key) || depth > MAX_DEPTH) continue;
    seen.add(key);
    if (seen.size > MAX_VISITS)
      return new Set(files.filter((f) => f.startsWith(TEMPLATE_FOLDER) && /\.ya?ml$/i.test(f)));
    for (const imported of importsOf(parse(file), parameters))
      for (const template of templateFiles(imported.template, files)) {
        found.add(template);
        todo.push({ file: template, parameters: imported.parameters, depth: depth + 1 });
      }
  }
  return found;
}
