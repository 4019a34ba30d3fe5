/**
 * Evidence lines read without the YAML library (io/evidence-lines.ts): what it reads, it reads
 * as YAML does; what it does not, the library reads; and the state file read either way is the
 * same state, with the same errors.
 */
import { describe, expect, test } from "vitest";
import { Document, parse, type YAMLMap } from "yaml";
import { readEvidenceLines } from "../../src/io/evidence-lines.js";
import { parseState } from "../../src/io/state-read.js";

/** An evidence line as golive writes it (io/state-edit.ts: a flow mapping, no line width). */
function written(value: Record<string, unknown>): string {
  const doc = new Document({ evidence: {} });
  const node = doc.createNode(value) as YAMLMap;
  node.flow = true;
  doc.set("evidence", node);
  return `    ${doc.toString({ lineWidth: 0 }).trimEnd()}\n`;
}

/** What the library reads from the line. */
function library(line: string): unknown {
  return (parse(line.trim(), { uniqueKeys: false }) as { evidence: unknown }).evidence;
}

const TRICKY = [
  "composer.lock",
  "deploy.shop-prod.yml",
  "backoffice.de.example.com (backoffice)",
  ">= 3.15.2",
  "auth.engine: basic with auth.users",
  "a release tag like 1.65.0",
  "3.29.0",
  "3.29",
  "1e3",
  "0x1F",
  "0o17",
  "087",
  "-1",
  "+1",
  ".inf",
  "-.Inf",
  ".NaN",
  "~",
  "null",
  "Null",
  "true",
  "False",
  "yes",
  "2027-01-04",
  "2026-12-07T00:42:02Z",
  "12:30",
  "a:b",
  "a: b",
  "a #b",
  "a#b",
  "#a",
  "-production.yml",
  "- x",
  "?x",
  ":x",
  "x:",
  "a, b",
  "a,b",
  "{a}",
  "[a]",
  "a}",
  "'quoted'",
  '"quoted"',
  'say "hi"',
  "back\\slash",
  "tab\there",
  "line\nbreak",
  "nel\u0085x",
  "bell\u0007",
  "bom\ufeffx",
  "naïve ü",
  "emoji 😀",
  "  spaced  ",
  "two  spaces",
  "trailing ",
  "%20",
  "@at",
  "`tick`",
  "*alias",
  "&anchor",
  "!tag",
  "|pipe",
  ">fold",
  "",
  "0",
  "10",
  "123456789012345678",
  "__proto__",
  "constructor",
];

describe("evidence lines read without the YAML library", () => {
  test("every line golive writes reads as the library reads it", () => {
    let read = 0;
    for (const [i, a] of TRICKY.entries()) {
      for (const b of [TRICKY[(i * 7 + 3) % TRICKY.length]!, TRICKY[i % 6]!]) {
        const value = {
          result: "fail",
          code: "composer-old",
          args: { file: a, line: 12, subject: b, found: a, expected: b },
          more: 3,
          at: "2027-01-04",
          inputs: `${"0".repeat(40)} f:${a.replace(/[%\s]/g, encodeURIComponent)}`,
        };
        const line = written(value);
        const lines = readEvidenceLines(line);
        if (lines === undefined) continue;
        read++;
        expect(lines.text).toBe("    evidence: {}\n");
        expect([...lines.values.values()]).toEqual([library(line)]);
      }
    }
    // Most of them are read here, not by the library.
    expect(read).toBeGreaterThan(TRICKY.length);
  });

  test("a line anyone wrote is read as the library reads it, or left to it", () => {
    const lines = [
      "{ result: pass, at: 2027-01-04 }",
      "{ result: pass, at: 2027-01-04, more: 087 }",
      "{ result: pass, at: 2027-01-04, more: 0x10 }",
      "{ result: pass, at: 2027-01-04, more: 1.5 }",
      "{ result: pass, at: 2027-01-04, more: null }",
      "{ result: pass, at: 2027-01-04, more: 2 }",
      "{ result: pass, at: 2027-01-04, more: -2 }",
      "{ result: pass, at: 2027-01-04, code: a #b }",
      "{ result: pass, at: 2027-01-04, code: a: b }",
      "{ result: pass, at: 2027-01-04, code: x, code: y }",
      "{ result: pass, at: 2027-01-04, nope: x }",
      "{ result: pass, at: 2027-01-04, args: {} }",
      "{ result: pass, at: 2027-01-04, args: { file: a, args: b } }",
      "{ result: pass, at: 2027-01-04, args: { file: a } , more: 2 }",
      "{ result: pass, at: 2027-01-04,code: x }",
      "{result: pass, at: 2027-01-04}",
      "{ result: pass, at: 2027-01-04 } # a comment",
      '{ result: pass, at: 2027-01-04, code: "a\\x41\\u00e9\\"\\\\\\/\\n\\t" }',
      '{ result: pass, at: 2027-01-04, code: "a\\Lb" }',
      '{ result: pass, at: 2027-01-04, code: "a\\x4" }',
      '{ result: pass, at: 2027-01-04, code: "unterminated }',
      "{ result: pass, at: 2027-01-04, code: 'single' }",
      "{ result: pass, at: 2027-01-04, code: *alias }",
      "{ result: pass, at: 2027-01-04, code: !!str 5 }",
      "{ result: pass, at: 2027-01-04, code: a\tb }",
      "{ result: pass, at: 2027-01-04, code: x }}",
      "{ result: pass, at: 2027-01-04, code: x: }",
    ];
    let read = 0;
    for (const flow of lines) {
      const line = `    evidence: ${flow}\n`;
      const got = readEvidenceLines(line);
      if (got === undefined) continue;
      read++;
      expect([...got.values.values()], flow).toEqual([library(line)]);
    }
    expect(read).toBeGreaterThanOrEqual(3);
  });
});

const HEAD = `golive: 1
catalogue:
  name: spryker
goLive: 2027-03-01
items:
`;

function bothWays(text: string) {
  const outcome = (lean: boolean) => {
    try {
      return { state: parseState(text, "golive.yaml", { lean }).state };
    } catch (error) {
      return { error: String(error), location: (error as { location?: unknown }).location };
    }
  };
  return { lean: outcome(true), whole: outcome(false) };
}

describe("the state file read with its evidence lines read apart", () => {
  const evidence = (code: string) =>
    `    evidence: { result: fail, code: ${code}, args: { file: composer.lock, line: 12 }, at: 2027-01-04, inputs: ${"a".repeat(40)} f:composer.lock }`;

  test("the same state as the library's, every line read apart", () => {
    const text = `${HEAD}  APP-03:\n    status: done\n${evidence("composer-old")}\n  APP-04:\n${evidence("db-mariadb")}\n  CLO-05: {}\n`;
    expect(readEvidenceLines(text)?.values.size).toBe(2);
    const { lean, whole } = bothWays(text);
    expect(whole.state?.items?.["APP-03"]?.evidence?.code).toBe("composer-old");
    expect(lean).toEqual(whole);
    // Read apart indeed: the document read holds `{}` in their place.
    expect(parseState(text, "golive.yaml", { lean: true }).file.text).toContain("evidence: {}\n");
    // A byte order mark first, and Windows line ends, too.
    const bom = bothWays(`\uFEFF${text}`);
    expect(bom.lean).toEqual(bom.whole);
    expect(parseState(`\uFEFF${text}`, "g", { lean: true }).file.text).toContain("evidence: {}\n");
    const crlf = bothWays(text.replace(/\n/g, "\r\n"));
    expect(readEvidenceLines(text.replace(/\n/g, "\r\n"))?.values.size).toBe(2);
    expect(crlf.lean).toEqual(crlf.whole);
  });

  test("a line that only looks like evidence stays what it is (a block scalar's text)", () => {
    const text = `golive: 1\nname: |\n${evidence("composer-old")}\n${HEAD.slice("golive: 1\n".length)}  APP-04:\n${evidence("db-mariadb")}\n`;
    expect(readEvidenceLines(text)?.values.size).toBe(2);
    const { lean, whole } = bothWays(text);
    expect(whole.state?.name).toContain("evidence: { result: fail");
    expect(whole.state?.items?.["APP-04"]?.evidence?.code).toBe("db-mariadb");
    expect(lean).toEqual(whole);
  });

  test("a file with a problem says it as the whole reading does, at the same place", () => {
    const cases = [
      // Twice the same field; an unknown code; a bad date; a key the schema does not know.
      `${HEAD}  APP-03:\n${evidence("composer-old")}\n${evidence("composer-old")}\n`,
      `${HEAD}  APP-03:\n${evidence("Not-A-Code")}\n`,
      `${HEAD}  APP-03:\n${evidence("composer-old").replace("2027-01-04", "2027-02-30")}\n`,
      `${HEAD}  APP-03:\n${evidence("composer-old")}\n    colour: red\n`,
      `${HEAD.replace("2027-03-01", "2027-02-30")}  APP-03:\n${evidence("composer-old")}\n`,
      `${HEAD}  APP-03:\n${evidence("composer-old")}\n  APP-03:\n${evidence("composer-old")}\n`,
      `${HEAD}  __proto__:\n${evidence("composer-old")}\n`,
    ];
    for (const text of cases) {
      const { lean, whole } = bothWays(text);
      expect(lean, text).toEqual(whole);
    }
  });
});
