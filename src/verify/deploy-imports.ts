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
/** Characters in all the parameters one import gives: each visit keys on them. */
const MAX_PARAMETER_TEXT = 64 * 1024;

/** `%name%` or `%name|filter%`, as the SDK's PercentAnnotationParameterResolver reads it. */
const PARAMETER = /%([^%\s]+)%/g;

/**
 * Whether a line's connection string has a parameter for its password (`mysql://shop:
 * %db_password%@db`): what secretlint's connection rules read as a written password.
 */
export function parameterPassword(line: string): boolean {
  return /:\/\/[^\s:/@]*:%[^%\s@]+%@/.test(line);
}

/** A parameter's value, and where it was written (the importer's line). */
export interface Given {
  value: string;
  file: string;
  line: number;
}

export type Parameters = Map<string, Given>;

interface Import {
  /** The path under the templates' folder, as the SDK joins it. */
  template: string;
  parameters: Parameters;
}

/**
 * The imports `file` (parsed) declares; `own`: the parameters it was imported with (none for
 * a deploy file itself, the root), `exists`: whether the folder holds a template of that name.
 * As the generator reads a name: the part after a `?`, `template:` before it, a `template`
 * parameter before both, and again the part after a `?`; the root's name (or `template:`)
 * must name a file of the folder (PrepareDeployFileTransferExecutor), or nothing is imported.
 */
export function importsOf(
  file: string,
  tree: Tree | undefined,
  own: Parameters,
  root: boolean,
  exists: (name: string) => boolean,
): Import[] {
  const imports = child(tree, "imports");
  const out: Import[] = [];
  const values = new Map([...own].map(([k, g]) => [k, g.value]));
  // The root's text is read as written; a template's is filled with its parameters.
  const read = (text: string) => (root ? text : fill(text, values));
  const afterMark = (name: string) => (name.includes("?") ? (name.split("?")[1] ?? "") : name);
  const add = (key: string | undefined, data: Tree | undefined) => {
    const written = scalarText(child(data, "template"));
    if (root && !exists(written ?? key ?? "")) return;
    const parameters = new Map(own);
    const more = child(data, "parameters");
    if (more?.kind === "map")
      for (const [k, v] of more.entries) {
        const text = scalarText(v);
        if (text === undefined) continue;
        // A value that only forwards one of the importer's parameters keeps where that was written.
        const forwarded = root ? undefined : /^%([^%\s|]+)%$/.exec(text.trim())?.[1];
        const from = forwarded === undefined ? undefined : own.get(forwarded);
        parameters.set(read(k), from ?? { value: read(text), file, line: v.line });
      }
    const name = key === undefined ? undefined : afterMark(read(key));
    const chosen =
      parameters.get("template")?.value ?? (written === undefined ? name : read(written));
    if (chosen === undefined) return;
    out.push({ template: afterMark(chosen), parameters });
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

/** The project file a template name is: the folder's path joined with it, in the repository. */
export function templateFile(name: string, files: ReadonlySet<string>): string | undefined {
  if (name.startsWith("/")) return undefined;
  const path = posix.normalize(`${TEMPLATE_FOLDER}${name}`);
  // `../deploy-common/db.yml` is a file of the repository the SDK reads too; one above the
  // repository's top is none of its files.
  if (path.startsWith("../") || path === "..") return undefined;
  return files.has(path) ? path : undefined;
}

/**
 * The templates the given deploy files import, directly or through other templates, each with
 * the sets of parameters it is imported with (none when a bound was passed). `parse` gives a
 * file's tree (undefined: it imports nothing, or cannot be read as YAML).
 */
export function importedTemplates(
  roots: readonly string[],
  files: readonly string[],
  parse: (file: string) => Tree | undefined,
): Map<string, Parameters[]> {
  const all = new Set(files);
  const found = new Map<string, Parameters[]>();
  const exists = (name: string) => templateFile(name, all) !== undefined;
  const todo: { file: string; parameters: Parameters; depth: number }[] = roots.map((file) => ({
    file,
    parameters: new Map(),
    depth: 0,
  }));
  // A template imported again with other parameters may import other files: each pair once.
  const seen = new Set<string>();
  let bounded = false;
  while (todo.length > 0 && seen.size <= MAX_VISITS) {
    const { file, parameters, depth } = todo.pop()!;
    const key = `${file}\0${JSON.stringify([...parameters].map(([k, g]) => [k, g.value]))}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (depth > 0) found.get(file)?.push(parameters);
    for (const imported of importsOf(file, parse(file), parameters, depth === 0, exists)) {
      const template = templateFile(imported.template, all);
      if (template === undefined) continue;
      if (!found.has(template)) found.set(template, []);
      // A value that fills itself (`x: '%x%%x%'`) doubles at every level: bounded.
      let text = 0;
      for (const given of imported.parameters.values()) text += given.value.length;
      if (
        depth + 1 > MAX_DEPTH ||
        imported.parameters.size > MAX_PARAMETERS ||
        text > MAX_PARAMETER_TEXT
      )
        bounded = true;
      else todo.push({ file: template, parameters: imported.parameters, depth: depth + 1 });
    }
  }
  // Past a bound, every template counts, also as imported without parameters: a `%name%` in
  // it then reads as written, never as a reference nobody gave.
  if (bounded || todo.length > 0)
    for (const f of files)
      if (f.startsWith(TEMPLATE_FOLDER) && /\.ya?ml$/i.test(f))
        found.set(f, [...(found.get(f) ?? []), new Map()]);
  return found;
}

/**
 * A template's text as one import fills it: its parameters put in. The SDK puts them into
 * the strings it has parsed; golive puts them into the text and then parses it, so a value
 * that could end a quoted string or start a comment (a quote, `#`, a backslash, a line
 * break) is put in as a stand-in: a reference's (`${PARAMETER}`), or a written one's
 * (`PARAMETER-VALUE`), which the line that uses it then reports as written there.
 */
export function filled(
  text: string,
  parameters: Parameters,
  written: (value: string) => boolean,
): string {
  const values = new Map<string, string>();
  for (const [k, g] of parameters) {
    const safe = !/['"#\\\r\n]/.test(g.value);
    values.set(k, safe ? g.value : written(g.value) ? "PARAMETER-VALUE" : "${PARAMETER}");
  }
  return fill(text, values);
}

/** The parameters a value names (`%db_password%`, `%name|upper%`). */
export function parameterNames(value: string): string[] {
  return [...value.matchAll(PARAMETER)].map((m) => m[1]!.split("|")[0]!.trim());
}
