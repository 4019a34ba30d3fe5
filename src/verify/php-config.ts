/**
 * Spryker's PHP configuration as production loads it: `config/Shared/config_default.php`, then
 * `config_default-<environment>.php` for the `environment:` of the production deploy file, each
 * with the files it `require`s or `include`s read where the statement stands. Rules read the
 * lines in that order, so a later assignment overrides an earlier one as it does in PHP.
 *
 * Also the small readings of PHP the rules need: code without comments, statements joined
 * across lines, and what the right-hand side of an assignment is (a literal, an environment
 * variable, a literal fallback). Pure: texts in.
 */

export interface ConfigLine {
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** The line's code, comments blanked out. */
  code: string;
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
  /** Every line of code in the order PHP runs it. */
  lines: ConfigLine[];
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

/** What the value of a setting is, without keeping the value. */
export type ValueKind =
  /** A non-empty string literal. */
  | "literal"
  /** A string that says "replace me": CHANGE_ME, "Your private key.". */
  | "placeholder"
  /** `''`, `null`, `false`. */
  | "empty"
  /** `getenv('X')` and the like, with no literal to fall back on. */
  | "env"
  /** `getenv('X') ?: 'literal'`: the literal is used wherever the variable is unset. */
  | "fallback"
  /** Anything else: a variable, a concatenation, a call. */
  | "expression";

const PLACEHOLDER =
  /^(?:change[\s_-]?me|changeit|replace[\s_-]?me|to[\s_-]?do|fix[\s_-]?me|x{3,}|\*{3,}|<[^>]*>|\{\{[^}]*\}\}|your[\s_-].*|insert[\s_-].*|enter[\s_-].*|put[\s_-].*here\.?)$/i;

/** Whether a literal is a stand-in to replace, not a value. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

const ENV_READ = /\bgetenv\s*\(|\$_ENV\s*\[|\$_SERVER\s*\[|\benv\s*\(/;

function stringLiteral(expr: string): string | undefined {
  const m = /^(['"])((?:(?!\1)[^\\]|\\.)*)\1$/.exec(expr.trim());
  return m ? m[2]! : undefined;
}

/** The kind of a PHP expression on the right of `=` or `=>`. */
export function valueKind(expression: string): ValueKind {
  const expr = expression
    .trim()
    .replace(/[;,]\s*$/, "")
    .trim();
  const literal = stringLiteral(expr);
  if (literal !== undefined) {
    if (literal.trim() === "") return "empty";
    return isPlaceholder(literal) ? "placeholder" : "literal";
  }
  if (/^(?:null|false|true|\d+|\[\s*\])$/i.test(expr)) return "empty";
  const fallback = /\?:\s*(.+)$/.exec(expr);
  if (ENV_READ.test(expr) && fallback) {
    const lit = stringLiteral(fallback[1]!);
    if (lit === undefined || lit.trim() === "") return "env";
    return isPlaceholder(lit) ? "placeholder" : "fallback";
  }
  if (ENV_READ.test(expr)) return "env";
  return "expression";
}

/** `require 'common/x.php';`, `include_once __DIR__ . '/x.php';`: the path named. */
/** A `require` or `include`, to be followed when its path is REQUIRE's whole literal. */
const INCLUDE = /(?<![\w'"$>-])(?:require|include)(?:_once)?\b(?=\s*\(?\s*[$'"A-Za-z_])/g;
const REQUIRE =
  /\b(?:require|include)(?:_once)?\s*\(?\s*(?:(__DIR__|APPLICATION_ROOT_DIR)\s*\.\s*)?(['"])([^'"]+)\2(?!\s*\.)/y;

function resolve(from: string, base: string | undefined, path: string): string {
  const dir = base === "APPLICATION_ROOT_DIR" ? "" : from.split("/").slice(0, -1).join("/");
  const parts = (path.startsWith("/") && base !== undefined ? path.slice(1) : path).split("/");
  const out = dir === "" ? [] : dir.split("/");
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

/**
 * The configuration production loads for `environment`, read with `read` (undefined for a file
 * that is not there). Files already read are not read again (PHP would re-run a `require`, but
 * Spryker's files never rely on that, and a loop must end).
 */
export function loadConfig(
  read: (path: string) => string | undefined,
  environment: string | undefined,
  options: { environmentOnly?: boolean } = {},
): ConfigLoad {
  const load: ConfigLoad = { environment, files: [], missing: [], lines: [], unresolved: [] };
  const seen = new Set<string>();
  // Spryker's loader skips a config_default-<environment>.php that is not there; a missing
  // `require` stops PHP.
  const visit = (file: string, required: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = read(file);
    if (text === undefined) {
      if (required) load.missing.push(file);
      return;
    }
    load.files.push(file);
    const code = stripPhpComments(text).split("\n");
    code.forEach((line, i) => {
      load.lines.push({ file, line: i + 1, code: line });
      for (const include of line.matchAll(INCLUDE)) {
        REQUIRE.lastIndex = include.index;
        const m = REQUIRE.exec(line);
        if (m) visit(resolve(file, m[1], m[3]!), true);
        else load.unresolved.push({ file, line: i + 1 });
      }
    });
  };
  // environmentOnly: the environment's file and what it requires, config_default.php left out.
  if (!options.environmentOnly) visit(`${SHARED}/config_default.php`, false);
  if (environment !== undefined) visit(`${SHARED}/config_default-${environment}.php`, false);
  return load;
}
