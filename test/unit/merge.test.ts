/**
 * core/merge.ts, pure: what a merge does with each kind of disagreement. A field only one side
 * changed keeps that change; a documented rule settles some disagreements and says so
 * (`settled`); the rest are conflicts a person settles (`conflict`, with both sides' items).
 */
import { describe, expect, test } from "vitest";
import { mergeStates } from "../../src/core/merge.js";
import { mergeItem } from "../../src/core/merge-item.js";
import { mergeLog } from "../../src/core/merge-log.js";
import { renderSettled } from "../../src/render/resolve.js";
import type { ItemState, StateData } from "../../src/schema/state.js";

describe("mergeStates", () => {
  const base: StateData = {
    golive: 1,
    catalogue: { name: "spryker-cloud" },
    goLive: "2027-03-01",
    items: { "GEN-01": {}, "CLO-01": { owner: "Ana" } },
  };

  test("lists merge as sets in one pass: 20,000 entries each side added, each once, in order", () => {
    // verify.allow in a 2 MiB golive.yaml: compared entry by entry, 20,000 took minutes.
    const entries = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        path: `vendor/p${String(from + i).padStart(5, "0")}/**`,
        reason: "third-party",
      }));
    const shared = entries(0, 10);
    const allow = (list: { path: string; reason: string }[]): StateData => ({
      ...base,
      verify: { allow: list },
    });
    const started = performance.now();
    const merged = mergeStates(
      allow(shared),
      allow([...shared.slice(1), ...entries(10, 10_010)]),
      allow([...shared, ...entries(10_005, 20_010)]),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    // One side removed the first entry; both added 10,005-10,009: once, sorted after the kept.
    expect(merged.state.verify?.allow).toEqual([...shared.slice(1), ...entries(10, 20_010)]);
  });

  test("two renames, or two closes: a conflict a person settles, not a failed merge", () => {
    const renamed = (to: string, by: string): StateData => ({
      ...base,
      name: to,
      renames: [{ to, by, at: "2027-02-01" }],
    });
    const names = mergeStates(base, renamed("Shop A", "Ana"), renamed("Shop B", "Bo"));
    expect(names.ok).toBe(true);
    if (!names.ok) return;
    expect(names.projectConflicts).toEqual([{ key: "name", ours: "Shop A", theirs: "Shop B" }]);
    expect(names.state.name).toBe("Shop A");
    expect(names.state.renames?.map((r) => r.to)).toEqual(["Shop A", "Shop B"]);
    const closed = (on: string): StateData => ({ ...base, closed: { on, by: "Ana" } });
    const closes = mergeStates(base, closed("2027-03-02"), closed("2027-03-03"));
    expect(closes.ok && closes.projectConflicts.map((p) => p.key)).toEqual(["closed"]);
    // One side's rename the other did not touch is simply taken.
    const one = mergeStates(base, renamed("Shop A", "Ana"), base);
    expect(one.ok && [one.state.name, one.projectConflicts]).toEqual(["Shop A", []]);
  });

  test("a close on one side and an item reopened on the other: both kept, and said, in either direction", () => {
    const done: StateData = {
      ...base,
      items: { "GEN-01": { status: "done" }, "CLO-01": { status: "done" }, "CLO-02": {} },
    };
    const closing: StateData = {
      ...done,
      closed: {
        on: "2027-03-10",
        by: "Ana",
        at: "2027-03-10",
        left: [{ id: "clo-2", reason: "x" }],
      },
    };
    const reopening: StateData = {
      ...done,
      items: {
        ...done.items,
        "GEN-01": { status: "todo", by: "Bo", at: "2027-03-09" },
        "CLO-01": { status: "done", owner: "Bo", by: "Bo", at: "2027-03-09" },
        "CLO-02": { owner: "Bo" },
      },
    };
    for (const [ours, theirs] of [
      [closing, reopening],
      [reopening, closing],
    ] as const) {
      const m = mergeStates(done, ours, theirs);
      expect(m.ok).toBe(true);
      if (!m.ok) return;
      expect(m.state.closed?.on).toBe("2027-03-10");
      expect(m.state.items?.["GEN-01"]?.status).toBe("todo");
      // Only GEN-01: CLO-01 stays done, CLO-02 the close leaves open (by any spelling of its ID).
      expect(m.settled.map((s) => [s.id, s.rule])).toEqual([["GEN-01", "open-after-close"]]);
      const said = renderSettled(m.settled, "golive merge-driver: ");
      expect(said).toContain(
        `GEN-01: ${ours === closing ? "ours closed the project on 2027-03-10 (Ana, 2027-03-10), theirs made it todo (Bo, 2027-03-09)" : "ours made it todo (Bo, 2027-03-09), theirs closed the project on 2027-03-10 (Ana, 2027-03-10)"}`,
      );
      expect(said).toContain("check passes over it");
    }
    // A close both sides share, or none, says nothing of the kind.
    const both = mergeStates(closing, closing, { ...closing, items: reopening.items });
    expect(both.ok && both.settled).toEqual([]);
  });

  test("takes the one side that changed an item, and removals the other side left alone", () => {
    const ours = { ...base, items: { "GEN-01": { status: "done" as const } } };
    const theirs = { ...base, items: { ...base.items, "CLO-01": { owner: "Bo" } } };
    const result = mergeStates(base, ours, theirs);
    expect(result.ok && result.state.items).toEqual({
      "GEN-01": { status: "done" },
      "CLO-01": { owner: "Bo" },
    });
    expect(result.ok && [result.conflicts, result.settled]).toEqual([[], []]);
  });

  test("refuses when both sides changed the catalogue differently", () => {
    const ours = { ...base, catalogue: { name: "a" } };
    const theirs = { ...base, catalogue: { name: "b" } };
    expect(mergeStates(base, ours, theirs)).toEqual({
      ok: false,
      reasons: ["both sides changed catalogue.name, differently"],
    });
  });

  test("an item both sides changed differently is a conflict; the state holds ours' side", () => {
    const ours = {
      ...base,
      items: { ...base.items, "CLO-01": { owner: "Sam", by: "Sam", at: "2027-03-02" } },
    };
    const theirs = {
      ...base,
      items: { ...base.items, "CLO-01": { owner: "Priya", by: "Priya", at: "2027-03-03" } },
    };
    const result = mergeStates(base, ours, theirs);
    if (!result.ok) throw new Error(result.reasons.join("; "));
    expect(result.conflicts.map((c) => [c.id, c.fields])).toEqual([["CLO-01", ["owner"]]]);
    expect(result.state.items?.["CLO-01"]).toMatchObject({ owner: "Sam", by: "Sam" });
    expect(result.conflicts[0]!.take.theirs).toMatchObject({ owner: "Priya", by: "Priya" });
  });
});

describe("mergeLog", () => {
  const [A, B, C, D, X] = [
    { to: "A", at: "2027-01-01" },
    { to: "B", at: "2027-01-02" },
    { to: "C", at: "2027-01-03" },
    { to: "D", at: "2027-01-04" },
    { to: "X", at: "2027-01-02" },
  ];

  test("a changed entry ends the common prefix: nothing lost, nothing doubled", () => {
    expect(mergeLog([A, B, C], [A, X, C, D], [A, B, C])).toEqual([A, X, C, D]);
    expect(mergeLog([A, B, C], [A, B, C], [A, X, C, D])).toEqual([A, X, C, D]);
  });

  test("both sides' new entries, once each, by time", () => {
    const E = { to: "E", at: "2027-01-05" };
    expect(mergeLog([A], [A, E, C], [A, B, C])).toEqual([A, B, C, E]);
  });

  test("a long history whose first entry one side corrected merges in one pass", () => {
    // 10,000 distinct entries (golive.yaml's 2 MiB holds twice as many): compared entry by
    // entry, as before, 20,000 took 82 s of CPU (quadratic: 10,000 about a quarter); now 0.3 s.
    const log = Array.from({ length: 10_000 }, (_, i) => ({
      to: `T${i}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }));
    const corrected = [{ ...log[0]!, to: "fixed" }, ...log.slice(1)];
    const added = { to: "new", at: "2027-01-01T00:00:00.000Z" };
    const started = performance.now();
    const merged = mergeLog(log, corrected, [...log, added]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(merged).toEqual([...corrected, added]);
  });
});

describe("mergeItem: fields only one side changed", () => {
  test("each side's change is kept, and each side's state is in the history with its author", () => {
    const m = mergeItem(
      { owner: "Ana" },
      { owner: "Cy", by: "A", at: "2027-01-04T10:00:00+01:00" },
      { owner: "Ana", status: "done", by: "B", at: "2027-01-04T10:00:00Z" },
      "GEN-01",
    );
    expect(m.conflict).toBeUndefined();
    expect(m.settled).toEqual([]);
    // The item holds both sides' words: both names, the later time (10:00Z is after 10:00+01:00).
    expect(m.item).toMatchObject({ owner: "Cy", status: "done", by: "A + B" });
    expect(m.item.at).toBe("2027-01-04T10:00:00Z");
    expect(m.item.history).toEqual([
      { owner: "Cy", by: "A", at: "2027-01-04T10:00:00+01:00" },
      { status: "done", owner: "Ana", by: "B", at: "2027-01-04T10:00:00Z" },
    ]);
  });

  test("the stamp moves as a pair: who goes with when", () => {
    const m = mergeItem(
      { owner: "Ana", by: "Ana", at: "2027-01-01" },
      { owner: "Ana", note: "n", by: "Bo", at: "2027-01-02" },
      { owner: "Cy", by: "Ana", at: "2027-01-03" },
    );
    expect(m.item).toMatchObject({ owner: "Cy", note: "n", by: "Bo + Ana", at: "2027-01-03" });
  });

  test("the same note written on both sides is kept once, and needs no rule", () => {
    const m = mergeItem(
      {},
      { note: "n", status: "done", at: "2027-01-02" },
      { note: "n", at: "2027-01-03" },
    );
    expect(m.item.note).toBe("n");
    expect(m.settled).toEqual([]);
  });
});

describe("mergeItem: disagreements a rule settles, and says so", () => {
  test("done beats todo and in progress, whoever is later; the other side is history", () => {
    const started: ItemState = { status: "in-progress", by: "Priya", at: "2027-03-03" };
    const done: ItemState = { status: "done", by: "Sam", at: "2027-03-02" };
    for (const [ours, theirs, kept] of [
      [started, done, "theirs"],
      [done, started, "ours"],
    ] as const) {
      const m = mergeItem({}, ours, theirs, "CLO-01");
      expect(m.conflict).toBeUndefined();
      expect(m.item).toMatchObject({ status: "done", by: "Sam", at: "2027-03-02" });
      expect(m.item.history).toEqual([started]);
      expect(m.settled).toEqual([
        {
          id: "CLO-01",
          rule: "further-along",
          kept,
          ours: { value: ours.status, by: ours.by, at: ours.at },
          theirs: { value: theirs.status, by: theirs.by, at: theirs.at },
        },
      ]);
    }
  });

  test("two notes are both kept, the earlier first; each author keeps their own note", () => {
    const sam: ItemState = { note: "Sam runs E2E", by: "Sam Taylor", at: "2027-03-02" };
    const priya: ItemState = { note: "Priya runs E2E", by: "Priya", at: "2027-03-03" };
    const m = mergeItem({}, priya, sam, "TES-11");
    expect(m.item).toMatchObject({
      note: "Sam runs E2E\nPriya runs E2E",
      by: "Sam Taylor + Priya",
      at: "2027-03-03",
    });
    // Never one person's name on another's note.
    expect(m.item.history).toEqual([sam, priya]);
    expect(m.settled.map((s) => [s.rule, s.kept])).toEqual([["both-notes", undefined]]);
  });

  test("names joined by an earlier merge are not repeated", () => {
    const m = mergeItem(
      {},
      { note: "x", by: "Ana + Bo", at: "2027-01-05" },
      { note: "y", by: "Bo", at: "2027-01-06" },
    );
    expect(m.item.by).toBe("Ana + Bo");
  });

  test("the same status for two reasons keeps both reasons", () => {
    const m = mergeItem(
      {},
      { status: "blocked", reason: "VPN", by: "Ana", at: "2027-01-05" },
      { status: "blocked", reason: "no diagram", by: "Bo", at: "2027-01-06" },
      "CLO-01",
    );
    expect(m.conflict).toBeUndefined();
    expect(m.item).toMatchObject({ status: "blocked", reason: "VPN\nno diagram" });
    expect(m.settled.map((s) => s.rule)).toEqual(["both-reasons"]);
  });

  test("both sides waived: the later waiver wins by its own time, the other is history", () => {
    const earlier = { reason: "r1", until: "2027-02-01", by: "Klaus", at: "2027-01-05" };
    const later = { reason: "r2", until: "2027-02-15", by: "Ana", at: "2027-01-06" };
    // Ours' item change is later, but theirs' waiver is.
    const m = mergeItem(
      {},
      { status: "done", at: "2027-01-07", waiver: earlier },
      { waiver: later },
      "TR-03",
    );
    expect(m.conflict).toBeUndefined();
    expect(m.item).toMatchObject({ status: "done", at: "2027-01-07", waiver: later });
    expect(m.item.history).toEqual([
      { waiver: { reason: "r1", until: "2027-02-01" }, by: "Klaus", at: "2027-01-05" },
    ]);
    expect(m.settled.map((s) => [s.rule, s.kept])).toEqual([["later-waiver", "theirs"]]);
  });

  test("verify's and probe's evidence: the worse result stays, whichever is later, in both directions", () => {
    const base: ItemState = { status: "done", by: "Jo", at: "2027-03-02" };
    // probe --record on one branch saw basic auth on the live host; verify --record on the
    // other, a day later, read the deploy file, which has none.
    const probe = {
      result: "fail" as const,
      code: "auth-basic-live",
      args: { subject: "www.shop.example" },
      at: "2027-03-01T10:00:00.000Z",
      source: "probe" as const,
    };
    const verify = { result: "pass" as const, code: "storefront-open", at: "2027-03-02" };
    for (const [ours, theirs, kept] of [
      [probe, verify, "ours"],
      [verify, probe, "theirs"],
    ] as const) {
      const m = mergeItem(
        base,
        { ...base, evidence: ours },
        { ...base, evidence: theirs },
        "CLO-17",
      );
      expect(m.conflict).toBeUndefined();
      expect(m.item.evidence).toEqual(probe);
      expect(m.settled.map((s) => [s.rule, s.kept])).toEqual([["worse-evidence", kept]]);
      // Each side is named by its evidence's own time, not by the item's last change.
      const sides = m.settled[0]!;
      expect([sides.ours.at, sides.theirs.at]).toEqual([ours.at, theirs.at]);
      expect([sides.ours.by, sides.theirs.by]).toEqual([undefined, undefined]);
    }
    // Two records of one command: the later one, as before.
    const older = { ...verify, result: "fail" as const, at: "2027-03-01" };
    const m = mergeItem(base, { ...base, evidence: older }, { ...base, evidence: verify });
    expect(m.item.evidence).toEqual(verify);
    expect(m.settled.map((s) => s.rule)).toEqual(["later-evidence"]);
  });

  test("two records of one command the same day: neither is later, the worse stays, in both directions", () => {
    const base: ItemState = { status: "done", by: "Jo", at: "2027-01-04" };
    // verify --record on two branches on one day: one composer.lock pins twig back.
    const pass = { result: "pass" as const, code: "composer-ok", at: "2027-01-05" };
    const fail = { result: "fail" as const, code: "composer-old", at: "2027-01-05" };
    for (const [ours, theirs, kept] of [
      [pass, fail, "theirs"],
      [fail, pass, "ours"],
    ] as const) {
      const m = mergeItem(
        base,
        { ...base, evidence: ours },
        { ...base, evidence: theirs },
        "APP-03",
      );
      expect(m.conflict).toBeUndefined();
      expect(m.item.evidence).toEqual(fail);
      expect(m.settled.map((s) => [s.rule, s.kept])).toEqual([["worse-same-day", kept]]);
      expect(renderSettled(m.settled)).toContain(
        "both were recorded the same day, so neither is later: the worse result stays",
      );
    }
  });
});

describe("mergeItem: disagreements a person settles", () => {
  test("done on one side, blocked on the other: a conflict with each side's item", () => {
    const done: ItemState = { status: "done", by: "Sam", at: "2027-03-02" };
    const blocked: ItemState = {
      status: "blocked",
      reason: "diagram missing the payment provider's VPN",
      by: "Priya",
      at: "2027-03-03",
    };
    const m = mergeItem({}, done, blocked, "CLO-01");
    expect(m.settled).toEqual([]);
    expect(m.conflict).toMatchObject({ id: "CLO-01", fields: ["status"] });
    expect(m.conflict!.sides).toEqual({ ours: done, theirs: blocked });
    // Whichever side a person takes, the other's state stays in the history with its author.
    expect(m.conflict!.take.ours).toMatchObject({ status: "done", by: "Sam" });
    expect(m.conflict!.take.ours.history).toEqual([blocked]);
    expect(m.conflict!.take.theirs).toMatchObject(blocked);
    expect(m.conflict!.take.theirs.history).toEqual([done]);
    expect(m.item).toEqual(m.conflict!.take.ours);
  });

  test("two owners: a conflict on the owner; a field only one side changed is in both takes", () => {
    const m = mergeItem(
      { owner: "Ana" },
      { owner: "Sam", note: "n", by: "Sam", at: "2027-03-02" },
      { owner: "Priya", status: "in-progress", by: "Priya", at: "2027-03-03" },
      "TES-11",
    );
    expect(m.conflict?.fields).toEqual(["owner"]);
    expect(m.conflict!.take.ours).toMatchObject({ owner: "Sam", note: "n", status: "in-progress" });
    expect(m.conflict!.take.theirs).toMatchObject({
      owner: "Priya",
      note: "n",
      status: "in-progress",
    });
  });

  test("the side a person takes keeps its own time, also when the item holds both sides' words (and both names)", () => {
    // Ours is the later change; both notes are kept; the status is theirs to choose.
    const ours: ItemState = { status: "done", note: "a", by: "Sam", at: "2027-03-04" };
    const theirs: ItemState = {
      status: "blocked",
      reason: "vendor",
      note: "b",
      by: "Priya",
      at: "2027-03-03",
    };
    const m = mergeItem({}, ours, theirs, "CLO-01");
    expect(m.conflict?.fields).toEqual(["status"]);
    expect(m.conflict!.take.theirs).toMatchObject({
      status: "blocked",
      reason: "vendor",
      note: "b\na",
      by: "Priya + Sam",
      at: "2027-03-03",
    });
    expect(m.conflict!.take.ours).toMatchObject({
      status: "done",
      note: "b\na",
      by: "Priya + Sam",
      at: "2027-03-04",
    });
    // Each side's own state stays in the history with its author.
    expect(m.conflict!.take.theirs.history).toEqual([theirs, ours]);
  });

  test("two notes too long to keep both are a conflict, not a cut", () => {
    const long = (c: string) => c.repeat(6_000);
    const m = mergeItem({}, { note: long("a") }, { note: long("b") }, "GEN-01");
    expect(m.conflict?.fields).toEqual(["note"]);
  });
});
