import { describe, expect, it } from "vitest";
import { indexCatalogue } from "../../src/core/catalogue.js";
import { idKey } from "../../src/core/ids.js";
import { schedule } from "../../src/core/schedule.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";

const catalogue = sprykerCatalogue();

function windowOf(goLive: string, id: string, weekendShift = true) {
  const window = schedule(catalogue, goLive, { weekendShift }).items.get(id);
  if (!window) throw new Error(`no window for ${id}`);
  return window;
}

describe("phase windows (go-live Monday 2027-03-01)", () => {
  it.each([
    ["GEN-01", "eight-weeks", "2027-01-04", "2027-02-01"],
    ["GEN-02", "four-weeks", "2027-02-01", "2027-02-15"],
    ["CLO-14", "two-weeks", "2027-02-15", "2027-02-22"],
    ["TES-12", "go-live", "2027-03-01", "2027-03-01"],
  ])("%s (%s) opens %s, due %s", (id, phase, opens, due) => {
    expect(catalogue.byKey.get(idKey(id)!)?.phase).toBe(phase);
    const window = windowOf("2027-03-01", id);
    expect([window.opens, window.due]).toEqual([opens, due]);
  });

  it("lists the phases with their windows", () => {
    expect(schedule(catalogue, "2027-03-01").phases.map((p) => [p.id, p.opens, p.due])).toEqual([
      ["eight-weeks", "2027-01-04", "2027-02-01"],
      ["four-weeks", "2027-02-01", "2027-02-15"],
      ["two-weeks", "2027-02-15", "2027-02-22"],
      ["go-live", "2027-03-01", "2027-03-01"],
    ]);
  });
});

describe("items whose own text sets their timing", () => {
  it.each([
    // Code freeze at least two weeks before go-live.
    ["GEN-03", "2027-03-01", "2027-02-15", "2027-02-15"],
    // Keep the old system for 72 hours after the switch.
    ["GEN-10", "2027-03-01", "2027-03-04", "2027-03-08"],
  ])("%s with go-live %s opens %s, due %s", (id, goLive, opens, due) => {
    const window = windowOf(goLive, id);
    expect([window.opens, window.due]).toEqual([opens, due]);
  });

  it.each([
    // Three days before the four-week window opens (T-28 - 3 = T-31).
    ["TES-05", "2027-01-29"],
    ["TES-06", "2027-01-29"],
    // Two weeks before it opens (T-42).
    ["TES-07", "2027-01-18"],
  ])("%s carries its advance notice as a reminder on %s", (id, date) => {
    expect(windowOf("2027-03-01", id).reminder?.date).toBe(date);
    expect(windowOf("2027-03-01", id).reminder?.text).toMatch(/Spryker/);
  });

  it("gives no reminder to items without advance notice", () => {
    expect(windowOf("2027-03-01", "TES-04").reminder).toBeUndefined();
  });
});

describe("the weekend rule", () => {
  it.each([
    // go-live, item, weekend shift, expected opens, expected due
    ["2027-02-28", "CLO-14", true, "2027-02-14", "2027-02-19"], // T-7 Sunday → Friday
    ["2027-02-28", "CLO-14", false, "2027-02-14", "2027-02-21"], // switched off
    ["2027-03-06", "CLO-14", true, "2027-02-20", "2027-02-26"], // T-7 Saturday → Friday
    ["2027-02-28", "GEN-01", true, "2027-01-03", "2027-01-29"], // T-28 Sunday → Friday
    ["2027-02-28", "TES-12", true, "2027-02-28", "2027-02-28"], // go-live day never moves
    ["2027-02-28", "GEN-10", true, "2027-03-03", "2027-03-07"], // after go-live never moves
    // Opening and due both T-14, a Sunday: the opening follows the due date back.
    ["2027-02-28", "GEN-03", true, "2027-02-12", "2027-02-12"],
  ] as const)("go-live %s: %s (shift %s) opens %s, due %s", (goLive, id, shift, opens, due) => {
    const window = windowOf(goLive, id, shift);
    expect([window.opens, window.due]).toEqual([opens, due]);
  });

  it("remembers the unmoved date", () => {
    expect(windowOf("2027-02-28", "CLO-14").dueUnshifted).toBe("2027-02-21");
    expect(windowOf("2027-03-01", "CLO-14").dueUnshifted).toBeUndefined();
  });

  it("moves reminders that fall on a weekend too", () => {
    // go-live Wed 2027-03-03: TES-05 reminder T-31 = Sun 2027-01-31 → Fri 2027-01-29.
    expect(windowOf("2027-03-03", "TES-05").reminder?.date).toBe("2027-01-29");
  });
});

describe("month, year and leap-day boundaries", () => {
  it.each([
    // Year boundary: go-live Sat 2027-01-09.
    ["2027-01-09", "GEN-01", "2026-11-14", "2026-12-11"],
    ["2027-01-09", "GEN-02", "2026-12-12", "2026-12-25"],
    ["2027-01-09", "CLO-14", "2026-12-26", "2027-01-01"],
    // Leap day as a due date: go-live Thu 2024-03-07, T-7 = Thu 2024-02-29.
    ["2024-03-07", "CLO-14", "2024-02-22", "2024-02-29"],
    // Across a leap day: go-live Wed 2028-03-01.
    ["2028-03-01", "CLO-14", "2028-02-16", "2028-02-23"],
    ["2028-03-01", "GEN-10", "2028-03-04", "2028-03-08"],
    // Across a non-leap February: go-live Mon 2027-03-01 → GEN-10 in March.
    ["2027-03-29", "GEN-01", "2027-02-01", "2027-03-01"],
  ])("go-live %s: %s opens %s, due %s", (goLive, id, opens, due) => {
    const window = windowOf(goLive, id);
    expect([window.opens, window.due]).toEqual([opens, due]);
  });
});

describe("phase windows follow the same rule as items", () => {
  it("never open after they are due when the due date moves off a weekend", () => {
    const custom = indexCatalogue({
      ...catalogue.file,
      phases: [{ id: "day", title: "One day", opens: -7, due: -7 }],
      items: [{ id: "X-1", category: "GEN", phase: "day", title: "x", summary: "x" }],
    });
    // go-live Sun 2027-02-28: T-7 is Sun 2027-02-21 → Fri 2027-02-19 for both.
    const plan = schedule(custom, "2027-02-28");
    expect(plan.phases[0]).toMatchObject({ opens: "2027-02-19", due: "2027-02-19" });
    expect(plan.items.get("X-1")).toMatchObject({ opens: "2027-02-19", due: "2027-02-19" });
  });
});
