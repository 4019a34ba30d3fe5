/**
 * Reading YAML files for people: every failure names the file, line and column and says
 * what to do. Shared by the catalogue and state readers.
 */
import {
  type Document,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
} from "yaml";
import * as z from "zod/mini";
import { GoliveError, type SourceLocation } from "../errors.js";

export interface YamlFile {
  /** The path as the user should see it. */
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** The file's line ending, kept on rewrite. */
  eol: "\n" | "\r\n";
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)/;

/** Lines (1-based) holding git merge-conflict markers. */
export function conflictMarkerLines(text: string): number[] {
  const found: number[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (CONFLICT_MARKER.test(lines[i]!)) found.push(i + 1);
  }
  return found;
}

export function parseYaml(path: string, rawText: string, what: string): YamlFile {
  const bom = rawText.startsWith("\uFEFF");
  const text = bom ? rawText.slice(1) : rawText;
  const conflicts = conflictMarkerLines(text);
  if (conflicts.length > 0) {
    throw new GoliveError(
      "merge-conflict",
      `${what} has unresolved git merge-conflict markers on line${conflicts.length > 1 ? "s" : ""} ${conflicts.join(", ")}`,
      {
        location: { file: path, line: conflicts[0]!, col: 1 },
        hint: "resolve the conflict (keep both sides' items), remove the markers, then run the command again",
      },
    );
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    // yaml's own unique-key check compares each key with every earlier one: quadratic, and
    // most of the time spent on a 10,000-item file. firstDuplicateKey does it in one pass.
    // logLevel "error": the library would print its own warnings; golive reports problems itself.
    doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: false,
      logLevel: "error",
    });
  } catch (error) {
    throw new GoliveError("invalid-yaml", `${what} cannot be read: ${firstLine(String(error))}`, {
      location: { file: path },
      hint: "check that this is the right file",
    });
  }
  const duplicate = doc.errors.length === 0 ? firstDuplicateKey(doc.contents) : undefined;
  if (duplicate !== undefined) {
    const pos = lines.linePos(duplicate);
    throw new GoliveError("invalid-yaml", `${what} is not valid YAML: Map keys must be unique`, {
      location: { file: path, line: pos.line, col: pos.col },
      hint: "fix the YAML syntax at that place",
    });
  }
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    throw new GoliveError(
      "invalid-yaml",
      `${what} is not valid YAML: ${firstLine(error.message)}`,
      {
        location: { file: path, line: pos.line, col: pos.col },
        hint: "fix the YAML syntax at that place",
      },
    );
  }
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  return { path, text, doc, lines, bom, eol };
}

/** The offset of the first mapping key that repeats an earlier key of its mapping, if any. */
function firstDuplicateKey(root: unknown): number | undefined {
  const pending: unknown[] = [root];
  let earliest: number | undefined;
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isCollection(node)) continue;
    const seen = new Set<unknown>();
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push(item);
        continue;
      }
      if (isMap(node) && isNode(item.key)) {
        // Scalars compare by value, as yaml does: 1 and "1" differ, null and ~ do not.
        const key = isScalar(item.key) ? item.key.value : item.key;
        if (seen.has(key)) {
          const at = item.key.range?.[0] ?? 0;
          if (earliest === undefined || at < earliest) earliest = at;
        }
        seen.add(key);
      }
      pending.push(item.value);
    }
  }
  return earliest;
}

function firstLine(message: string): string {
  // Recursion in the parser or in toJS ends in a RangeError; say what it means.
  if (message.includes("call stack")) return "it is nested too deeply";
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Converts the document to plain data, refusing alias bombs. */
export function toData(file: YamlFile, what: string): unknown {
  try {
    return file.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = firstLine((error as Error).message);
    throw new GoliveError("invalid-yaml", `${what} cannot be read: ${message}`, {
      location: { file: file.path },
      hint: message.includes("nested")
        ? "check that this is the right file"
        : "remove the excessive aliases (*name) from the file",
    });
  }
}

/** Where the value at `path` starts, or its nearest existing parent. */
export function locate(file: YamlFile, path: readonly PropertyKey[]): SourceLocation {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = file.doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = file.lines.linePos(node.range[0]);
      return { file: file.path, line: pos.line, col: pos.col };
    }
  }
  return { file: file.path, line: 1, col: 1 };
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** Validates data against a zod schema; the first problem becomes one located error. */
export function validate<T>(
  file: YamlFile,
  data: unknown,
  schema: z.ZodMiniType<T>,
  what: string,
  code: "invalid-state" | "invalid-catalogue",
): T {
  // zod/mini loads no locale: describeIssue words every issue. zod asks it only for issues
  // whose schema gave no message of its own, so "expected an ID like CLO-14" stays as written.
  const result = schema.safeParse(data, { error: describeIssue });
  if (result.success) return result.data;
  // A misspelt field also makes the real one "missing": name the misspelling first.
  const issues = [...result.error.issues].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"),
  );
  const first = issues[0]!;
  const more = issues.length - 1;
  throw new GoliveError(code, `${what}: ${formatPath(first.path)}: ${first.message}`, {
    location: locate(
      file,
      first.code === "unrecognized_keys" ? [...first.path, first.keys[0]!] : first.path,
    ),
    hint: `fix that field${more > 0 ? ` (${more} more problem${more > 1 ? "s" : ""} after it)` : ""}, then run the command again`,
  });
}

/**
 * The wording of every issue zod can raise, as zod's error map: it sees the raw issue, input
 * included. It names the kind of value found, never the value: a misplaced secret stays out
 * of the message.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `missing (expected ${noun(issue.expected)})`;
      // A fraction where a whole number belongs: "got a number" would not say what is wrong.
      if (issue.expected === "int" && typeof issue.input === "number")
        return `expected ${noun(issue.expected)}, got a fraction`;
      return `expected ${noun(issue.expected)}, got ${kindOf(issue.input)}`;
    case "too_small":
      return describeSize("small", issue.origin, issue.minimum, issue.inclusive, issue.exact);
    case "too_big":
      return describeSize("big", issue.origin, issue.maximum, issue.inclusive, issue.exact);
    case "invalid_format":
      return describeFormat(issue);
    case "not_multiple_of":
      return `expected a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_union":
      return describeUnion(issue);
    case "invalid_key":
      return `invalid key: ${issue.issues[0]?.message ?? "not accepted"}`;
    case "invalid_element":
      return `invalid entry: ${issue.issues[0]?.message ?? "not accepted"}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "custom":
      return "not accepted here";
    default:
      // Every code is worded above; a code a newer zod adds fails the typecheck here.
      issue satisfies never;
      return "not accepted here";
  }
}

/** A type as zod names it, in the words of a YAML file. */
function noun(type: string): string {
  switch (type) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    default:
      return type;
  }
}

/** The kind of a value that was found: never the value itself, but for true and false. */
function kindOf(value: unknown): string {
  if (value === null) return "an empty value (null)";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "boolean":
      return String(value);
    case "number":
      return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "a number" : "infinity";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

function describeSize(
  side: "small" | "big",
  origin: string,
  limit: number | bigint,
  inclusive = true,
  exact = false,
): string {
  const count = (unit: string) => `${limit} ${unit}${limit === 1 ? "" : "s"}`;
  const bound =
    side === "small" ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
  switch (origin) {
    case "string":
      if (exact) return `expected exactly ${count("character")}`;
      if (side === "small" && limit === 1) return "empty (expected at least 1 character)";
      return `too ${side === "small" ? "short" : "long"}: ${bound} ${count("character")}`;
    case "array":
    case "set":
      if (exact) return `expected exactly ${count("item")}`;
      if (side === "small" && limit === 1) return "empty (expected at least 1 item)";
      return `too ${side === "small" ? "few" : "many"} items: ${bound} ${count("item")}`;
    default:
      return `too ${side}: ${bound} ${limit}`;
  }
}

function describeFormat(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  const pattern = issue.pattern;
  switch (issue.format) {
    case "url": {
      // z.url({ protocol }) reports a wrong protocol with the protocol's pattern.
      const protocol = pattern && /^\^([a-z][a-z0-9+.-]*)\$$/.exec(pattern)?.[1];
      if (protocol) return `expected a URL starting with ${protocol}://`;
      if (pattern) return `expected a URL matching ${pattern}`;
      return "expected a URL, like https://example.com/page";
    }
    case "regex":
      // The pattern as zod reports it for a regex: written like a literal, /^a+$/.
      return `expected text matching ${pattern}`;
    case "starts_with":
      return `expected text starting with ${JSON.stringify(issue.prefix)}`;
    case "ends_with":
      return `expected text ending with ${JSON.stringify(issue.suffix)}`;
    case "includes":
      return `expected text including ${JSON.stringify(issue.includes)}`;
    default:
      return `expected a valid ${issue.format.replaceAll("_", " ")}`;
  }
}

function describeUnion(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string {
  if (issue.inclusive === false) return "matches more than one of the allowed forms";
  if (issue.discriminator !== undefined) {
    // The issue's path ends at the discriminator (`kind`); its input is the whole mapping.
    const input = issue.input;
    const found =
      typeof input === "object" && input !== null
        ? (input as Record<string, unknown>)[issue.discriminator]
        : undefined;
    const options = `one of ${(issue.options ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    return found === undefined ? `missing (expected ${options})` : `expected ${options}`;
  }
  const forms =
    issue.inst instanceof z.ZodMiniUnion
      ? [...new Set(issue.inst.def.options.map(describeForm))]
      : [];
  if (forms.length === 0) return "matches none of the allowed forms";
  return `expected ${forms.slice(0, -1).join(", ")}${forms.length > 1 ? " or " : ""}${forms.at(-1)}`;
}

/**
 * One alternative of a union: a mapping by its required fields (`{name}`), else its type.
 * Asked of the union schema itself: the issue's per-alternative errors cannot tell which
 * fields a mapping needs when the value is no mapping at all (`catalogue: spryker-cloud`).
 */
function describeForm(option: z.core.$ZodType): string {
  if (option instanceof z.ZodMiniObject) {
    const required = Object.keys(option.shape).filter(
      (key) => !(option.shape[key] instanceof z.ZodMiniOptional),
    );
    return required.length > 0 ? `{${required.join(", ")}}` : "a mapping";
  }
  return option instanceof z.ZodMiniType ? noun(option.type) : "another form";
}
