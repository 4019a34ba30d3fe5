/**
 * Every table fits COLUMNS (issue 11): the standup's sections, `list`, `check`'s lines and
 * `verify`'s report fit the width given (a terminal's columns, or COLUMNS): long titles are cut
 * with an ellipsis, long reasons, notes, waivers and evidence wrap. Output without a width
 * (piped, no COLUMNS) keeps every text whole, on one line, as before.
 */
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import { hangingLine, wrapText } from "../src/render/table.js";
import { golive, tempRepo } from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };
const REASON =
  "waiting for the registrar to delegate the domain, then for the new name servers to answer, which takes a day or two; see https://support.example.com/tickets/1234567890123456789012345678901234567890 END";
const NOTE = `first line of the note\n${"a rather long second line ".repeat(6)}END`;
const WAIVER =
  "accepted by the product owner until the partner ships the fix, see the risk log ENDW";

/** The lines wider than `width` columns, as a terminal counts them. */
function tooWide(text: string, width: number): string[] {
  return text.split("\n").filter((line) => stringWidth(line) > width);
}

/** `line` from display column `at` on (wide characters take two). */
function fromColumn(line: string, at: number): string {
  let used = 0;
  let k = 0;
  for (const ch of line) {
    if (used >= at) break;
    used += stringWidth(ch);
    k += ch.length;
  }
  return line.slice(k);
}

/** A table column's text, from the row whose cell starts with `start` down to the blank line. */
function columnText(text: string, start: string): string {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.includes(start));
  const at = stringWidth(lines[first]!.slice(0, lines[first]!.indexOf(start)));
  const rows = lines.slice(first);
  const end = rows.indexOf("");
  return (end < 0 ? rows : rows.slice(0, end)).map((l) => fromColumn(l, at)).join("\n");
}

/** The demo a few weeks in, with long texts everywhere and a failing piece of evidence. */
async function project(): Promise<string> {
  const dir = tempRepo({
    "composer.lock": JSON.stringify({
      packages: [{ name: "spryker/twig", version: "3.0.0" }],
      "packages-dev": [],
    }),
  });
  for (const args of [
    ["init", "--date", "2027-03-01"],
    ["assign", "CLO-12", "Zoë Ångström 日本"],
    ["block", "CLO-12", "--reason", REASON],
    ["start", "TES-02"],
    ["note", "TES-02", NOTE],
    ["waive", "APP-05", "--reason", WAIVER, "--until", "2027-02-20"],
    ["done", "APP-03"],
    ["verify", "--record"],
  ]) {
    const r = await golive(dir, args, TODAY);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBeLessThanOrEqual(1);
  }
  return dir;
}

describe("tables fit the width", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await project();
  });

  it("status: every section, at 40, 60 and 80 columns", async () => {
    for (const columns of [40, 60, 80]) {
      const result = await golive(dir, ["status", "--all", "--since", "1w"], TODAY, { columns });
      expect(result.code).toBe(0);
      expect(tooWide(result.stdout, columns), `${columns} columns`).toEqual([]);
      for (const section of ["Blocked", "Waivers", "Recorded evidence fails", "All items"]) {
        expect(result.stdout, section).toContain(section);
      }
      // Long texts wrap within their column, and nothing of them is lost.
      const squeezed = (t: string) => t.replace(/\s+/g, "");
      expect(squeezed(columnText(result.stdout, "waiting"))).toBe(squeezed(REASON));
      const waivers = result.stdout.slice(result.stdout.indexOf("Waivers ("));
      expect(squeezed(columnText(waivers, "until"))).toBe(squeezed(`until 2027-02-20: ${WAIVER}`));
    }
  });

  it("status: titles are cut with an ellipsis, reasons wrap under their column", async () => {
    const { stdout } = await golive(dir, ["status"], TODAY, { columns: 80 });
    const blocked = stdout.slice(stdout.indexOf("Blocked ("));
    const lines = blocked.split("\n").slice(2, 8);
    const at = stringWidth(lines[0]!.slice(0, lines[0]!.indexOf("waiting")));
    expect(at).toBeGreaterThan(20);
    // The second line goes on under the reason's first character.
    expect(fromColumn(lines[1]!, at)).toMatch(/^\S/);
    expect(stringWidth(lines[1]!) - stringWidth(fromColumn(lines[1]!, at))).toBe(at);
    expect(stdout).toMatch(/ {2}CLO-05 {2}Evaluate DOS and DDOS [a-z (]*… /);
  });

  it("list, check and verify, at 60 and 80 columns", async () => {
    for (const columns of [60, 80]) {
      for (const args of [["list"], ["check"], ["check", "--warn-within", "30"], ["verify"]]) {
        const result = await golive(dir, args, TODAY, { columns });
        expect(result.code, args.join(" ")).toBeLessThanOrEqual(1);
        expect(tooWide(result.stdout, columns), `${args.join(" ")} at ${columns}`).toEqual([]);
      }
    }
  });

  it("init and setup: their sentences wrap at 60 columns too", async () => {
    const fresh = tempRepo();
    const init = await golive(fresh, ["init", "--date", "2027-03-01"], TODAY, { columns: 60 });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Merges: added");
    expect(tooWide(init.stdout, 60)).toEqual([]);
    const setup = await golive(fresh, ["setup"], TODAY, { columns: 60 });
    expect(setup.code).toBe(0);
    expect(tooWide(setup.stdout, 60)).toEqual([]);
  });

  it("takes the width from COLUMNS, or from the terminal", async () => {
    const env = await golive(dir, ["status"], { ...TODAY, COLUMNS: "60" });
    expect(tooWide(env.stdout, 60)).toEqual([]);
    const terminal = await golive(dir, ["status"], TODAY, { isTTY: true, columns: 70 });
    expect(tooWide(terminal.stdout, 70)).toEqual([]);
    expect(tooWide(terminal.stdout, 69).length).toBeGreaterThan(0);
  });

  it("keeps whole texts, one line each, when piped without COLUMNS", async () => {
    for (const args of [["status"], ["check", "--warn-within", "7"]]) {
      const { stdout } = await golive(dir, args, TODAY);
      expect(stdout, args.join(" ")).toContain(REASON);
    }
    const status = (await golive(dir, ["status"], TODAY)).stdout;
    expect(status).toContain("Evaluate DOS and DDOS prevention (backend / Merchant Portal)");
    expect(status).toMatch(/Eight weeks before go-live {2}[█░]{20} /);
  });
});

describe("wrapping", () => {
  it("wraps at spaces, by preference before a bracket or after a colon", () => {
    expect(wrapText("due in 5 days (Mon 15 Feb)", 18)).toEqual(["due in 5 days", "(Mon 15 Feb)"]);
    expect(wrapText("Mon 1 Feb – Mon 15 Feb", 15)).toEqual(["Mon 1 Feb –", "Mon 15 Feb"]);
    expect(wrapText("missed Fri 29 Jan: Tell Spryker about the test", 24)).toEqual([
      "missed Fri 29 Jan:",
      "Tell Spryker about the",
      "test",
    ]);
  });

  it("breaks words longer than the width, by display width, and keeps line breaks", () => {
    expect(wrapText(`${"x".repeat(25)} y`, 10)).toEqual(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx y"]);
    for (const line of wrapText("日本日本日本日本 🚀🚀🚀🚀", 5)) {
      expect(stringWidth(line)).toBeLessThanOrEqual(5);
    }
    expect(wrapText("one\ntwo three", 5)).toEqual(["one", "two", "three"]);
    expect(wrapText("all of it", Number.POSITIVE_INFINITY)).toEqual(["all of it"]);
  });

  it("hangs a line's continuation under its body", () => {
    expect(hangingLine(40, "  FAIL ", "one two three four five six seven eight nine")).toBe(
      "  FAIL one two three four five six seven\n       eight nine",
    );
    // A head that leaves too little room stands on its own line.
    expect(hangingLine(20, "  FAIL ", "one two three four five")).toBe(
      "  FAIL\n    one two three\n    four five",
    );
    expect(hangingLine(Number.POSITIVE_INFINITY, "> ", "x ".repeat(200))).toBe(
      `> ${"x ".repeat(200)}`,
    );
  });
});
