/**
 * Every format golive writes, read back with a real parser, with hostile user text in every
 * field a person can write: notes, owners, reasons, waivers.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, runGate } from "../../src/core/gate.js";
import { originalGoLive } from "../../src/core/schedule.js";
import type { ItemVerdict } from "../../src/core/verdict.js";
import { renderCheck } from "../../src/render/check.js";
import { CSV_COLUMNS, csvField, renderCsv } from "../../src/render/csv.js";
import { escapeData, escapeProperty, renderGithub } from "../../src/render/github.js";
import { escapeHtml, renderHtml } from "../../src/render/html.js";
import { escapeText, foldLine, renderIcs } from "../../src/render/ics.js";
import { jsonCheckReport, jsonReport } from "../../src/render/json.js";
import { escapeXml, renderJunit } from "../../src/render/junit.js";
import {
  mdCell,
  mdText,
  renderGateMarkdown,
  renderMarkdownSummary,
} from "../../src/render/markdown.js";
import { makeStyle, printable } from "../../src/render/text.js";
import { board, HOSTILE, HOSTILE_TEXT, report, smallCatalogue } from "../helpers/fixtures.js";

const TODAY = "2027-02-20";

/** Every writable field of every item holds hostile text; the statuses cover each verdict. */
function hostileBoard() {
  const text = HOSTILE_TEXT;
  return board(
    {
      "GEN-1": { owner: HOSTILE.workflow, note: text },
      "GEN-2": { status: "not-applicable", reason: text, owner: HOSTILE.formula },
      "CLO-1": {
        status: "blocked",
        reason: text,
        owner: HOSTILE.unicode,
        waiver: { reason: text, until: "2027-02-25", approver: HOSTILE.percent, by: HOSTILE.cdata },
      },
      "CLO-2": { status: "done", note: text, owner: HOSTILE.script },
      "CLO-3": { owner: HOSTILE.newline, note: HOSTILE.long },
    },
    TODAY,
  );
}

function gate() {
  const b = hostileBoard();
  return { board: b, result: runGate(b.items, TODAY, DEFAULT_POLICY) };
}

/** Nothing is late on 2027-01-10; CLO-2 is done, but the repository now contradicts it. */
function regressedGate() {
  const today = "2027-01-10";
  // Done, and verify --record found it passing: its check failing now is a regression.
  const b = board(
    {
      "CLO-2": {
        status: "done",
        owner: "Sam",
        evidence: { result: "pass", at: "2027-01-02", code: "file-present" },
      },
    },
    today,
  );
  const verdict: ItemVerdict = {
    id: "CLO-2",
    title: "Load test",
    result: "fail",
    findings: [{ code: "file-missing", result: "fail", file: "config/load.yml" }],
  };
  const result = runGate(b.items, today, DEFAULT_POLICY, new Map([["CLO-2", verdict]]));
  return { board: b, result };
}

describe("a regressed item (check --verify) fails every format alike", () => {
  it("text", () => {
    const text = renderCheck(makeStyle(0, 100), regressedGate().result);
    expect(text).toMatch(/^✗ golive check failed: nothing overdue, 1 regressed,/);
    expect(text).toMatch(
      /FAIL\s+CLO-2 {2}Load test: done and its recorded evidence passed,\s+but its check now fails: config\/load\.yml: missing/,
    );
    expect(text).toContain("golive reopen ID");
  });

  it("junit", () => {
    const xml = renderJunit(regressedGate().result, { name: "n" });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    expect(doc.testsuites.failures).toBe("1");
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase: unknown }) => s.testcase);
    const clo2 = cases.find((c: { name: string }) => c.name.startsWith("CLO-2 "));
    expect(clo2.failure.type).toBe("regressed");
    expect(clo2.failure.message).toContain("config/load.yml: missing");
  });

  it("github", () => {
    const lines = renderGithub(regressedGate().result).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toEqual([
      "::error title=golive%3A CLO-2 regressed::Load test: done and its recorded evidence passed, but its check now fails: config/load.yml: missing. Owner: Sam.",
    ]);
    expect(lines.at(-1)).toMatch(/^golive check failed: nothing overdue, 1 regressed/);
  });

  it("markdown", () => {
    const md = renderGateMarkdown(regressedGate().result, "Demo");
    expect(md).toMatch(/^### ❌ Demo/);
    expect(md).toContain(
      "| ❌ FAIL | CLO-2 | Load test | two-weeks | Sam | 2027-02-22 | done and its recorded evidence passed, but its check now fails: config/load.yml: missing |",
    );
  });

  it("json", () => {
    const { board: b, result } = regressedGate();
    const report = jsonCheckReport(
      jsonReport("check", smallCatalogue(), b, b.items, []),
      result,
      undefined,
    );
    expect(report).toMatchObject({
      passed: false,
      overdue: [],
      regressed: ["CLO-2"],
      failsCheck: [],
      readyToTick: [],
      counts: { fail: 1 },
    });
    expect(report.items.find((i) => i.id === "CLO-2")).toMatchObject({
      verdict: "fail",
      code: "regressed",
    });
  });
});

describe("github workflow commands", () => {
  it("escapes data and properties as GitHub documents", () => {
    expect(escapeData("50%\r\nnext")).toBe("50%25%0D%0Anext");
    expect(escapeProperty("a: b, c%")).toBe("a%3A b%2C c%25");
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("writes one command per line that no user text can end or start", () => {
    const { result } = gate();
    const out = renderGithub(result, {
      locations: new Map([["GEN-1", { file: "golive.yaml", line: 12 }]]),
    });
    const lines = out.trimEnd().split("\n");
    // GEN-1 fails, CLO-3 warns (due soon? no: due 2027-03-01 is 9 days away) and CLO-1 is waived.
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith("::notice "))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^golive check failed/);
    for (const line of lines.slice(0, -1)) {
      expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
      // Exactly one command per line: the data holds no raw "::" followed by a line start.
      expect(line).not.toMatch(/[\r\n]/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none survive
      expect(line).not.toMatch(/[\u0000-\u001f]/);
    }
    expect(lines[0]).toContain("::error file=golive.yaml,line=12,title=golive%3A GEN-1 overdue::");
    // The owner's "::error::pwned" stays inside the data, escaped newline and all.
    expect(lines[0]).toContain("Owner: ::error::pwned%0A");
    expect(lines[0]).toContain("::error::pwned%0A::warning title=x::also pwned");
    const notice = lines.find((l) => l.startsWith("::notice"))!;
    expect(notice).toContain("%250A::error::encoded %2525 %250D");
  });
});

describe("junit", () => {
  it("is valid XML with one suite per phase and the right outcome per item", () => {
    const { result } = gate();
    const xml = renderJunit(result, { name: HOSTILE_TEXT, timestamp: "2027-02-20" });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s: { id: string }) => s.id)).toEqual([
      "eight-weeks",
      "two-weeks",
      "go-live",
    ]);
    expect(doc.testsuites.tests).toBe("5");
    expect(doc.testsuites.failures).toBe("1");
    expect(doc.testsuites.skipped).toBe("2");
    const cases = suites.flatMap((s: { testcase: unknown }) => s.testcase);
    const byId = Object.fromEntries(cases.map((c: { name: string }) => [c.name.split(" ")[0], c]));
    expect(byId["GEN-1"].failure.type).toBe("overdue");
    expect(byId["GEN-2"].skipped.message).toContain("not applicable");
    // Waived passes, with the waiver said; an item not yet due is skipped, never passed.
    expect(byId["CLO-1"].skipped).toBeUndefined();
    expect(byId["CLO-1"]["system-out"]).toContain("waived");
    expect(byId["CLO-1"]["system-out"]).toContain("]]><![CDATA[ & <tag> ' \"");
    expect(byId["CLO-1"]["system-out"]).toContain("Zoë 🚀 日本");
    expect(byId["CLO-3"].skipped.message).toContain("due in");
    // Attribute values keep their text, line breaks included, after the round trip.
    expect(byId["GEN-1"].failure.message).toContain("overdue");
    expect(byId["CLO-2"].failure).toBeUndefined();
    expect(byId["CLO-2"].skipped).toBeUndefined();
  });

  it("writes an xs:dateTime timestamp without zone, also when today is pinned", () => {
    const { result } = gate();
    const stamp = (timestamp: string) =>
      /timestamp="([^"]*)"/.exec(renderJunit(result, { name: "n", timestamp }))![1];
    expect(stamp("2027-02-20")).toBe("2027-02-20T00:00:00");
    expect(stamp("2027-02-20T09:30:05+01:00")).toBe("2027-02-20T09:30:05");
    expect(stamp("2027-02-20T09:30:05Z")).toBe("2027-02-20T09:30:05");
  });

  it("drops characters XML 1.0 forbids and escapes markup", () => {
    expect(escapeXml("a\u0000b\u0007c\uFFFEd\uD800e<&>\"'")).toBe("abcde&lt;&amp;&gt;&quot;&apos;");
    // Allowed by XML, dropped as from every other report file: a C1 CSI, a bidi override.
    expect(escapeXml("a\u009b31mb\u202ec")).toBe("a31mbc");
    const xml = `<a x="${escapeXml(HOSTILE_TEXT)}">${escapeXml(HOSTILE_TEXT)}</a>`;
    expect(XMLValidator.validate(xml)).toBe(true);
  });
});

describe("markdown", () => {
  it("escapes table breakers, HTML and markup in a cell", () => {
    expect(mdCell("a | b")).toBe("a \\| b");
    expect(mdCell("line\nnext")).toBe("line<br>next");
    expect(mdCell("</script>")).toBe("&lt;/script&gt;");
    expect(mdCell("[x](http://e) *b*")).toBe("\\[x\\](http:\u200b//e) \\*b\\*");
  });

  it("neutralises @mentions and autolinks in user text and in catalogue text alike", () => {
    const user = mdText(HOSTILE.mention);
    expect(user).toBe(
      "@\u200boctocat @\u200bacme/security https:\u200b//evil.example/x WWW\u200b.evil.example mail@\u200bevil.example",
    );
    // A team catalogue is outside input too: its title cannot ping @acme/ops or make a link.
    expect(mdCell("see https://docs.spryker.com @acme/ops")).toBe(
      "see https:\u200b//docs.spryker.com @\u200bacme/ops",
    );
  });

  it("lets no user text mention anyone or make a link in the gate or the summary", () => {
    const people = {
      "GEN-1": { owner: "@octocat", note: HOSTILE.mention },
      "CLO-1": {
        status: "blocked" as const,
        reason: HOSTILE.mention,
        owner: "@acme/security",
        by: "@by-someone",
        at: "2027-02-19",
        waiver: { reason: HOSTILE.mention, until: "2027-02-25", approver: "@cto" },
      },
      "GEN-2": { status: "not-applicable" as const, reason: HOSTILE.mention },
      "CLO-2": { status: "done" as const, note: "www.example.com", owner: "@done" },
    };
    const b = board(people, TODAY);
    const gateMd = renderGateMarkdown(runGate(b.items, TODAY, DEFAULT_POLICY), "Demo");
    const summary = renderMarkdownSummary(
      report(b, { since: "2027-02-01", filterLabel: "owner @octocat" }),
    );
    for (const md of [gateMd, summary]) {
      expect(md).not.toMatch(/@[\w-]/);
      expect(md).not.toMatch(/:\/\//);
      expect(md).not.toMatch(/www\./i);
    }
    expect(gateMd).toContain("@\u200bacme/security");
    expect(summary).toContain("approved by @\u200bcto");
  });

  it("keeps every gate row in its table's columns", () => {
    const { result } = gate();
    const md = renderGateMarkdown(result, HOSTILE.script);
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("<img");
    for (const line of md.split("\n").filter((l) => l.startsWith("| "))) {
      // Seven columns: eight unescaped pipes.
      expect(line.match(/(?<!\\)\|/g)).toHaveLength(8);
    }
  });

  it("summarises progress, overdue, blocked and waivers", () => {
    const b = hostileBoard();
    const md = renderMarkdownSummary(report(b));
    expect(md).toContain("## Overdue (1)");
    expect(md).toContain("## Blocked (1)");
    expect(md).toContain("## Waivers (1)");
    expect(md).toContain("until 2027-02-25");
    for (const line of md.split("\n").filter((l) => l.startsWith("| ") && l.includes("CLO-1"))) {
      expect(line.match(/(?<!\\)\|/g)).toHaveLength(5);
    }
    expect(md).not.toMatch(/<(?!br>)/);
  });
});

describe("csv", () => {
  it("quotes per RFC 4180 and neutralises formulas", () => {
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tx")).toBe("'\tx");
    expect(csvField("-3")).toBe("-3");
    expect(csvField("-x")).toBe("'-x");
  });

  it("drops terminal escapes and bidi overrides, which a printed file would obey", () => {
    expect(csvField("a\u001b]0;pwned\u0007b\u001b[2Jc\u202Ed")).toBe("a]0;pwnedb[2Jcd");
    expect(escapeText("a\u001b[2J\u009bb")).toBe("a[2Jb");
  });

  it("reads back with a CSV parser: every row, every field, CRLF endings", () => {
    const b = hostileBoard();
    const text = renderCsv(b.items);
    expect(
      text
        .replace(/"[^"]*"/g, "")
        .split("\n")
        .every((l, i, a) => i === a.length - 1 || l.endsWith("\r")),
    ).toBe(true);
    const rows: Record<string, string>[] = parseCsv(text, {
      columns: true,
      record_delimiter: "\r\n",
    });
    expect(rows).toHaveLength(5);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const gen2 = rows.find((r) => r.id === "GEN-2")!;
    expect(gen2.owner).toBe(`'${HOSTILE.formula}`);
    // Everything but the characters a printed file would obey (escapes, bidi overrides).
    expect(gen2.reason).toBe(printable(HOSTILE_TEXT));
    const clo1 = rows.find((r) => r.id === "CLO-1")!;
    expect(clo1.waiver_until).toBe("2027-02-25");
    expect(clo1.waiver_approver).toBe(HOSTILE.percent);
    expect(rows.find((r) => r.id === "CLO-3")!.note).toHaveLength(5000);
    expect(rows.find((r) => r.id === "GEN-1")!.days_until_due).toBe("-19");
  });
});

describe("ics", () => {
  it("escapes TEXT and folds lines at 75 octets without splitting a character", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
    const long = `DESCRIPTION:${"日本🚀ë".repeat(40)}`;
    const folded = foldLine(long);
    for (const line of folded.split("\r\n"))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(long);
    expect(folded).not.toContain("\uFFFD");
  });

  const icsOptions = {
    catalogueName: "demo",
    originalGoLive: "2027-02-15",
    title: HOSTILE_TEXT,
    now: "2027-02-20T09:30:00+01:00",
    version: "1.0.0",
  };
  const events = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));

  it("parses with ical.js: the go-live day and one all-day event per item", () => {
    const b = hostileBoard();
    const ics = renderIcs(b, b.items, icsOptions);
    const lines = ics.split("\r\n");
    expect(lines.at(-1)).toBe("");
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\n");
    }
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const all = events(ics);
    expect(all.map((ev) => ev.uid)).toEqual([
      "go-live@20270215.demo.golive",
      "GEN-1@20270215.demo.golive",
      "GEN-2@20270215.demo.golive",
      "CLO-1@20270215.demo.golive",
      "CLO-2@20270215.demo.golive",
      "CLO-3@20270215.demo.golive",
    ]);
    const clo1 = all[3]!;
    expect(clo1.startDate.isDate).toBe(true);
    expect(clo1.startDate.toString()).toBe("2027-02-22");
    expect(clo1.endDate.toString()).toBe("2027-02-23");
    expect(clo1.description).toContain(printable(HOSTILE_TEXT).replace(/\r\n|\r/g, "\n"));
    expect(all[5]!.description).toContain("x".repeat(5000));
    const stamp = calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("dtstamp");
    expect(String(stamp)).toBe("2027-02-20T08:30:00Z");
  });

  it("cancels the events of closed items, keeping their UID, so calendars drop them", () => {
    const b = hostileBoard();
    const status = Object.fromEntries(
      events(renderIcs(b, b.items, icsOptions)).map((ev) => [
        ev.uid.split("@")[0],
        [ev.component.getFirstPropertyValue("status"), ev.summary.split(":")[0]],
      ]),
    );
    expect(status).toEqual({
      "go-live": ["CONFIRMED", "Go-live"],
      "GEN-1": ["CONFIRMED", "Due"],
      "GEN-2": ["CANCELLED", "Not applicable"],
      "CLO-1": ["CONFIRMED", "Due"],
      "CLO-2": ["CANCELLED", "Done"],
      "CLO-3": ["CONFIRMED", "Due"],
    });
  });

  it("raises SEQUENCE with every later export, so any moved date replaces the old one", () => {
    const b = hostileBoard();
    const sequences = (now: string) =>
      events(renderIcs(b, b.items, { ...icsOptions, now })).map((ev) => ev.sequence);
    const first = sequences("2027-02-20");
    const later = sequences("2027-02-20T00:01:00Z");
    expect(new Set(first).size).toBe(1);
    expect(later[0]).toBeGreaterThan(first[0]!);
    // Minutes since 2020-01-01 UTC: far from the 32-bit INTEGER limit.
    expect(first[0]).toBe(3_754_080);
  });

  it("gives each project its own UIDs, stable when go-live moves", () => {
    const b = hostileBoard();
    const uid = (originalGoLive: string) =>
      events(renderIcs(b, b.items, { ...icsOptions, originalGoLive }))[1]!.uid;
    expect(uid("2027-02-15")).not.toBe(uid("2027-03-01"));
    expect(originalGoLive({ goLive: "2027-04-01" })).toBe("2027-04-01");
    expect(
      originalGoLive({
        goLive: "2027-04-01",
        slips: [
          { from: "2027-03-01", to: "2027-03-15" },
          { from: "2027-03-15", to: "2027-04-01" },
        ],
      }),
    ).toBe("2027-03-01");
  });
});

describe("html", () => {
  it("escapes every user text", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    const b = hostileBoard();
    const html = renderHtml(report(b), { generated: TODAY, version: "1" });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(html).toContain("Zoë 🚀 日本");
    expect(html.match(/<rect class="mark"/g)).toHaveLength(5);
    expect(html).toContain(`data-id="CLO-1" data-look="waived"`);
    expect(html).toContain(`data-id="GEN-1" data-look="overdue"`);
    expect(html).toContain("Content-Security-Policy");
  });
});
