/**
 * What a parser said, without what it read. A YAML parser's message can quote the text it
 * choked on (`Block scalar header includes extra characters: >Hunter2Secret`, `Invalid escape
 * sequence \UHunter2`), and in a shop's deploy file that text may be a password. Errors about a
 * shop's files therefore name only the kind of error and where it is; errors about golive's own
 * files keep the parser's wording with every quoted piece cut out.
 */

/** The parts of a YAML parser's error this module reads (yaml's `YAMLError`). */
export interface ParserError {
  code: string;
  message: string;
}

/** A fixed phrase per error code of the yaml library: never text from the file. */
const KINDS: Readonly<Record<string, string>> = {
  ALIAS_PROPS: "alias with an anchor or tag",
  BAD_ALIAS: "bad alias",
  BAD_COLLECTION_TYPE: "tag for another kind of collection",
  BAD_DIRECTIVE: "bad directive",
  BAD_DQ_ESCAPE: "invalid escape sequence",
  BAD_INDENT: "bad indentation",
  BAD_PROP_ORDER: "anchor or tag out of place",
  BAD_SCALAR_START: "value starts with a reserved character",
  BLOCK_AS_IMPLICIT_KEY: "block value as a key",
  BLOCK_IN_FLOW: "block value inside [ ] or { }",
  DUPLICATE_KEY: "repeated key",
  IMPOSSIBLE: "unreadable structure",
  KEY_OVER_1024_CHARS: "key over 1,024 characters",
  MISSING_CHAR: "missing character",
  MULTILINE_IMPLICIT_KEY: "key over several lines",
  MULTIPLE_ANCHORS: "more than one anchor",
  MULTIPLE_DOCS: "more than one document",
  MULTIPLE_TAGS: "more than one tag",
  NON_STRING_KEY: "key that is not text",
  RESOURCE_EXHAUSTION: "too many aliases",
  TAB_AS_INDENT: "tab as indentation",
  TAG_RESOLVE_FAILED: "unknown tag",
  UNEXPECTED_TOKEN: "unexpected token",
};

/** Every phrase `parseErrorKind` can return: what a renderer may show of a stored kind. */
export const PARSE_ERROR_KINDS: ReadonlySet<string> = new Set([
  ...Object.values(KINDS),
  "block scalar header",
  "nested too deeply",
  "syntax error",
]);

/** The kind of a YAML error as a fixed phrase (`block scalar header`), never the file's text. */
export function parseErrorKind(error: ParserError): string {
  if (error.message.startsWith("Block scalar header")) return "block scalar header";
  if (error.message.includes("call stack") || error.message.includes("nested"))
    return "nested too deeply";
  return Object.hasOwn(KINDS, error.code) ? KINDS[error.code]! : "syntax error";
}

/**
 * The yaml library's messages that quote the file, and what is left of each without the quote.
 * test/unit/parse-error.test.ts reads the library's sources: every message there that puts a
 * value into its wording must match a pattern here or be listed as quoting none of the file.
 */
export const QUOTING: readonly [RegExp, string][] = [
  [
    /^Block scalar header includes extra characters: .*$/s,
    "Block scalar header includes extra characters",
  ],
  [/^Invalid escape sequence .*$/s, "Invalid escape sequence"],
  [/^Unresolved tag: .*$/s, "Unresolved tag"],
  [/^Could not resolve tag: .*$/s, "Could not resolve a tag"],
  [/^Not a valid tag: .*$/s, "Not a valid tag"],
  [/^Verbatim tags aren't resolved, so .* is invalid\.$/s, "Verbatim tags are not resolved"],
  [/^The .* tag has no suffix$/s, "A tag has no suffix"],
  [/^Unknown directive .*$/s, "Unknown directive"],
  [/^Unsupported YAML version .*$/s, "Unsupported YAML version"],
  [/^Unresolved plain scalar .*$/s, "Unresolved plain scalar"],
  [
    /^Ordered maps must not include duplicate keys: .*$/s,
    "Ordered maps must not include duplicate keys",
  ],
  [
    /^Anchors and tags must be after the .* indicator$/s,
    "Anchors and tags must be after the indicator",
  ],
  [
    /^Unresolved alias \(the anchor must be set before the alias\): .*$/s,
    "Unresolved alias: the anchor must be set before the alias",
  ],
  [/^Unexpected (?!, in |empty item in ).* in ([a-z ]+)$/s, "Unexpected character in $1"],
  [/^Key .* already set$/s, "A key is already set"],
  [/^Map items must all be pairs; found .* instead$/s, "Map items must all be pairs"],
  [/^Expected YAML collection at .*$/s, "Expected a YAML collection"],
  [/^Expected a valid index, not .*$/s, "Expected a valid index"],
  [/^Expected \[key, value\] tuple: .*$/s, "Expected a [key, value] tuple"],
];

/**
 * The parser's message for golive's own files (golive.yaml, a catalogue): its helpful wording,
 * first line only, with any text quoted from the file cut out.
 */
export function parserMessage(error: ParserError): string {
  const first = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  if (first.includes("call stack")) return "it is nested too deeply";
  for (const [pattern, replacement] of QUOTING)
    if (pattern.test(first)) return first.replace(pattern, replacement);
  return first;
}
