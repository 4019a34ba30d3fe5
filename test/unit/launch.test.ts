/**
 * The launch report (core/launch.ts, render/launch.ts): done on time and late from each item's
 * history, waivers with their approver and expiry, skipped items with the reason, every move
 * of go-live, the evidence verify recorded. Hostile text stays inert in Markdown and HTML, and
 * evidence whose arguments look like a credential is withheld.
 */
import { describe, expect, it } from "vitest";
import { launchReport } from "../../src/core/launch.js";
import { evidenceWords, renderLaunchHtml, renderLaunchMarkdown } from "../../src/render/launch.js";
import type { ItemState, Slip } from "../../src/schema/state.js";
import { board, GO_LIVE, HOSTILE, HOSTILE_TEXT } from "../helpers/fixtures.js";

const TODAY = "2027-03-05";

const ITEMS: Record<string, ItemState> = {
  // Due 2027-02-01: done the day before, and done late after a reopen.
  "GEN-1": {
    status: "done",
    by: HOSTILE.mention,
    at: "2027-01-31T10:00:00Z",
    owner: HOSTILE.script,
  },
  "GEN-2": {
    status: "done",
    at: "2027-02-04T10:00:00Z",
    history: [
      { status: "done", at: "2027-01-20T10:00:00Z" },
      { status: "in-progress", at: "2027-01-25T10:00:00Z" },
    ],
  },
  // Due 2027-02-22: skipped, waived, and done without a date.
  "CLO-1": { status: "not-applicable", reason: HOSTILE_TEXT, by: "@octocat", at: "2027-02-10" },
  "CLO-2": {
    waiver: { reason: HOSTILE.pipe, until: "2027-03-03", approver: HOSTILE.mention, by: "Sam" },
    evidence: {
      result: "fail",
      at: "2027-02-20T08:00:00Z",
      code: "file-missing",
      args: { file: "config/load.yml" },
    },
  },
  "CLO-3": {
    status: "done",
    evidence: {
      result: "pass",
      at: "2027-03-01T08:00:00Z",
      code: "value-found",
      args: { file: "deploy.yml", found: "postgres://admin:Hunter2Secret@db/shop" },
    },
  },
};

const SLIPS: Slip[] = [
  {
    from: "2027-02-15",
    to: "2027-02-22",
    reason: HOSTILE.newline,
    by: HOSTILE.mention,
    at: "2027-01-05T10:00:00Z",
  },
  { from: "2027-02-22", to: GO_LIVE, reason: "load test", at: "2027-02-01" },
];

function report() {
  const b = board(ITEMS, TODAY);
  return launchReport(b, b.items, { goLive: GO_LIVE, slips: SLIPS });
}

describe("the launch report's data", () => {
  it("sorts done items into on time, late and undated, from the close that still holds", () => {
    const r = report();
    expect(r.onTime.map((d) => [d.view.item.id, d.doneOn])).toEqual([["GEN-1", "2027-01-31"]]);
    expect(r.late.map((d) => [d.view.item.id, d.doneOn, d.daysLate])).toEqual([
      ["GEN-2", "2027-02-04", 3],
    ]);
    expect(r.undated.map((d) => d.view.item.id)).toEqual(["CLO-3"]);
    expect(r.open.map((v) => v.item.id)).toEqual(["CLO-2"]);
  });

  it("keeps waivers, skips, every move of go-live and the recorded evidence", () => {
    const r = report();
    expect(r.plannedGoLive).toBe("2027-02-15");
    expect(r.slips.map((s) => s.to)).toEqual(["2027-02-22", GO_LIVE]);
    expect(r.waived.map((w) => [w.view.item.id, w.expired])).toEqual([["CLO-2", true]]);
    expect(r.skipped.map((s) => [s.view.item.id, s.ruledOut])).toEqual([["CLO-1", false]]);
    expect(r.evidence.map((e) => e.view.item.id)).toEqual(["CLO-2", "CLO-3"]);
    expect(r.scope).toBe(5);
  });
});

describe("the launch report in words", () => {
  it("Markdown: every table keeps its columns, no mention, link or markup from people's text", () => {
    const md = renderLaunchMarkdown(HOSTILE.script, report());
    expect(md).toContain("## Done late (1)");
    expect(md).toContain("| GEN-2 | Optional thing | — | 2027-02-01 | 2027-02-04 | 3 days |");
    expect(md).toContain("## Go-live date moves (2)");
    expect(md).toContain("planned for Mon 15 Feb 2027, moved 2 times");
    expect(md).not.toMatch(/@[\w-]/);
    expect(md).not.toMatch(/:\/\//);
    expect(md).not.toMatch(/<(?!br>)/);
    let header = 0;
    for (const line of md.split("\n")) {
      if (!line.startsWith("| ")) continue;
      const cells = line.match(/(?<!\\)\|/g)!.length;
      if (line.startsWith("| ID") || line.startsWith("| From")) header = cells;
      else if (!line.startsWith("| ---")) expect(cells, line).toBe(header);
    }
  });

  it("HTML: a self-contained page where people's text is text", () => {
    const html = renderLaunchHtml(HOSTILE.script, report(), { generated: TODAY, version: "1" });
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(");
    expect(html).toContain('<section id="waived"><h2>Waived (1)</h2>');
    expect(html).toContain("expired after 2027-03-03");
  });

  it("words recorded evidence, withholding an argument shaped like a credential", () => {
    for (const text of [
      renderLaunchMarkdown("t", report()),
      renderLaunchHtml("t", report(), { generated: TODAY, version: "1" }),
    ]) {
      expect(text).not.toContain("Hunter2Secret");
      expect(text).toContain("config/load.yml");
    }
    expect(
      evidenceWords({
        result: "pass",
        at: "2027-01-01",
        code: "value-found",
        args: { found: "Bearer abc.def" },
      }),
    ).toBe("value-found (looks like a credential: not shown)");
  });
});
