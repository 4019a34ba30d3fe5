/**
 * Deploy files read line by line, as APP-17 reads them first: each `key: value` with the keys
 * above it (yamlEntries), and the lines of a text whatever its line breaks (textLines). What
 * only YAML shows (flow collections, block scalars) is read from the parsed file instead
 * (verify/secret-literals.ts decides when).
 */
/** One `key: value` of a YAML file, with the keys above it. */
export interface YamlEntry {
  line: number;
  path: string[];
  /** The scalar as written (quotes and comment taken off); undefined for a block or nothing. */
  value: string | undefined;
  /** The scalar was quoted: `"*x"` is text, not an alias. */
  quoted?: boolean;
}

export function stripYamlComment(value: string): string {
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(value[i - 1]!))) return value.slice(0, i).trim();
  }
  return value.trim();
}

function isQuoted(value: string): boolean {
  return /^(['"])[\s\S]*\1$/.test(value.trim());
}

export function unquote(value: string): string {
  const m = /^(['"])([\s\S]*)\1$/.exec(value.trim());
  return m ? m[2]! : value.trim();
}

/** A quoted key and what follows its `:`. */
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')\s*:(?:\s+(.*))?$/;

/**
 * A line's key (as written, quotes kept) and the text after its `:` and the white space that
 * follows (undefined when nothing follows the `:`): a plain key ends at the first `:` followed
 * by white space or the line's end, and holds no `#`. One pass over the line: a regular
 * expression with a lazy key took seconds on a line of 100,000 spaces.
 */
function keyAndValue(line: string): [string, string | undefined] | undefined {
  const quoted = QUOTED_KEY.exec(line);
  if (quoted) return [quoted[1]!, quoted[2]];
  if (line === "" || /^[\s#'"{[\]]/.test(line)) return undefined;
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === "#") return undefined;
    if (c !== ":") continue;
    const next = line[i + 1];
    if (next !== undefined && !/\s/.test(next)) continue;
    const after = line.slice(i + 1);
    return [line.slice(0, i).trimEnd(), after === "" ? undefined : after.replace(/^\s+/, "")];
  }
  return undefined;
}

/**
 * A file's lines as YAML and dotenv break them: at `\r\n`, `\r` or `\n` (a deploy or `.env`
 * file saved on Windows has `\r\n`; a `\r` left at a line's end hid its key from the reading).
 */
export function textLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

/**
 * The `key: value` entries of a block-style YAML text, with their key paths from indentation;
 * list items add a `[]` step, `{ a: b }` on one line is read too. Enough to find keys and say
 * whether their value is a literal, and it reads files the parser refuses.
 */
export function yamlEntries(text: string): YamlEntry[] {
  const out: YamlEntry[] = [];
  const stack: { indent: number; key: string }[] = [];
  let blockIndent = -1;
  textLines(text).forEach((raw, i) => {
    if (raw.trim() === "" || /^\s*#/.test(raw)) return;
    const m = /^(\s*)((?:-\s+)*)(.*)$/s.exec(raw)!;
    const indent = m[1]!.length;
    if (blockIndent >= 0 && indent > blockIndent) return;
    blockIndent = -1;
    const dashes = m[2]!.length;
    const key = keyAndValue(m[3]!);
    if (!key) return;
    const effective = indent + dashes;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= (dashes ? indent : effective))
      stack.pop();
    if (dashes) stack.push({ indent, key: "[]" });
    const name = unquote(key[0]);
    const path = [...stack.map((s) => s.key), name];
    stack.push({ indent: effective, key: name });
    const value = key[1] === undefined ? undefined : stripYamlComment(key[1]);
    if (value !== undefined && /^[|>][+-]?\d*$/.test(value)) {
      blockIndent = effective;
      out.push({ line: i + 1, path, value: undefined });
      return;
    }
    if (value?.startsWith("{") && value.endsWith("}")) {
      for (const pair of value.slice(1, -1).matchAll(/([\w.-]+)\s*:\s*([^,}]*)/g))
        out.push({
          line: i + 1,
          path: [...path, pair[1]!],
          value: unquote(pair[2]!.trim()),
          quoted: isQuoted(pair[2]!),
        });
      return;
    }
    out.push({
      line: i + 1,
      path,
      value: value === "" ? undefined : unquote(value ?? ""),
      quoted: isQuoted(value ?? ""),
    });
  });
  return out;
}
