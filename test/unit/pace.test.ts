/**
 * The pace behind the page a project manager opens (src/core/pace.ts): the burn-up read from
 * item histories, the plan the due dates draw, the forecast at the last 14 days' pace, open
 * items per owner per week, and what opens next week. Pure: dates are given.
 */
import { describe, expect, it } from "vitest";
import { buildBoard } from "../../src/core/board.js";
import { indexCatalogue } from "../../src/core/catalogue.js";
import {
  closedSpans,
  mondayOf,
  openingNextWeek,
  ownerWeeks,
  PACE_DAYS,
  paceOf,
} from "../../src/core/pace.js";
import type { CatalogueFile } from "../../src/schema/catalogue.js";
import type { ItemState } from "../../src/schema/state.js";
import { board, GO_LIVE } from "../helpers/fixtures.js";

const done = (at: string): ItemState => ({ status: "done", at: `${at}T10:00:00Z` });

function pointOn(points: { date: string; closed: number; planned: number }[], date: string) {
  const p = points.find((x) => x.date === date);
  if (p === undefined) throw new Error(`no point on ${date}`);
  return p;
}

/** A catalogue of `n` items due `due` days from go-live, opening two weeks before that. */
function manyItems(n: number, due: (k: number) => number) {
  const file: CatalogueFile = {
    format: 1,
    name: "many",
    title: "Many",
    version: "1",
    categories: [{ id: "GEN", title: "General" }],
    phases: [{ id: "all", title: "All", opens: -70, due: 0 }],
    questions: [{ id: "old-shop", question: "Old shop?", answers: ["yes", "no"], default: "no" }],
    items: Array.from({ length: n }, (_, k) => ({
      id: `GEN-${k + 1}`,
      category: "GEN",
      phase: "all",
      title: `Item ${k + 1}`,
      summary: "s",
      due: due(k),
      opens: due(k) - 14,
    })),
  };
  return indexCatalogue(file);
}

describe("the burn-up", () => {
  it("counts an item closed from the day its history says, and open again when reopened", () => {
    const b = board(
      {
        "GEN-1": {
          status: "done",
          at: "2027-01-10T09:00:00Z",
          history: [{ status: "in-progress", at: "2027-01-05T09:00:00Z" }],
        },
        "CLO-1": {
          at: "2027-01-20T09:00:00Z",
          history: [{ status: "in-progress" }, { status: "done", at: "2027-01-12T09:00:00Z" }],
        },
      },
      "2027-02-10",
    );
    const { points, scope } = paceOf(b, b.items);
    expect(scope).toBe(5);
    expect(pointOn(points, "2027-01-09").closed).toBe(0);
    expect(pointOn(points, "2027-01-10").closed).toBe(1);
    expect(pointOn(points, "2027-01-12").closed).toBe(2);
    expect(pointOn(points, "2027-01-19").closed).toBe(2);
    expect(pointOn(points, "2027-01-20").closed).toBe(1);
  });

  it("draws the plan from the due dates, climbing to the scope", () => {
    const b = board({}, "2027-02-10");
    const { points } = paceOf(b, b.items);
    // First window opens at T-56; the chart ends a week after go-live.
    expect(points[0]!.date).toBe("2027-01-04");
    expect(points.at(-1)!.date).toBe("2027-03-08");
    expect(pointOn(points, "2027-01-31").planned).toBe(0);
    expect(pointOn(points, "2027-02-01").planned).toBe(2);
    expect(pointOn(points, "2027-02-22").planned).toBe(4);
    expect(pointOn(points, GO_LIVE).planned).toBe(5);
    expect(points.every((p) => p.closed === 0)).toBe(true);
  });

  it("runs to today when today is after the week after go-live", () => {
    const b = board({}, "2027-04-02");
    expect(paceOf(b, b.items).points.at(-1)!.date).toBe("2027-04-02");
  });

  it("starts at an earlier change, but at most 28 days before the first window", () => {
    const early = board({ "GEN-1": done("2026-12-20") }, "2027-02-10");
    expect(paceOf(early, early.items).points[0]).toEqual({
      date: "2026-12-20",
      closed: 1,
      planned: 0,
    });
    const stray = board({ "GEN-1": done("2019-05-01"), "GEN-2": { status: "done" } }, "2027-02-10");
    const { points } = paceOf(stray, stray.items);
    // The stray close and the undated one both count from the chart's first day.
    expect(points[0]).toEqual({ date: "2026-12-07", closed: 2, planned: 0 });
  });

  it("leaves out items the answers rule out, and counts items marked not applicable as closed", () => {
    const file = manyItems(3, () => -7);
    file.items[0]!.appliesWhen = { "old-shop": "yes" };
    const catalogue = indexCatalogue(file.file);
    const state = {
      golive: 1,
      catalogue: { name: "many" },
      goLive: GO_LIVE,
      items: {
        "GEN-2": { status: "not-applicable" as const, reason: "no", at: "2027-02-01T08:00:00Z" },
      },
    };
    const b = buildBoard(catalogue, state, "2027-02-10");
    const { points, scope, forecast } = paceOf(b, b.items);
    expect(scope).toBe(2);
    expect(points.at(-1)).toMatchObject({ closed: 1, planned: 2 });
    expect(pointOn(points, "2027-02-01").closed).toBe(1);
    expect(forecast.open).toBe(1);
  });

  it("reads spans from a history: same-day reopen leaves nothing, undated states count from the start", () => {
    expect(
      closedSpans(
        {
          status: "done",
          at: "2027-01-09",
          history: [
            { status: "done" },
            { status: "in-progress", at: "2027-01-03T10:00:00Z" },
            { status: "done", at: "2027-01-05T10:00:00Z" },
            { status: "todo", at: "2027-01-05T11:00:00Z" },
          ],
        },
        "2027-01-01",
      ),
    ).toEqual([{ from: "2027-01-01", to: "2027-01-03" }, { from: "2027-01-09" }]);
  });
});

describe("the forecast", () => {
  // Twenty items due a day apart from T-19 (2027-02-10) to T; today is T-19.
  const catalogue = manyItems(20, (k) => -19 + k);
  const today = "2027-02-10";
  function at(closedDays: string[], extra: Record<string, ItemState> = {}, on = today) {
    const items: Record<string, ItemState> = { ...extra };
    closedDays.forEach((day, k) => {
      items[`GEN-${20 - k}`] = done(day);
    });
    return buildBoard(
      catalogue,
      {
        golive: 1,
        catalogue: { name: "many" },
        goLive: GO_LIVE,
        settings: { weekendShift: false },
        items,
      },
      on,
    );
  }

  it("measures the pace over the last 14 days and dates the close of the open items", () => {
    // 7 closed within the last 14 days, 3 closed before them.
    const recent = [
      "2027-02-10",
      "2027-02-09",
      "2027-02-05",
      "2027-02-04",
      "2027-02-01",
      "2027-01-30",
      "2027-01-28",
    ];
    const b = at([...recent, "2027-01-20", "2027-01-21", "2027-01-26"]);
    const { forecast } = paceOf(b, b.items);
    expect(PACE_DAYS).toBe(14);
    expect(forecast.closedRecently).toBe(7);
    expect(forecast.perDay).toBe(0.5);
    expect(forecast.open).toBe(10);
    // 10 open at half an item a day: 20 days.
    expect(forecast.closesOn).toBe("2027-03-02");
    expect(forecast.dueByGoLive).toBe(10);
    expect(forecast.readyOn).toBe("2027-03-02");
    expect(forecast.onTime).toBe(false);
    // Open: GEN-1..GEN-10, due 2027-02-10 .. 2027-02-19, one a day. The k-th in line closes
    // on today + 2k: GEN-1 on 02-12 after its due date, every one after.
    expect(forecast.atRisk.map((v) => v.item.id)).toEqual(
      Array.from({ length: 10 }, (_, k) => `GEN-${k + 1}`),
    );
  });

  it("does not count a close that happened before the window", () => {
    const b = at(["2027-01-26", "2027-01-20"]);
    const { forecast } = paceOf(b, b.items);
    expect(forecast.closedRecently).toBe(0);
    expect(forecast.closesOn).toBeUndefined();
    expect(forecast.readyOn).toBeUndefined();
    expect(forecast.onTime).toBe(false);
    expect(forecast.atRisk).toHaveLength(18);
  });

  it("is on time when the pace closes every item by its due date", () => {
    // 10 closes in the 14 days to 02-05: an item every 1.4 days.
    const days = Array.from({ length: 10 }, (_, k) => `2027-01-${String(23 + k).padStart(2, "0")}`);
    const b = at(days, {}, "2027-02-05");
    const { forecast } = paceOf(b, b.items);
    expect(forecast.closedRecently).toBe(10);
    expect(forecast.open).toBe(10);
    // Item k (from 1) closes on today + ceil(1.4k): GEN-1 on 02-07 (due 02-10), GEN-10 on 02-19 (due 02-19).
    expect(forecast.closesOn).toBe("2027-02-19");
    expect(forecast.onTime).toBe(true);
    expect(forecast.atRisk).toEqual([]);
    // One close fewer (an item every 14/9 days): GEN-8, due 02-17, is reached on 02-18.
    const slower = at(days.slice(1), {}, "2027-02-05");
    expect(paceOf(slower, slower.items).forecast.atRisk.map((v) => v.item.id)).toEqual([
      "GEN-8",
      "GEN-9",
      "GEN-10",
      "GEN-11",
    ]);
  });

  it("counts a reopen against the pace, never below zero", () => {
    const reopened: ItemState = {
      at: "2027-02-08T10:00:00Z",
      history: [{ status: "done", at: "2027-01-10T10:00:00Z" }],
    };
    const b = at([], { "GEN-20": reopened, "GEN-19": reopened });
    expect(paceOf(b, b.items).forecast.closedRecently).toBe(0);
  });

  it("is on time with nothing open, and puts late items at risk first", () => {
    const all = at(Array.from({ length: 20 }, () => "2027-02-01"));
    expect(paceOf(all, all.items).forecast).toMatchObject({
      open: 0,
      closesOn: today,
      readyOn: today,
      onTime: true,
      atRisk: [],
    });
    const late = buildBoard(
      catalogue,
      {
        golive: 1,
        catalogue: { name: "many" },
        goLive: GO_LIVE,
        items: { "GEN-20": done("2027-02-14") },
      },
      "2027-02-15",
    );
    const { forecast } = paceOf(late, late.items);
    // 1 in 14 days: GEN-1..GEN-5 are late (due 02-10 .. 02-14), all at risk.
    expect(forecast.atRisk.slice(0, 5).map((v) => v.daysUntilDue < 0)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("judges go-live by the items due by then, not those due after it", () => {
    const after = manyItems(4, (k) => (k < 2 ? -3 : 5));
    const b = buildBoard(
      after,
      {
        golive: 1,
        catalogue: { name: "many" },
        goLive: GO_LIVE,
        items: { "GEN-1": done("2027-02-24") },
      },
      "2027-02-25",
    );
    const { forecast } = paceOf(b, b.items);
    // 1 in 14 days; GEN-2 due T-3 is reached in 14 days, GEN-3 and GEN-4 after go-live.
    expect(forecast.dueByGoLive).toBe(1);
    expect(forecast.readyOn).toBe("2027-03-11");
    expect(forecast.onTime).toBe(false);
  });
});

describe("open items per owner per week", () => {
  it("counts open items by owner and week of their due date, late ones apart", () => {
    const b = board(
      {
        "GEN-1": { owner: "Alex" },
        "GEN-2": { owner: "alex", status: "done" },
        "CLO-1": { owner: "Bo" },
        "CLO-2": { owner: "alex" },
      },
      "2027-02-10",
    );
    const { weeks, rows } = ownerWeeks(b, b.items);
    expect(weeks).toEqual(["2027-02-08", "2027-02-15", "2027-02-22", "2027-03-01"]);
    expect(rows).toEqual([
      { owner: "Alex", late: 1, perWeek: [0, 0, 1, 0], later: 0 },
      { owner: "Bo", late: 0, perWeek: [0, 0, 1, 0], later: 0 },
      { late: 0, perWeek: [0, 0, 0, 1], later: 0 },
    ]);
  });

  it("shows at most eight weeks and counts the rest as later", () => {
    const b = board({ "CLO-3": { owner: "__proto__" } }, "2026-11-02");
    const { weeks, rows } = ownerWeeks(b, b.items);
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toBe("2026-11-02");
    expect(rows[0]).toEqual({
      owner: "__proto__",
      late: 0,
      perWeek: [0, 0, 0, 0, 0, 0, 0, 0],
      later: 1,
    });
  });
});

describe("weeks", () => {
  it("finds the Monday of any day", () => {
    expect(mondayOf("2027-03-01")).toBe("2027-03-01");
    expect(mondayOf("2027-03-07")).toBe("2027-03-01");
    expect(mondayOf("2027-03-03")).toBe("2027-03-01");
    expect(mondayOf("2023-12-31")).toBe("2023-12-25");
  });

  it("lists the open items whose window opens next week, by opening day", () => {
    // The two-weeks phase opens 2027-02-15 (a Monday); go-live day opens 2027-03-01.
    const b = board({ "CLO-2": { status: "done" } }, "2027-02-10");
    const next = openingNextWeek(b, b.items);
    expect(next.from).toBe("2027-02-15");
    expect(next.to).toBe("2027-02-21");
    expect(next.items.map((v) => v.item.id)).toEqual(["CLO-1"]);
  });
});
