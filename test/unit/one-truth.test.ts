/**
 * Every view says the same (issue 20): random projects (statuses, owners, waivers, answers,
 * slips, recorded evidence, today) rendered in every format of status, export, check and
 * notify, each read back by a small parser of its own, must carry the same sets of items and
 * the same counts as the one value the command built. In-process, pure, a few seconds.
 */
import { parse as parseCsv } from "csv-parse/sync";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { type Board, buildBoard } from "../../src/core/board.js";
import { type Catalogue, indexCatalogue } from "../../src/core/catalogue.js";
import { addDays } from "../../src/core/dates.js";
import { buildDigest } from "../../src/core/digest.js";
import { DEFAULT_POLICY, runGate } from "../../src/core/gate.js";
import { type BoardReport, buildBoardReport } from "../../src/core/report.js";
import { checkFormats, type GateReport } from "../../src/render/check-formats.js";
import { exportFormats } from "../../src/render/export-formats.js";
import { CHECK_FORMATS, EXPORT_FORMATS, STATUS_FORMATS } from "../../src/render/formats.js";
import { digestFormats } from "../../src/render/notify.js";
import { statusFormats } from "../../src/render/status-formats.js";
import { makeStyle } from "../../src/render/text.js";
import type { CatalogueFile } from "../../src/schema/catalogue.js";
import type { ItemState, StateData, Status } from "../../src/schema/state.js";

const GO_LIVE = "2027-03-01";

function catalogue(): Catalogue {
  const file: CatalogueFile = {
    format: 1,
    name: "prop",
    title: "Property checklist",
    version: "1",
    categories: [
      { id: "GEN", title: "General" },
      { id: "CLO", title: "Cloud" },
    ],
    phases: [
      { id: "eight", title: "Eight weeks before", opens: -56, due: -28 },
      { id: "two", title: "Two weeks before", opens: -14, due: -7 },
      { id: "day", title: "Go-live day", opens: 0, due: 0 },
    ],
    questions: [
      {
        id: "private-network",
        question: "Private network?",
        answers: ["yes", "no"],
        default: "yes",
      },
    ],
    items: [
      { id: "GEN-1", category: "GEN", phase: "eight", title: "Share plan", summary: "s" },
      {
        id: "GEN-2",
        category: "GEN",
        phase: "eight",
        title: "Optional",
        summary: "s",
        optional: true,
      },
      {
        id: "GEN-3",
        category: "GEN",
        phase: "eight",
        title: "Reminded",
        summary: "s",
        reminder: { days: 3, text: "book it" },
      },
      {
        id: "CLO-1",
        category: "CLO",
        phase: "two",
        title: "VPN",
        summary: "s",
        appliesWhen: { "private-network": "yes" },
      },
      { id: "CLO-2", category: "CLO", phase: "two", title: "Load test", summary: "s" },
      { id: "CLO-3", category: "CLO", phase: "two", title: "DNS", summary: "s", due: -3 },
      { id: "CLO-4", category: "CLO", phase: "day", title: "Switch", summary: "s" },
      { id: "CLO-5", category: "CLO", phase: "day", title: "Smoke test", summary: "s" },
    ],
  };
  return indexCatalogue(file);
}

const CATALOGUE = catalogue();
const IDS = CATALOGUE.items.map((i) => i.id);
const STATUSES: (Status | undefined)[] = [
  undefined,
  "todo",
  "in-progress",
  "blocked",
  "done",
  "not-applicable",
];

const day = (from: string, span: number) =>
  fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));

const itemState: fc.Arbitrary<ItemState> = fc
  .record(
    {
      status: fc.constantFrom(...STATUSES),
      owner: fc.constantFrom(undefined, "Alex", "Sam Taylor"),
      waiver: fc.option(
        fc.record({ reason: fc.constant("vendor"), until: day("2027-01-01", 80) }),
        {
          nil: undefined,
        },
      ),
      evidence: fc.option(
        fc.record({
          result: fc.constantFrom("pass" as const, "warn" as const, "fail" as const),
          at: fc.constant("2027-01-20T10:00:00Z"),
        }),
        { nil: undefined },
      ),
      at: fc.option(day("2027-01-01", 70), { nil: undefined }),
    },
    { requiredKeys: [] },
  )
  .map((s) => {
    const state: ItemState = {};
    if (s.status !== undefined) state.status = s.status;
    if (s.status === "blocked" || s.status === "not-applicable") state.reason = "because";
    if (s.owner !== undefined) state.owner = s.owner;
    if (s.waiver !== undefined) state.waiver = s.waiver;
    if (s.evidence !== undefined) state.evidence = s.evidence;
    if (s.at !== undefined) {
      state.at = `${s.at}T09:00:00Z`;
      state.by = "Alex";
    }
    return state;
  });

interface Project {
  state: StateData;
  today: string;
  since: string;
  /** What the repository's checks say now, for some of the items with evidence. */
  current: Record<string, "pass" | "fail">;
}

const project: fc.Arbitrary<Project> = fc
  .record({
    items: fc.dictionary(fc.constantFrom(...IDS), itemState, { maxKeys: IDS.length }),
    answer: fc.constantFrom(undefined, "yes", "no"),
    slips: fc.integer({ min: 0, max: 2 }),
    today: day("2026-12-20", 90),
    since: day("2027-01-01", 60),
    current: fc.dictionary(
      fc.constantFrom(...IDS),
      fc.constantFrom("pass" as const, "fail" as const),
    ),
  })
  .map(({ items, answer, slips, today, since, current }) => {
    const moves = [
      { from: "2027-02-15", to: "2027-02-22" },
      { from: "2027-02-22", to: GO_LIVE },
    ].slice(2 - slips);
    const state: StateData = {
      golive: 1,
      catalogue: { name: "prop" },
      goLive: GO_LIVE,
      settings: { weekendShift: false },
      ...(answer ? { answers: { "private-network": answer } } : {}),
      ...(slips > 0 ? { slips: moves } : {}),
      items,
    };
    return { state, today, since, current };
  });

/** The value every format of status and export renders, and the gate's and the digest's. */
function values(p: Project): { report: BoardReport; gate: GateReport; board: Board } {
  const board = buildBoard(CATALOGUE, p.state, p.today);
  const current = new Map(
    Object.entries(p.current)
      .filter(([id]) => board.items.find((v) => v.item.id === id)?.state.evidence)
      .map(([id, result]) => [id, { id, result, findings: [] }]),
  ) as never;
  const report = buildBoardReport({
    catalogue: CATALOGUE,
    board,
    items: board.items,
    state: p.state,
    current,
    since: p.since,
  });
  const result = runGate(board.items, p.today, DEFAULT_POLICY);
  return {
    board,
    report,
    gate: {
      catalogue: CATALOGUE,
      board,
      items: board.items,
      result,
      warnings: [],
      locations: new Map(),
    },
  };
}

const ids = (views: readonly { item: { id: string } }[]) => views.map((v) => v.item.id).sort();
const sorted = (xs: Iterable<string>) => [...xs].sort();
const ID = /([A-Z]+-\d+)/;

/** The IDs listed under a text section's heading "Heading (N)", and N. */
function textSection(text: string, heading: string): { n: number; ids: string[] } | undefined {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`${heading} (`));
  if (at < 0) return undefined;
  const n = Number(/\((\d+)\)$/.exec(lines[at]!)![1]);
  const found: string[] = [];
  for (const line of lines.slice(at + 2)) {
    if (line.trim() === "") break;
    const m = /^\s*([A-Z]+-\d+)\s/.exec(line);
    if (m) found.push(m[1]!);
  }
  return { n, ids: found.sort() };
}

function mdSection(md: string, heading: string): { n: number; ids: string[] } | undefined {
  const m = new RegExp(`^## ${heading} \\((\\d+)\\)$`, "m").exec(md);
  if (!m) return undefined;
  const rest = md.slice(m.index + m[0].length).split("\n## ")[0]!;
  const found = [...rest.matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map((r) => r[1]!);
  return { n: Number(m[1]), ids: found.sort() };
}

function htmlSection(html: string, heading: string): { n: number; ids: string[] } | undefined {
  const m = new RegExp(`<h2>${heading} \\((\\d+)\\)</h2>`).exec(html);
  if (!m) return undefined;
  const table = html.slice(m.index).split("</table>")[0]!;
  const found = [...table.matchAll(/<tr><td>([A-Z]+-\d+)<\/td>/g)].map((r) => r[1]!);
  return { n: Number(m[1]), ids: found.sort() };
}

/** A section as its IDs; absent when empty, as every format leaves an empty section out. */
function expectSection(
  found: { n: number; ids: string[] } | undefined,
  want: readonly string[],
  where: string,
) {
  if (want.length === 0) {
    expect(found, where).toBeUndefined();
    return;
  }
  expect(found, where).toBeDefined();
  expect(found!.n, where).toBe(want.length);
  expect(found!.ids, where).toEqual([...want].sort());
}

interface JunitCase {
  name: string;
  failure?: unknown;
}

const RUNS = { numRuns: 60, seed: 20_261_206 };

describe("every view says the same (property)", () => {
  it("every format is registered, and renders", () => {
    const { report, gate } = values({
      state: { golive: 1, catalogue: { name: "prop" }, goLive: GO_LIVE },
      today: "2027-02-01",
      since: "2027-01-01",
      current: {},
    });
    const status = statusFormats({ style: makeStyle(0, Infinity), all: true });
    const exports = exportFormats({ now: "2027-02-01T00:00:00Z", version: "1", bom: false });
    const check = checkFormats({ style: makeStyle(0, Infinity), now: "2027-02-01T00:00:00" });
    for (const f of STATUS_FORMATS) expect(status[f](report).length).toBeGreaterThan(0);
    for (const f of EXPORT_FORMATS) expect(exports[f](report).length).toBeGreaterThan(0);
    for (const f of CHECK_FORMATS) expect(check[f](gate).length).toBeGreaterThan(0);
  });

  it("text, JSON, Markdown, HTML, CSV, JUnit and the digest carry the same sets and counts", () => {
    const style = makeStyle(0, Infinity);
    const status = statusFormats({ style, all: true });
    const exports = exportFormats({ now: "2027-02-01T00:00:00Z", version: "1", bom: false });
    const check = checkFormats({ style, now: "2027-02-01T00:00:00" });
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
    fc.assert(
      fc.property(project, (p) => {
        const { report, gate, board } = values(p);
        const { day, evidence } = report;
        const overdue = ids(day.overdue);
        const blocked = ids(day.blocked);
        const inProgress = ids(day.inProgress);
        const fails = ids(evidence.fails);
        const closed = board.items.filter((v) => !v.open).map((v) => v.item.id);
        const { progress } = board;

        // Text (status).
        const text = status.text(report);
        expectSection(textSection(text, "Overdue"), overdue, "text overdue");
        expectSection(textSection(text, "Blocked"), blocked, "text blocked");
        expectSection(textSection(text, "In progress"), inProgress, "text in progress");
        expectSection(textSection(text, "Recorded evidence fails"), fails, "text evidence");
        expectSection(textSection(text, "Waivers"), ids(day.waivers), "text waivers");
        expect(text).toMatch(new RegExp(`Overall\\s.*\\s${progress.closed}/${progress.total}\\s`));
        expect(text.includes("Go-live slipped"), "text slip").toBe(report.slip !== undefined);

        // Markdown (status --format markdown, export).
        const md = status.markdown(report);
        expect(exports.markdown(report)).toBe(md);
        expectSection(mdSection(md, "Overdue"), overdue, "md overdue");
        expectSection(mdSection(md, "Blocked"), blocked, "md blocked");
        expectSection(mdSection(md, "In progress"), inProgress, "md in progress");
        expectSection(mdSection(md, "Recorded evidence fails"), fails, "md evidence");
        expectSection(mdSection(md, "Waivers"), ids(day.waivers), "md waivers");
        expect(md).toContain(`| **Overall** | ${GO_LIVE} | ${progress.closed}/${progress.total} |`);
        expect(md.includes("Go-live slipped"), "md slip").toBe(report.slip !== undefined);

        // JSON (status).
        const json = JSON.parse(status.json(report));
        expect(
          sorted(
            json.items
              .filter((i: { overdue: boolean }) => i.overdue)
              .map((i: { id: string }) => i.id),
          ),
        ).toEqual(overdue);
        expect(json.progress).toMatchObject({
          closed: progress.closed,
          total: progress.total,
          overdue: overdue.length,
          blocked: blocked.length,
          inProgress: progress.inProgress,
        });
        expect(json.goLiveSlip === null).toBe(report.slip === undefined);
        for (const item of json.items as { id: string; status: string }[]) {
          expect(item.status).toBe(board.items.find((v) => v.item.id === item.id)!.status);
        }

        // HTML (export).
        const html = exports.html(report);
        expectSection(htmlSection(html, "In progress"), inProgress, "html in progress");
        expectSection(htmlSection(html, "Recorded evidence fails"), fails, "html evidence");
        expect(html).toContain(`<div><b>${progress.overdue}</b>overdue</div>`);
        expect(html).toContain(`<div><b>${progress.blocked}</b>blocked</div>`);
        expect(html).toContain(`closed (${progress.closed}/${progress.total})`);
        const looks = Object.fromEntries(
          [...html.matchAll(/data-id="([^"]+)" data-look="([^"]+)"/g)].map((m) => [m[1], m[2]]),
        );
        for (const v of board.items) {
          // A done item is green only while its checks hold.
          if (v.status === "done") {
            expect(looks[v.item.id], v.item.id).toBe(
              evidence.failingNow.has(v.item.id) ? "checks-fail" : "done",
            );
          }
          if (v.overdue && !v.waived) expect(looks[v.item.id]).toBe("overdue");
        }
        expect(html.includes("Go-live slipped"), "html slip").toBe(report.slip !== undefined);

        // CSV (export).
        const rows = parseCsv(exports.csv(report), { columns: true }) as Record<string, string>[];
        expect(rows).toHaveLength(progress.total);
        expect(sorted(rows.filter((r) => r.overdue === "yes").map((r) => r.id!))).toEqual(overdue);
        expect(sorted(rows.filter((r) => r.status === "blocked").map((r) => r.id!))).toEqual(
          blocked,
        );
        expect(
          sorted(
            rows
              .filter((r) => r.status === "done" || r.status === "not-applicable")
              .map((r) => r.id!),
          ),
        ).toEqual(sorted(closed));

        // JUnit, JSON, text and Markdown of the gate (check): its failures are the overdue items.
        const junit = xml.parse(check.junit(gate)).testsuites;
        expect(Number(junit.tests)).toBe(progress.total);
        expect(Number(junit.failures)).toBe(overdue.length);
        const suites = [junit.testsuite].flat();
        const failed = suites
          .flatMap((s: { testcase?: unknown }) => [s.testcase ?? []].flat() as JunitCase[])
          .filter((c) => c.failure !== undefined)
          .map((c) => ID.exec(c.name)![1]!);
        expect(sorted(failed)).toEqual(overdue);
        const checkJson = JSON.parse(check.json(gate));
        expect(sorted(checkJson.overdue)).toEqual(overdue);
        expect(checkJson.passed).toBe(overdue.length === 0);
        const checkText = check.text(gate);
        const failLines = [...checkText.matchAll(/^ {2}FAIL\s+([A-Z]+-\d+)/gm)].map((m) => m[1]!);
        expect(sorted(failLines)).toEqual(overdue);
        const checkMd = check.markdown(gate).split("<details>")[0]!;
        const mdFails = [...checkMd.matchAll(/^\| ❌ FAIL \| ([A-Z]+-\d+) \|/gm)].map((m) => m[1]!);
        expect(sorted(mdFails)).toEqual(overdue);

        // The chat digest.
        const digest = buildDigest(board, p.since);
        const chat = digestFormats({ title: "Prop" });
        const payload = chat.json(digest) as {
          overdue: { id: string }[];
          blocked: { id: string }[];
          progress: { closed: number; total: number };
        };
        expect(sorted(payload.overdue.map((i) => i.id))).toEqual(overdue);
        expect(sorted(payload.blocked.map((i) => i.id))).toEqual(blocked);
        expect(payload.progress).toEqual({ closed: progress.closed, total: progress.total });
        const slack = JSON.stringify(chat.slack(digest));
        const teams = JSON.stringify(chat.teams(digest));
        for (const [name, list] of [
          ["Overdue", overdue],
          ["Blocked", blocked],
        ] as const) {
          for (const target of [slack, teams]) {
            expect(target.includes(`${name} (${list.length})`), name).toBe(list.length > 0);
          }
        }
        expect(slack).toContain(
          `${progress.closed}/${progress.total} closed · ${overdue.length} overdue`,
        );
        expect(teams).toContain(
          `${progress.closed}/${progress.total} closed · ${overdue.length} overdue`,
        );
      }),
      RUNS,
    );
  });
});
