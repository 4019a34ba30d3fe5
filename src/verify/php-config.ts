/**
 * Spryker's PHP configuration as production loads it: `config/Shared/config_default.php`, then
 * `config_default-<environment>.php` for the `environment:` of the production deploy file, each
 * with the files it `require`s or `include`s read where the statement stands, all in one scope
 * (as PHP shares it). Read as PHP (verify/php-eval.ts): the model is the `$config[...]`
 * assignments in the order PHP runs them, so a later assignment overrides an earlier one, and
 * the arrays that name a filesystem adapter.
 *
 * Also the small line-based readings the scheduler rules still use: code without comments and
 * statements joined across lines. Pure: texts in.
 */
import { type PhpParse, parsePhp } from "./php-ast.js";
import { type ConfigAssignment, MAGIC_DIR, MAGIC_ROOT, newScope, run } from "./php-eval.js";
import { type PhpValue, returned } from "./php-value.js";
import { isSecretKey } from "./secret-names.js";

export { isPlaceholder } from "./php-value.js";

export interface ConfigLine {
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** The line's code, comments blanked out. */
  code: string;
}

/** A PHP file golive could not read as PHP: where, and what kind of problem (never the text). */
export interface PhpProblem {
  file: string;
  reason: "syntax" | "too-large" | "too-deep";
  line?: number;
  column?: number;
}

/** An array that names a filesystem adapter (`'sprykerAdapterClass' => X::class`). */
export interface FilesystemArray {
  file: string;
  line: number;
  /** The adapter class's short name: `Aws3v3FilesystemBuilderPlugin`. */
  adapter: string;
  entries: Map<string, { value: PhpValue; line: number }>;
}

export interface ConfigLoad {
  /** The deploy file's `environment:`; undefined when no production deploy file names one. */
  environment: string | undefined;
  /** The files read, in the order PHP runs them. */
  files: string[];
  /** Files a `require` or `include` names that are not in the repository. */
  missing: string[];
  /** Where a `require` or `include` builds its path at run time: golive cannot follow it. */
  unresolved: { file: string; line: number }[];
  /** Files that are there but could not be read as PHP. */
  unreadable: PhpProblem[];
  /** Every `$config[...]` assignment, in the order PHP runs them. */
  assignments: ConfigAssignment[];
  /** Arrays that configure a filesystem, in the order PHP builds them. */
  filesystems: FilesystemArray[];
  /** Where the code names the demo OAuth key `dev_only_private.key`. */
  devKeys: { file: string; line: number }[];
}

/** Reads a file's text; `parse` (when given) parses it, so a run parses each file once. */
export interface PhpSource {
  read(path: string): string | undefined;
  parse?(path: string): PhpParse | undefined;
}

const SHARED = "config/Shared";

/**
 * The code of a PHP file with comments replaced by blanks: line breaks (and so line numbers)
 * and string literals stay, `// getenv` in a comment no longer reads as code.
 */
export function stripPhpComments(text: string): string {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "<" && text.startsWith("<?php", i)) {
      out += "     ";
      i += 5;
    } else if ((c === "/" && next === "/") || (c === "#" && next !== "[")) {
      let j = i;
      while (j < n && text[j] !== "\n" && !(text[j] === "?" && text[j + 1] === ">")) j++;
      out += " ".repeat(j - i);
      i = j;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const j = end === -1 ? n : end + 2;
      out += text.slice(i, j).replace(/[^\n]/g, " ");
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A statement of code, joined across the lines it spans. */
export interface Statement {
  file: string;
  /** The line it starts on. */
  line: number;
  text: string;
  /** Where each line's code starts in `text`: `[offset, line]`, ascending. */
  starts: [number, number][];
}

/** The line of a character offset in a statement's text. */
export function lineOf(statement: Statement, offset: number): number {
  let line = statement.line;
  for (const [at, l] of statement.starts) {
    if (at > offset) break;
    line = l;
  }
  return line;
}

/** Statements (up to each `;` outside strings and brackets, or a block's brace), comments gone. */
export function statements(lines: readonly ConfigLine[]): Statement[] {
  const out: Statement[] = [];
  let current: Statement | undefined;
  let depth = 0;
  let quote: string | undefined;
  const add = (l: ConfigLine, piece: string) => {
    const text = piece.trim();
    if (text === "") return;
    if (!current) current = { file: l.file, line: l.line, text: "", starts: [] };
    if (current.text !== "") current.text += " ";
    current.starts.push([current.text.length, l.line]);
    current.text += text;
  };
  for (const l of lines) {
    if (current && current.file !== l.file) {
      out.push(current);
      current = undefined;
      depth = 0;
      quote = undefined;
    }
    const code = l.code;
    let start = 0;
    for (let i = 0; i < code.length; i++) {
      const c = code[i]!;
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === "[" || c === "(") depth++;
      else if (c === "]" || c === ")") depth = Math.max(0, depth - 1);
      else if ((c === "{" || c === "}") && depth === 0) {
        // A block's braces end what stands before them: `if (...) { $config[...] = ...; }`.
        add(l, code.slice(start, i));
        if (current) out.push(current);
        current = undefined;
        start = i + 1;
      } else if (c === ";" && depth === 0) {
        add(l, code.slice(start, i + 1));
        if (current) out.push(current);
        current = undefined;
        start = i + 1;
      }
    }
    add(l, code.slice(start));
  }
  if (current) out.push(current);
  return out;
}

/** The repository path a `require` of `target` in `from` names; undefined outside it. */
export function resolvePath(from: string, target: string): string | undefined {
  let base: string;
  let path: string;
  if (target.startsWith(MAGIC_DIR)) {
    // `__DIR__ . '/x.php'`: the including file's folder.
    base = "";
    path = target.slice(MAGIC_DIR.length);
  } else if (target.startsWith(MAGIC_ROOT)) {
    base = "";
    path = target.slice(MAGIC_ROOT.length);
  } else {
    if (target.startsWith("/") || target.includes("\u0000")) return undefined;
    // A relative path: PHP looks in the include path and the script's folder; Spryker's
    // files name a path next to themselves.
    base = from.split("/").slice(0, -1).join("/");
    path = target;
  }
  if (path.includes("\u0000")) return undefined;
  const out = base === "" ? [] : base.split("/");
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(p);
  }
  return out.join("/");
}

/** The adapter an array names, if it names one. */
function filesystemArray(
  file: string,
  value: Extract<PhpValue, { k: "array" }>,
): FilesystemArray | undefined {
  const adapter = value.entries.find(
    (e) => e.value.k === "class" && e.value.name.endsWith("FilesystemBuilderPlugin"),
  );
  if (adapter?.value.k !== "class") return undefined;
  const entries = new Map<string, { value: PhpValue; line: number }>();
  for (const e of value.entries)
    if (e.name !== undefined) entries.set(e.name, { value: e.value, line: e.line });
  return { file, line: adapter.line, adapter: adapter.value.name, entries };
}

/** Parses `text` unless the source has a parse of its own (a cache). */
function parseWith(source: PhpSource, path: string, text: string): PhpParse {
  return source.parse?.(path) ?? parsePhp(text);
}

/**
 * The configuration production loads for `environment`, read from `source` (undefined for a
 * file that is not there). Files already read are not read again (PHP would re-run a
 * `require`, but Spryker's files never rely on that, and a loop must end).
 */
export function loadConfig(
  source: PhpSource | ((path: string) => string | undefined),
  environment: string | undefined,
  options: { environmentOnly?: boolean } = {},
): ConfigLoad {
  const src: PhpSource = typeof source === "function" ? { read: source } : source;
  const load: ConfigLoad = {
    environment,
    files: [],
    missing: [],
    unresolved: [],
    unreadable: [],
    assignments: [],
    filesystems: [],
    devKeys: [],
  };
  const seen = new Set<string>();
  const scope = newScope("", {
    assign: (a) => load.assignments.push(a),
    array: (file, value) => {
      const fs = filesystemArray(file, value);
      if (fs) load.filesystems.push(fs);
    },
    string: (file, line, value) => {
      if (value.includes("dev_only_private.key")) load.devKeys.push({ file, line });
    },
    include: (file, line, target, expression, used) => {
      // A path built from a secret-named variable, constant or key is not followed: were the
      // file missing, the finding would show the secret's value in the path.
      const path =
        target.k === "string" && !namesSecret(expression) ? resolvePath(file, target.s) : undefined;
      if (path === undefined) {
        load.unresolved.push({ file, line });
        return undefined;
      }
      const outer = scope.returns;
      const returns: PhpValue[] = [];
      scope.returns = returns;
      try {
        visit(path, true);
      } finally {
        scope.returns = outer;
      }
      return used ? returned(returns, line) : undefined;
    },
  });
  scope.stopAtReturn = true;
  // Spryker's loader skips a config_default-<environment>.php that is not there; a missing
  // `require` stops PHP.
  const visit = (file: string, required: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = src.read(file);
    if (text === undefined) {
      if (required) load.missing.push(file);
      return;
    }
    load.files.push(file);
    const parsed = parseWith(src, file, text);
    if (!parsed.ok) {
      load.unreadable.push({ file, ...parsed });
      return;
    }
    const outer = scope.file;
    scope.file = file;
    try {
      run(parsed.program, scope);
    } catch (error) {
      // A tree nested deeper than the stack: the file is named as unread, not passed.
      if (!(error instanceof RangeError)) throw error;
      load.unreadable.push({ file, reason: "too-deep" });
    } finally {
      scope.file = outer;
    }
  };
  // environmentOnly: the environment's file and what it requires, config_default.php left out.
  if (!options.environmentOnly) visit(`${SHARED}/config_default.php`, false);
  if (environment !== undefined) visit(`${SHARED}/config_default-${environment}.php`, false);
  return load;
}

/**
 * The assignments of each `$config` key path that may be the one production runs: the last
 * one not inside a branch, loop or function, and every one inside them after it (a switch
 * turned off in `if (getenv('X')) { ... }` is still on where X is unset).
 */
export function possibleFinal(load: ConfigLoad): ConfigAssignment[] {
  const out = new Map<string, ConfigAssignment[]>();
  for (const a of load.assignments) {
    const before = out.get(a.written);
    if (a.operator === "??=" && before) continue;
    if (a.conditional && before) before.push(a);
    else out.set(a.written, [a]);
  }
  return [...out.values()].flat();
}

/**
 * The last value each `$config` key path gets in a load, with where: what production runs.
 * Keys are the paths as written (`[Foo::BAR]`).
 */
export function finalConfig(load: ConfigLoad): Map<string, ConfigAssignment> {
  const out = new Map<string, ConfigAssignment>();
  for (const a of load.assignments) {
    if (a.operator === "??=" && out.has(a.written)) continue;
    out.set(a.written, a);
  }
  return out;
}

/** Whether a PHP expression names a variable, constant or key whose value may not be shown. */
function namesSecret(node: unknown, depth = 0): boolean {
  if (node === null || typeof node !== "object" || depth > 100) return false;
  const n = node as { kind?: unknown; name?: unknown; offset?: unknown };
  const named = n.kind === "variable" || n.kind === "name" || n.kind === "identifier";
  if (named && typeof n.name === "string" && isSecretKey(n.name)) return true;
  const offset =
    n.kind === "offsetlookup" ? (n.offset as { kind?: unknown; value?: unknown }) : undefined;
  if (offset?.kind === "string" && typeof offset.value === "string" && isSecretKey(offset.value))
    return true;
  for (const [key, value] of Object.entries(n)) {
    if (key === "loc") continue;
    const children = Array.isArray(value) ? value : [value];
    if (children.some((child) => namesSecret(child, depth + 1))) return true;
  }
  return false;
}
