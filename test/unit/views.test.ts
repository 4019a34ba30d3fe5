/**
 * Issue 20's pure pieces: the words and numbers every view shares.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { emptyProgress } from "../../src/core/board.js";
import { indexCatalogue } from "../../src/core/catalogue.js";
import { buildDigest, digestEmpty } from "../../src/core/digest.js";
import { DEFAULT_POLICY, runGate } from "../../src/core/gate.js";
import { summariseProject } from "../../src/core/portfolio.js";
import { csvField } from "../../src/render/csv.js";
import { renderHtml } from "../../src/render/html.js";
import { renderJiraCsv } from "../../src/render/jira-csv.js";
import { renderJunit } from "../../src/render/junit.js";
import { renderMarkdownSummary } from "../../src/render/markdown.js";
import { digestFormats, teamsText } from "../../src/render/notify.js";
import { renderPortfolioHtml } from "../../src/render/portfolio.js";
import { statusFormats } from "../../src/render/status-formats.js";
import { makeStyle, percent } from "../../src/render/text.js";
import { board, report, smallCatalogue } from "../helpers/fixtures.js";

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

describe("every report says what status says", () => {
  const today = "2027-02-16";
  // CLO-2 in progress; GEN-1 done but its recorded evidence fails; CLO-1 done, passing then,
  // failing now (the repository's checks ran).
  const b = board(
    {
      "CLO-2": { status: "in-progress" },
      "GEN-1": {
        status: "done",
        evidence: { result: "fail", at: "2027-02-10T09:00:00Z", code: "composer-old" },
      },
      "CLO-1": { status: "done", evidence: { result: "pass", at: "2027-02-10T09:00:00Z" } },
    },
    today,
  );
  // The repository was read for CLO-1 only (GEN-1's check could not run).
  const current = new Map([
    ["CLO-1", { id: "CLO-1", result: "fail" as const, findings: [] }],
  ]) as never;
  const r = report(b, { current, state: { goLive: b.goLive } });
  const text = statusFormats({ style: makeStyle(0, Infinity), all: false }).text(r);
  const md = renderMarkdownSummary(r);
  const html = renderHtml(r, { generated: today, version: "1" });

  it("In progress and Recorded evidence fails, in text, Markdown and HTML", () => {
    expect(text).toContain("In progress (1)");
    expect(text).toContain("Recorded evidence fails (1)");
    expect(md).toContain("## In progress (1)");
    expect(md).toContain("## Recorded evidence fails (1)");
    expect(md).toContain("## Recorded evidence is stale (1)");
    expect(html).toContain("<h2>In progress (1)</h2>");
    expect(html).toContain("<h2>Recorded evidence fails (1)</h2>");
    expect(html).toContain("<h2>Recorded evidence is stale (1)</h2>");
  });

  it("HTML draws a done item whose checks fail now in its own colour, named in the legend", () => {
    expect(html).toContain('data-id="GEN-1" data-look="checks-fail"');
    expect(html).toContain('data-id="CLO-1" data-look="checks-fail"');
    expect(html).toMatch(/<span class="dot" style="background:#ad1457"><\/span>done, checks fail/);
    // Without the repository's verdicts the recorded result decides: CLO-1 passed then.
    const recorded = renderHtml(report(b), { generated: today, version: "1" });
    expect(recorded).toContain('data-id="GEN-1" data-look="checks-fail"');
    expect(recorded).toContain('data-id="CLO-1" data-look="done"');
  });

  it("a slipped go-live is said in text, Markdown, HTML and JSON", () => {
    const state = {
      goLive: "2027-03-15",
      slips: [
        { from: "2027-03-01", to: "2027-03-08" },
        { from: "2027-03-08", to: "2027-03-15" },
      ],
    };
    const slipped = report(b, { state });
    expect(statusFormats({ style: makeStyle(0, Infinity), all: false }).text(slipped)).toContain(
      "Go-live slipped from Mon 1 Mar 2027 to Mon 15 Mar 2027 (moved 2 times)",
    );
    expect(renderMarkdownSummary(slipped)).toContain(
      "**Go-live slipped from 2027-03-01 to 2027-03-15 (moved 2 times)**",
    );
    expect(renderHtml(slipped, { generated: today, version: "1" })).toContain(
      "Go-live slipped from 2027-03-01 to 2027-03-15",
    );
    const json = JSON.parse(statusFormats({ style: makeStyle(0, 80), all: false }).json(slipped));
    expect(json.goLiveSlip).toEqual({ from: "2027-03-01", to: "2027-03-15", moves: 2 });
    // Moved and moved back: nothing to report.
    const back = report(b, {
      state: {
        goLive: "2027-03-01",
        slips: [...state.slips, { from: "2027-03-15", to: "2027-03-01" }],
      },
    });
    expect(renderMarkdownSummary(back)).not.toContain("slipped");
  });
});

describe("the chat digest", () => {
  const today = "2027-02-16";
  const b = board(
    {
      "CLO-1": { owner: "Alex", waiver: { reason: "vendor", until: "2027-02-20" } },
      "CLO-2": { owner: "Alex", waiver: { reason: "later", until: "2027-04-01" } },
      "GEN-1": { owner: "Alex", status: "done", by: "Alex", at: "2027-02-16T08:00:00Z" },
      "CLO-3": { owner: "Alex", status: "blocked", reason: "DNS", at: "2027-02-16T08:00:00Z" },
    },
    today,
  );
  const d = buildDigest(b, "2027-02-15");
  const chat = { slack: { Alex: "U024BE7LH" }, teams: { Alex: "alex@acme.example" } };
  const formats = digestFormats({ title: "Demo", chat });

  it("lists waivers ending within the week, in every target", () => {
    expect(d.expiringWaivers.map((v) => v.item.id)).toEqual(["CLO-1"]);
    expect(JSON.stringify(formats.slack(d))).toContain("Waivers ending this week (1)");
    expect(JSON.stringify(formats.teams(d))).toContain("Waivers ending this week (1)");
    const json = formats.json(d) as { expiringWaivers: { id: string }[] };
    expect(json.expiringWaivers.map((w) => w.id)).toEqual(["CLO-1"]);
  });

  it("mentions the owners of open items only: a done item's owner is named", () => {
    const slack = JSON.stringify(formats.slack(d));
    const changed = slack.slice(slack.indexOf("Changed since"));
    expect(changed).toMatch(/GEN-1\* Share plan \(Alex\)/);
    expect(changed).toMatch(/CLO-3\* Switch DNS <@U024BE7LH>/);
    const teams = JSON.stringify(formats.teams(d));
    expect(teams.slice(teams.indexOf("Changed since"))).toMatch(/GEN-1\*\* Share plan \(Alex\)/);
  });

  it("Teams text has no backslash escapes, and still no markup, link or mention", () => {
    const hostile =
      "*bold* _it_ [x](https://e.example) `code` ~s~ 1. a-b.c! #h <at>Boss</at>\n- list";
    const text = teamsText(hostile);
    expect(text).not.toContain("\\");
    expect(text).not.toMatch(/\*|_|`|~|\]\(|<|>|\n/);
    expect(text).toContain("a-b.c! #h");
    expect(JSON.stringify(formats.teams(d))).not.toContain("\\\\");
  });

  it("is empty when nothing needs anyone", () => {
    expect(digestEmpty(d)).toBe(false);
    const calm = buildDigest(board({}, "2026-12-10"), "2026-12-09");
    expect(digestEmpty(calm)).toBe(true);
  });
});

describe("the portfolio page", () => {
  it("has a legend naming every colour a project's strip can show", () => {
    const today = "2027-02-16";
    const b = board({ "CLO-2": { status: "blocked", reason: "x" } }, today);
    const html = renderPortfolioHtml(
      [
        {
          name: "shop",
          source: "shop",
          title: "Demo",
          board: b,
          summary: summariseProject(b, today),
        },
      ],
      today,
      { generated: today, version: "1" },
    );
    const drawn = new Set([...html.matchAll(/<rect [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
    const legend = html.slice(html.indexOf('<p class="legend">')).split("</p>")[0]!;
    const named = new Set([...legend.matchAll(/background:(#[0-9a-f]{6})/g)].map((m) => m[1]));
    expect(drawn.size).toBeGreaterThan(1);
    for (const colour of drawn) expect(named, colour).toContain(colour);
    for (const colour of ["#c62828", "#ef6c00", "#2e7d32", "#1565c0", "#90a4ae"]) {
      expect(named).toContain(colour);
    }
    expect(legend).toContain("go-live");
    expect(legend).toContain("today");
  });
});

describe("text tables", () => {
  const today = "2027-02-20";
  // IDs of two lengths (CLO-1, CLO-200) in several sections.
  const file = smallCatalogue().file;
  const catalogue = indexCatalogue({
    ...file,
    items: file.items.map((i) => (i.id === "CLO-2" ? { ...i, id: "CLO-200" } : i)),
  });
  const b = board(
    {
      "CLO-1": { owner: "Sam" },
      "CLO-200": {
        status: "blocked",
        reason: "vendor",
        links: ["https://tracker.example.com/projects/shop/issues/SHOP-4711?focus=comments"],
      },
    },
    today,
    catalogue,
  );
  const text = statusFormats({ style: makeStyle(0, Infinity), all: true }).text(
    report(b, {}, catalogue),
  );

  it("line up their IDs across every section of status", () => {
    const titleAt = (id: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith(`  ${id} `))
        .map((l) => l.indexOf(l.slice(2 + id.length).trimStart(), 2 + id.length));
    const starts = new Set([...titleAt("CLO-1"), ...titleAt("CLO-200"), ...titleAt("GEN-1")]);
    expect(starts.size).toBe(1);
  });

  it("show a ticket URL short, so it does not widen the table", () => {
    expect(text).toContain("(tracker.example.com/…/SHOP-4711)");
    expect(text).not.toContain("https://tracker.example.com");
  });
});
