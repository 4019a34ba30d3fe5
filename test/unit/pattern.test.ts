/**
 * Patterns from files (catalogue checks, verify.allow): JavaScript syntax, run by RE2 in linear
 * time; what RE2 cannot run is refused when the file is read, at its place in the file.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { GoliveError } from "../../src/errors.js";
import { parseCatalogue, readCatalogueFile } from "../../src/io/catalogue.js";
import { parseYaml, toData, validate } from "../../src/io/yaml-file.js";
import { compilePattern, patternProblem, requiresText } from "../../src/schema/pattern.js";
import { StateSchema } from "../../src/schema/state.js";

const LINEAR = "golive runs patterns in RE2, which matches in linear time";

/** The located message golive gives for `run`, which must throw a GoliveError. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!(error instanceof GoliveError)) throw error;
    return `${error.location?.file}:${error.location?.line}:${error.location?.col} ${error.message}`;
  }
  throw new Error("expected a refusal");
}

function readState(allowPattern: string) {
  const text = [
    "golive: 1",
    "catalogue: { name: spryker-cloud }",
    "goLive: 2027-03-01",
    "verify:",
    "  allow:",
    "    - path: config/Shared/config_prod.php",
    `      pattern: '${allowPattern}'`,
    "      reason: reviewed",
    "",
  ].join("\n");
  const file = parseYaml("golive.yaml", text, "state file");
  return validate(file, toData(file, "state file"), StateSchema, "state file", "invalid-state");
}

/** ours.yaml with one text-absent check on `pattern`; `more` lines go on under it. */
function readCatalogue(pattern: string, ...more: string[]) {
  const text = [
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
    "    checks:",
    "      - kind: text-absent",
    "        files: src/**",
    `        pattern: '${pattern}'`,
    ...more,
    "",
  ].join("\n");
  return parseCatalogue(text, "ours.yaml");
}

describe("a pattern RE2 cannot run is refused when the file is read", () => {
  it("a backreference in verify.allow, at its place in golive.yaml", () => {
    expect(refusal(() => readState("(\\w+) \\1"))).toBe(
      `golive.yaml:7:16 state file: verify.allow[0].pattern: backreferences like \\1 or \\k<name> are not supported (${LINEAR})`,
    );
  });

  it("a lookahead in a catalogue check, at its place in the catalogue", () => {
    expect(refusal(() => readCatalogue("password(?!_ref)"))).toBe(
      `ours.yaml:16:18 catalogue: items[0].checks[0].pattern: lookahead and lookbehind like (?=...) or (?<!...) are not supported (${LINEAR})`,
    );
  });

  it.each([
    ["(?<n>a)\\k<n>", "backreferences like \\1"],
    ["(?<=\\$)\\d+", "lookahead and lookbehind"],
    ["(?<!x)y", "lookahead and lookbehind"],
    [
      "a{1,1001}",
      "not supported by RE2 (golive runs patterns in RE2, which matches in linear time): invalid repeat count at {1,1001}",
    ],
    [
      "\\p{Letter}",
      "not supported by RE2 (golive runs patterns in RE2, which matches in linear time): invalid character class range at \\p{Letter}",
    ],
    ["(", "expected a valid regular expression: unterminated group"],
    ["a++", "expected a valid regular expression: nothing to repeat"],
  ])("%s", (source, message) => {
    expect(patternProblem(source)).toContain(message);
  });

  it("escapes that look like the refused syntax are not refused", () => {
    for (const source of ["\\\\1", "\\(?=x\\)", "[(]?!", "a\\\\(?:b)"]) {
      expect(patternProblem(source)).toBeUndefined();
    }
  });
});

describe("compilePattern", () => {
  it("reads JavaScript's escapes the way JavaScript does", () => {
    expect(compilePattern("caf\\u00e9").test("café")).toBe(true);
    expect(compilePattern("\\u{1F680}").test("go 🚀")).toBe(true);
    expect(compilePattern("\\uD83D\\uDE80").test("go 🚀")).toBe(true);
    expect(compilePattern("a\\cJb").test("a\nb")).toBe(true);
    expect(compilePattern("\\\\u0041").test("\\u0041")).toBe(true);
    expect(compilePattern("\\\\u0041").test("A")).toBe(false);
    expect(compilePattern("^\\d+\\.\\d+$").test("8.0")).toBe(true);
    expect(compilePattern("(?<major>\\d+)\\.").test("8.0")).toBe(true);
  });

  it("matches case-insensitively when asked, and lines when multiline", () => {
    expect(compilePattern("DELETE.*spy_oms").test("delete from spy_oms")).toBe(false);
    expect(
      compilePattern("DELETE.*spy_oms", { ignoreCase: true }).test("delete from spy_oms"),
    ).toBe(true);
    expect(compilePattern("Ärger", { ignoreCase: true }).test("ärger")).toBe(true);
    expect(compilePattern("^b$").test("a\nb\nc")).toBe(false);
    expect(compilePattern("^b$", { multiline: true }).test("a\nb\nc")).toBe(true);
  });

  it("runs (a+)+$ against a 100,000-character line in linear time", () => {
    const line = `${"a".repeat(100_000)}!`;
    const start = performance.now();
    expect(compilePattern("(a+)+$").test(line)).toBe(false);
    expect(compilePattern("(a|aa)+$", { ignoreCase: true, multiline: true }).test(line)).toBe(
      false,
    );
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe("requiresText: a contains shortcut must be text every match holds", () => {
  const APP_24 =
    "(?:delete|truncate).*spy_oms_transition_log|spy_oms_transition_log.*(?:delete|truncate)";
  it.each([
    [APP_24, "spy_oms_transition_log", false, true],
    [APP_24, "SPY_OMS", true, true],
    [APP_24, "SPY_OMS", false, false],
    [APP_24, "delete", false, false],
    ["a|spy_oms", "spy_oms", false, false],
    ["(?:spy_oms)?x", "spy_oms", false, false],
    ["spy_oms_log?", "spy_oms_log", false, false],
    ["spy_oms_logs?", "spy_oms_log", false, true],
    ["foo\\.bar", "foo.bar", false, true],
    ["foo.bar", "foo.bar", false, false],
    ["[spy]_oms", "spy_oms", false, false],
    ["x{2}spy_oms", "spy_oms", false, true],
  ])("%s holds %s (ignoreCase %s): %s", (source, text, ignoreCase, expected) => {
    expect(requiresText(source, text, ignoreCase)).toBe(expected);
  });

  it("a catalogue whose contains the pattern does not imply is refused at its place", () => {
    expect(refusal(() => readCatalogue("debug|var_dump", "        contains: var_dump"))).toMatch(
      /^ours\.yaml:17:\d+ catalogue: items\[0\]\.checks\[0\]\.contains: must be text that every match of pattern holds/,
    );
  });
});

describe("the shipped catalogues' patterns", () => {
  const shipped = readdirSync("checklists").filter((name) => name.endsWith(".yaml"));

  it.each(shipped)("%s: every pattern compiles in RE2", (name) => {
    const catalogue = readCatalogueFile(`checklists/${name}`);
    const patterns = catalogue.items.flatMap((item) =>
      (item.checks ?? []).flatMap((check) => ("pattern" in check && check.pattern ? [check] : [])),
    );
    // The Spryker catalogue has patterns; an add-on may have none.
    if (name === "spryker-cloud.yaml") expect(patterns.length).toBeGreaterThan(0);
    for (const check of patterns) {
      expect(patternProblem(check.pattern!)).toBeUndefined();
      const ignoreCase = "ignoreCase" in check ? check.ignoreCase : undefined;
      expect(() => compilePattern(check.pattern!, { ignoreCase })).not.toThrow();
    }
  });
});

describe("pattern.ts as an ES module", () => {
  // vitest and the CommonJS bundle both offer a `require`; Node's ES modules do not.
  it("loads RE2 without a global require (run by plain Node, from source)", () => {
    const { code } = transformSync(readFileSync("src/schema/pattern.ts", "utf8"), {
      loader: "ts",
      format: "esm",
    });
    // Inside node_modules so that re2js resolves from the module's own URL.
    const dir = join("node_modules", ".golive-test", `pattern-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, "pattern.mjs"), code);
      writeFileSync(
        join(dir, "run.mjs"),
        'import { compilePattern, patternProblem } from "./pattern.mjs";\n' +
          'console.log(typeof require, compilePattern("a+b").test("xaab"), patternProblem("(?=x)") !== undefined);\n',
      );
      const out = execFileSync(process.execPath, [join(dir, "run.mjs")], { encoding: "utf8" });
      expect(out.trim()).toBe("undefined true true");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
