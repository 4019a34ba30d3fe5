/**
 * golive's words for zod's issues: a field's path as people read it, and what is wrong with
 * it. Here, beside the schemas, so that every reader of a schema (io/yaml-file.ts, the merge
 * in core/merge.ts) words problems alike.
 */
import * as z from "zod/mini";

/** A field's path as people read it: `items.CLO-14.note`, `phases[2].due`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** Keys shown in one message; the rest counted. A file may hold thousands, or one of 1 KB. */
const SHOWN_KEYS = 5;
const SHOWN_KEY_LENGTH = 64;

/**
 * Unknown keys as a message names them: the first few, each cut to a length a line holds,
 * never inside a character (the error's renderer escapes what it shows: render/error.ts).
 */
function namedKeys(keys: readonly string[]): string {
  const cut = (key: string) => {
    const chars = Array.from(key);
    return chars.length > SHOWN_KEY_LENGTH
      ? `${chars.slice(0, SHOWN_KEY_LENGTH - 1).join("")}…`
      : key;
  };
  const shown = keys.slice(0, SHOWN_KEYS).map((k) => `"${cut(k)}"`);
  const more = keys.length - SHOWN_KEYS;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/**
 * The wording of every issue zod can raise, as zod's error map: it sees the raw issue, input
 * included. It names the kind of value found, never the value: a misplaced secret stays out
 * of the message.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string {
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
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${namedKeys(issue.keys)}`;
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
