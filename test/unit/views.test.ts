/**
 * Issue 20's pure pieces: the words and numbers every view shares.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { emptyProgress } from "../../src/core/board.js";
import { DEFAULT_POLICY, runGate } from "../../src/core/gate.js";
import { csvField } from "../../src/render/csv.js";
import { renderJiraCsv } from "../../src/render/jira-csv.js";
import { renderJunit } from "../../src/render/junit.js";
import { percent } from "../../src/render/text.js";
import { board, smallCatalogue } from "../helpers/fixtures.js";

describe("percentages", () => {
  const p = (closed: number, total: number) => percent({ ...emptyProgress(), closed, total });
  it("round to the nearest per cent", () => {
    expect(p(2, 3)).toBe(67);
    expect(p(1, 3)).toBe(33);
    expect(p(29, 84)).toBe(35);
  });
  it("never say 100 while an item is open, nor 0 once one is closed", () => {
    expect(p(199, 200)).toBe(99);
    expect(p(1, 300)).toBe(1);
    expect(p(0, 5)).toBe(0);
    expect(p(5, 5)).toBe(100);
  });
});

describe("spreadsheet and tracker cells", () => {
  it("guard formulas after spaces and with fullwidth signs", () => {
    for (const cell of [" =1+1", "  +cmd", "\u3000=x", "＝HYPERLINK(1)", "＋1", "＠SUM(A1)"]) {
      expect(csvField(cell).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvField("Zoë = 1")).toBe("Zoë = 1");
  });

  it("jira-csv escapes a catalogue link's title inside [title|url]", () => {
    const catalogue = smallCatalogue();
    const item = catalogue.items[0]!;
    (item as { links?: unknown }).links = [
      { title: "Evil] [click|https://evil.example] {x}", url: "https://docs.example/a|b]" },
    ];
    const b = board({}, "2027-02-01", catalogue);
    const [, row] = parseCsv(renderJiraCsv(b.items.slice(0, 1))) as string[][];
    const links = row![2]!.split("Links:\n")[1]!;
    expect(links).toContain(
      "[Evil\\] \\[click\\|https://evil.example\\] \\{x\\}|https://docs.example/a%7Cb%5D]",
    );
  });
});

describe("JUnit", () => {
  it("passes only done and waived items; open items not yet due are skipped", () => {
    const today = "2027-01-20";
    const b = board(
      {
        "GEN-1": { status: "done" },
        "CLO-1": { waiver: { reason: "later", until: "2027-03-01" } },
        "CLO-2": { status: "in-progress" },
      },
      today,
    );
    const xml = renderJunit(runGate(b.items, today, DEFAULT_POLICY), { name: "demo" });
    expect(xml).toMatch(/<testsuites name="demo" tests="5" failures="0" errors="0" skipped="3"/);
    const cases = [
      ...xml.matchAll(/<testcase [^>]*name="(\S+)[^"]*"[^>]*>(<\/testcase>|\n\s*<(\w[\w-]*))/g),
    ];
    const outcome = Object.fromEntries(cases.map((m) => [m[1], m[3] ?? "passed"]));
    expect(outcome).toEqual({
      "GEN-1": "passed",
      "GEN-2": "skipped",
      "CLO-1": "system-out",
      "CLO-2": "skipped",
      "CLO-3": "skipped",
    });
  });
});
