// The wording of schema problems: zod/mini loads no locale, so every sentence a user sees for a
// bad golive.yaml or catalogue is made by describeIssue (src/io/yaml-file.ts). One test per
// issue code, each with the exact place the error points at.
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { GoliveError } from "../../src/errors.js";
import { parseYaml, toData, validate } from "../../src/io/yaml-file.js";
import { CatalogueSchema } from "../../src/schema/catalogue.js";
import { StateSchema } from "../../src/schema/state.js";

/** The message and line:col of the first problem `schema` finds in `text`. */
function problem(text: string, schema: z.ZodMiniType = StateSchema, data?: unknown): string {
  const file = parseYaml("f.yaml", text, "f.yaml");
  try {
    validate(file, data ?? toData(file, "f.yaml"), schema, "f.yaml", "invalid-state");
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    return `${error.location?.line}:${error.location?.col} ${error.message}`;
  }
  throw new Error("expected a problem");
}

const state = (...lines: string[]) =>
  ["golive: 1", "catalogue: { name: spryker-cloud }", "goLive: 2027-03-01", ...lines, ""].join(
    "\n",
  );

const catalogue = (...item: string[]) =>
  [
    "format: 1",
    "name: custom",
    "title: Custom",
    'version: "1"',
    "categories: [{ id: OPS, title: Operations }]",
    "phases: [{ id: early, title: Early, opens: -30, due: -10 }]",
    "items:",
    "  - id: OPS-1",
    "    category: OPS",
    "    phase: early",
    "    title: First",
    "    summary: Do it.",
    ...item,
    "",
  ].join("\n");

describe("the state file's problems are worded by golive", () => {
  it("a value that is too long: too_big on a string", () => {
    const note = "x".repeat(10_001);
    expect(problem(state("items:", "  CLO-14:", `    note: ${note}`))).toBe(
      "6:11 f.yaml: items.CLO-14.note: too long: at most 10000 characters",
    );
  });

  it("an empty value: too_small on a string", () => {
    expect(problem(state("items:", '  CLO-14: { owner: "" }'))).toBe(
      "5:20 f.yaml: items.CLO-14.owner: empty (expected at least 1 character)",
    );
  });

  it("a value of the wrong type: invalid_type, naming the kind of value found", () => {
    expect(problem(state("items:", "  CLO-14: { owner: [a, b] }"))).toBe(
      "5:20 f.yaml: items.CLO-14.owner: expected a string, got a list",
    );
    expect(problem(state("items:", "  CLO-14:", "    owner:"))).toBe(
      "6:11 f.yaml: items.CLO-14.owner: expected a string, got an empty value (null)",
    );
    expect(problem(state("items:", "  CLO-14: done"))).toBe(
      "5:11 f.yaml: items.CLO-14: expected a mapping, got a string",
    );
  });

  it("a fraction where a whole number belongs: invalid_type int", () => {
    expect(
      problem(state("verify:", "  allow:", "    - { path: a.php, line: 1.5, reason: ok }")),
    ).toBe("6:28 f.yaml: verify.allow[0].line: expected a whole number, got a fraction");
  });

  it("a missing field: invalid_type on nothing, at the mapping that lacks it", () => {
    const text = state().replace("goLive: 2027-03-01\n", "");
    expect(problem(text)).toBe("1:1 f.yaml: goLive: missing (expected a string)");
    expect(problem(state("items:", "  CLO-14:", "    waiver: { until: 2027-02-01 }"))).toBe(
      "6:13 f.yaml: items.CLO-14.waiver.reason: missing (expected a string)",
    );
  });

  it("an unknown field: unrecognized_keys, named before the other problems, at its value", () => {
    expect(problem(state("items:", "  CLO-14:", "    staus: done", "    owner: 5"))).toBe(
      '6:12 f.yaml: items.CLO-14: unknown field "staus"',
    );
  });

  it("thousands of unknown fields, or one very long: the first five named, each cut, the rest counted", () => {
    const keys = Array.from({ length: 6_000 }, (_, i) => `    k${i}: 1`);
    const long = "x".repeat(1_000);
    const message = problem(state("items:", "  CLO-14:", `    ${long}: 1`, ...keys));
    expect(message).toBe(
      `6:1007 f.yaml: items.CLO-14: unknown fields "${"x".repeat(63)}…", "k0", "k1", "k2", "k3" and 5996 more`,
    );
  });

  it("a value outside a list: invalid_value", () => {
    expect(problem(state("items:", "  CLO-14: { status: finished }"))).toBe(
      '5:21 f.yaml: items.CLO-14.status: expected one of "todo", "in-progress", "blocked", "done", "not-applicable"',
    );
  });

  it("a number out of range: too_small on a number", () => {
    expect(problem(state().replace("golive: 1", "golive: 0"))).toBe(
      "1:9 f.yaml: golive: too small: at least 1",
    );
  });

  it("a bad pattern: invalid_format keeps the schema's own message", () => {
    expect(problem(state().replace("goLive: 2027-03-01", "goLive: 1 March 2027"))).toBe(
      "3:9 f.yaml: goLive: expected a date YYYY-MM-DD",
    );
  });

  it("a bad regular expression: custom keeps the schema's own message", () => {
    expect(
      problem(state("verify:", "  allow:", '    - { path: a.php, pattern: "(", reason: ok }')),
    ).toBe(
      "6:31 f.yaml: verify.allow[0].pattern: expected a valid regular expression: unterminated group",
    );
  });

  it("a catalogue reference that is neither form: invalid_union says what was expected", () => {
    expect(problem(state().replace("{ name: spryker-cloud }", "{ nam: spryker-cloud }"))).toBe(
      "2:12 f.yaml: catalogue: expected {name} or {path}",
    );
    expect(problem(state().replace("{ name: spryker-cloud }", "spryker-cloud"))).toBe(
      "2:12 f.yaml: catalogue: expected {name} or {path}",
    );
  });
});

describe("the catalogue's problems are worded by golive", () => {
  const check = (...lines: string[]) => catalogue("    checks:", ...lines);

  it("a link that is not https: invalid_format url", () => {
    const text = catalogue("    links:", "      - { title: Docs, url: http://example.com }");
    expect(problem(text, CatalogueSchema)).toBe(
      "14:29 f.yaml: items[0].links[0].url: expected a URL starting with https://",
    );
    const source = catalogue().replace(
      "format: 1\n",
      "format: 1\nsource: { title: T, url: nowhere, revised: 2025-01-01 }\n",
    );
    expect(problem(source, CatalogueSchema)).toBe(
      "2:26 f.yaml: source.url: expected a URL, like https://example.com/page",
    );
  });

  it("a wrong format version: invalid_value of one literal", () => {
    expect(problem(catalogue().replace("format: 1", "format: 2"), CatalogueSchema)).toBe(
      "1:9 f.yaml: format: expected 1",
    );
  });

  it("an offset out of range: too_big on a number", () => {
    expect(problem(catalogue("    opens: 4000"), CatalogueSchema)).toBe(
      "13:12 f.yaml: items[0].opens: too big: at most 3660",
    );
  });

  it("an empty list: too_small on an array", () => {
    expect(problem(check().replace("checks:", "checks: []"), CatalogueSchema)).toBe(
      "13:13 f.yaml: items[0].checks: empty (expected at least 1 item)",
    );
  });

  it("an unknown check kind: the discriminated union lists the kinds, at `kind`", () => {
    const message = problem(check("      - { kind: file-exist, path: a }"), CatalogueSchema);
    expect(message).toMatch(
      /^14:17 f\.yaml: items\[0\]\.checks\[0\]\.kind: expected one of "file-exists", "file-absent", .*"spryker\/demo-data"$/,
    );
    expect(problem(check("      - { path: a }"), CatalogueSchema)).toMatch(
      /^14:9 f\.yaml: items\[0\]\.checks\[0\]\.kind: missing \(expected one of "file-exists", /,
    );
  });

  it("files that are neither a path nor a list: invalid_union of two types", () => {
    expect(
      problem(check("      - { kind: text-present, files: 3, pattern: x }"), CatalogueSchema),
    ).toBe("14:38 f.yaml: items[0].checks[0].files: expected a string or a list");
  });

  it("rules of the schema keep their own message: refine and superRefine", () => {
    expect(
      problem(check("      - { kind: file-exists, path: /etc/passwd }"), CatalogueSchema),
    ).toBe(
      "14:36 f.yaml: items[0].checks[0].path: expected a path inside the repository, like public/Yves/robots.txt",
    );
    expect(
      problem(check("      - { kind: deploy-value, path: a, expect: matches }"), CatalogueSchema),
    ).toBe(
      "14:9 f.yaml: items[0].checks[0].pattern: required when expect is matches: the regular expression every value must match",
    );
  });
});

describe("issue codes golive's own schemas do not raise today are worded too", () => {
  // The wording alone: what follows "line:col file: path: ".
  const wording = (schema: z.ZodMiniType, data: unknown) =>
    problem("x: 1\n", schema, data).replace(/^\S+ f\.yaml: [^:]*: /, "");

  it.each([
    ["not_multiple_of", z.number().check(z.multipleOf(5)), 7, "expected a multiple of 5"],
    ["too_small, exclusive", z.number().check(z.gt(0)), 0, "too small: more than 0"],
    ["too_big, exclusive", z.number().check(z.lt(10)), 10, "too big: less than 10"],
    [
      "too_small, chars",
      z.string().check(z.minLength(3)),
      "ab",
      "too short: at least 3 characters",
    ],
    ["exact length", z.string().check(z.length(2)), "abc", "expected exactly 2 characters"],
    [
      "too_big, items",
      z.array(z.number()).check(z.maxLength(1)),
      [1, 2],
      "too many items: at most 1 item",
    ],
    [
      "too_small, items",
      z.array(z.number()).check(z.minLength(2)),
      [1],
      "too few items: at least 2 items",
    ],
    [
      "a regex without message",
      z.string().check(z.regex(/^a+$/)),
      "b",
      "expected text matching /^a+$/",
    ],
    ["starts_with", z.string().check(z.startsWith("v")), "1", 'expected text starting with "v"'],
    ["another format", z.email(), "nobody", "expected a valid email"],
    ["custom without message", z.string().check(z.refine(() => false)), "a", "not accepted here"],
    [
      "invalid_key",
      z.record(z.string().check(z.minLength(2)), z.number()),
      { a: 1 },
      "invalid key: too short: at least 2 characters",
    ],
    [
      "invalid_element",
      z.map(z.object({}), z.string()),
      new Map([[{}, 1]]),
      "invalid entry: expected a string, got a number",
    ],
    [
      "xor matching twice",
      z.xor([z.string(), z.string()]),
      "a",
      "matches more than one of the allowed forms",
    ],
    ["a boolean", z.string(), true, "expected a string, got true"],
    ["true or false", z.boolean(), "yes", "expected true or false, got a string"],
  ])("%s", (_code, schema, data, expected) => {
    expect(wording(schema, data)).toBe(expected);
  });
});
