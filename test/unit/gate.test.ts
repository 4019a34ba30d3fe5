import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY,
  failures,
  type GatePolicy,
  leftEntryOf,
  readyToTick,
  runGate,
} from "../../src/core/gate.js";
import type { ItemVerdict } from "../../src/core/verdict.js";
import type { ItemState } from "../../src/schema/state.js";
import { board } from "../helpers/fixtures.js";

// GEN-* are due 2027-02-01 (T-28), CLO-1/2 on 2027-02-22 (T-7), CLO-3 on 2027-03-01.
function codes(items: Record<string, ItemState>, today: string, policy: Partial<GatePolicy> = {}) {
  const b = board(items, today);
  const result = runGate(b.items, today, { ...DEFAULT_POLICY, ...policy });
  return {
    passed: result.passed,
    codes: Object.fromEntries(result.findings.map((f) => [f.view.item.id, f.code])),
    counts: result.counts,
  };
}

describe("the gate", () => {
  it("passes when nothing is past due, however close", () => {
    const r = codes({}, "2027-02-01");
    expect(r.passed).toBe(true);
    expect(r.codes["GEN-1"]).toBe("due-soon");
    expect(r.codes["CLO-1"]).toBe("open");
  });

  it("fails on an open item one day late, and not on a done or not-applicable one", () => {
    expect(codes({}, "2027-02-02")).toMatchObject({ passed: false, codes: { "GEN-1": "overdue" } });
    const r = codes(
      { "GEN-1": { status: "done" }, "GEN-2": { status: "not-applicable", reason: "no" } },
      "2027-02-02",
    );
    expect(r.passed).toBe(true);
    expect(r.codes).toMatchObject({ "GEN-1": "done", "GEN-2": "not-applicable" });
  });

  it("counts blocked and in-progress items as open", () => {
    const r = codes({ "GEN-1": { status: "blocked", reason: "r" } }, "2027-02-02");
    expect(r.codes["GEN-1"]).toBe("overdue");
  });

  it("warns within --warn-within days and never fails for it", () => {
    expect(codes({}, "2027-02-19", { warnWithin: 3 }).codes["CLO-1"]).toBe("due-soon");
    expect(codes({}, "2027-02-18", { warnWithin: 3 }).codes["CLO-1"]).toBe("open");
    expect(codes({}, "2027-02-18", { warnWithin: 4 }).codes["CLO-1"]).toBe("due-soon");
    expect(codes({}, "2027-02-22", { warnWithin: 0 }).codes["CLO-1"]).toBe("due-soon");
  });

  it("tolerates --grace days past due as warnings", () => {
    const done = { "GEN-1": { status: "done" as const }, "GEN-2": { status: "done" as const } };
    expect(codes(done, "2027-02-24", { grace: 2 })).toMatchObject({
      passed: true,
      codes: { "CLO-1": "overdue-grace" },
    });
    expect(codes(done, "2027-02-25", { grace: 2 })).toMatchObject({
      passed: false,
      codes: { "CLO-1": "overdue" },
    });
  });

  it("lets optional items warn, unless strict", () => {
    const items = { "GEN-1": { status: "done" as const } };
    expect(codes(items, "2027-02-02")).toMatchObject({
      passed: true,
      codes: { "GEN-2": "overdue-optional" },
    });
    expect(codes(items, "2027-02-02", { strict: true })).toMatchObject({
      passed: false,
      codes: { "GEN-2": "overdue" },
    });
  });

  it("passes a waived item through its until day and fails it again after", () => {
    const waiver = { reason: "accepted", until: "2027-02-10", by: "a", at: "2027-02-01" };
    const items = { "GEN-1": { waiver }, "GEN-2": { status: "done" as const } };
    expect(codes(items, "2027-02-10")).toMatchObject({
      passed: true,
      codes: { "GEN-1": "waived" },
    });
    expect(codes(items, "2027-02-11")).toMatchObject({
      passed: false,
      codes: { "GEN-1": "waiver-expired" },
    });
  });

  it("judges an item with an expired waiver like any other when it is not late", () => {
    const waiver = { reason: "r", until: "2027-01-10" };
    expect(codes({ "CLO-1": { waiver } }, "2027-02-01").codes["CLO-1"]).toBe("open");
  });

  it("counts verdicts", () => {
    const r = codes({ "GEN-2": { status: "not-applicable", reason: "r" } }, "2027-02-20");
    expect(r.counts).toEqual({ fail: 1, warn: 2, pass: 1, skip: 1 });
  });

  it("a done item whose check fails and never passed fails its check; a waiver accepts it until it expires", () => {
    const failing: ItemVerdict = {
      id: "CLO-1",
      title: "t",
      result: "fail",
      findings: [{ code: "file-missing", result: "fail", file: "x.yml" }],
    };
    const checks = new Map([["CLO-1", failing]]);
    const never = board({ "CLO-1": { status: "done" } }, "2027-02-01");
    const r = runGate(never.items, "2027-02-01", DEFAULT_POLICY, checks);
    const clo1 = (g: typeof r) => g.findings.find((f) => f.view.item.id === "CLO-1")!;
    expect(clo1(r)).toMatchObject({ verdict: "fail", code: "fails-check" });
    expect(failures(r).failsCheck.map((f) => f.view.item.id)).toEqual(["CLO-1"]);
    expect(failures(r).regressed).toEqual([]);
    const waiver = { reason: "reviewed: staging key", until: "2027-02-10", approver: "Ana" };
    const waived = board({ "CLO-1": { status: "done", waiver } }, "2027-02-01");
    expect(clo1(runGate(waived.items, "2027-02-10", DEFAULT_POLICY, checks))).toMatchObject({
      verdict: "skip",
      code: "check-waived",
    });
    expect(clo1(runGate(waived.items, "2027-02-11", DEFAULT_POLICY, checks))).toMatchObject({
      verdict: "fail",
      code: "fails-check",
      waiver: { expired: true },
    });
  });

  it("fails a done item whose repository check now fails (regressed), in the counts too", () => {
    const fail = (id: string): ItemVerdict => ({
      id,
      title: "t",
      result: "fail",
      findings: [{ code: "file-missing", result: "fail", file: "x.yml" }],
    });
    const pass = (id: string): ItemVerdict => ({ ...fail(id), result: "pass", findings: [] });
    const recorded = { result: "pass" as const, at: "2027-01-20", code: "file-present" };
    const b = board(
      { "CLO-1": { status: "done", evidence: recorded }, "CLO-2": { status: "done" } },
      "2027-02-01",
    );
    const checks = new Map([
      ["CLO-1", fail("CLO-1")],
      ["CLO-2", pass("CLO-2")],
      ["CLO-3", pass("CLO-3")],
      ["GEN-1", fail("GEN-1")],
    ]);
    const result = runGate(b.items, "2027-02-01", DEFAULT_POLICY, checks);
    const byId = Object.fromEntries(result.findings.map((f) => [f.view.item.id, f]));
    expect(byId["CLO-1"]).toMatchObject({ verdict: "fail", code: "regressed" });
    expect(byId["CLO-1"]!.check?.result).toBe("fail");
    expect(byId["CLO-2"]).toMatchObject({ verdict: "pass", code: "done" });
    // An open item's failing check is no regression: it is simply not done.
    expect(byId["GEN-1"]!.code).toBe("due-soon");
    expect(result).toMatchObject({ passed: false, verified: true, counts: { fail: 1 } });
    // CLO-3 passes its check, but its window opens on go-live day: not ready yet.
    expect(readyToTick(result).map((f) => f.view.item.id)).toEqual([]);
    const later = runGate(b.items, "2027-03-01", DEFAULT_POLICY, checks);
    expect(readyToTick(later).map((f) => f.view.item.id)).toEqual(["CLO-3"]);
    expect(runGate(b.items, "2027-02-01", DEFAULT_POLICY)).toMatchObject({
      passed: true,
      verified: false,
    });
  });
});

describe("leftEntryOf", () => {
  it("finds a close's entry by the ID in any case, with leading zeros, or a former ID", () => {
    const closed = {
      on: "2027-03-10",
      left: [
        { id: "gen-8", reason: "before the upgrade" },
        { id: "CLO-001", reason: "zeros" },
      ],
    };
    expect(leftEntryOf(closed, { id: "GEN-08", aliases: ["GEN-8"] })?.reason).toBe(
      "before the upgrade",
    );
    expect(leftEntryOf(closed, { id: "CLO-01" })?.reason).toBe("zeros");
    expect(leftEntryOf(closed, { id: "CLO-02" })).toBeUndefined();
    expect(
      leftEntryOf({ on: "2027-03-10", left: [{ id: "not an id", reason: "x" }] }, { id: "CLO-01" }),
    ).toBeUndefined();
  });
});
