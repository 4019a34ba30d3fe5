/**
 * The merge does not depend on its direction, and never picks between two go-live dates:
 * core/merge.ts over generated states in both directions, and the merge driver's file for a
 * go-live conflict.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { canonical } from "../src/core/compare.js";
import { mergeStates } from "../src/core/merge.js";
import { type ItemMerge, mergeItem, type Side } from "../src/core/merge-item.js";
import type { ItemState, StateData } from "../src/schema/state.js";
import { golive, initRepo, tempDir } from "./helpers/cli.js";

const DAYS = ["2027-01-05", "2027-01-06"];

const flipped = (side: Side | undefined): Side | undefined =>
  side === undefined ? undefined : side === "ours" ? "theirs" : "ours";

/**
 * A merge of one item as it reads whichever side is ours: each side's take (the one item when
 * nothing is in conflict) and what rules settled, named from ours' side, or from theirs' when
 * `flip` (the merge in the other direction).
 */
function directionless(m: ItemMerge, flip = false): unknown {
  const [o, t] = m.conflict ? [m.conflict.take.ours, m.conflict.take.theirs] : [m.item, m.item];
  return {
    ours: flip ? t : o,
    theirs: flip ? o : t,
    fields: m.conflict?.fields,
    settled: m.settled.map((s) => ({
      rule: s.rule,
      kept: flip ? flipped(s.kept) : s.kept,
      ours: flip ? s.theirs : s.ours,
      theirs: flip ? s.ours : s.theirs,
    })),
  };
}

const entry = fc.record(
  {
    status: fc.constantFrom("in-progress", "blocked", "done", "not-applicable" as const),
    owner: fc.constantFrom("Ana", "Bo"),
    by: fc.constantFrom("Ana", "Bo"),
    at: fc.constantFrom(...DAYS),
  },
  { requiredKeys: ["at"] },
);

/** An item's state as golive writes it: a reason only with a status that needs one. */
const item: fc.Arbitrary<ItemState> = fc
  .record(
    {
      status: fc.constantFrom("in-progress", "blocked", "done", "not-applicable" as const),
      owner: fc.constantFrom("Ana", "Bo", "Cy"),
      note: fc.constantFrom("n1", "n2", "a\nb"),
      reason: fc.constantFrom("r1", "r2"),
      by: fc.constantFrom("Ana", "Bo"),
      at: fc.constantFrom(...DAYS, "2027-01-05T10:00:00Z"),
      history: fc.array(entry, { maxLength: 2 }),
      waiver: fc.record({
        reason: fc.constantFrom("w1", "w2"),
        until: fc.constantFrom("2027-02-01", "2027-02-08"),
        at: fc.constantFrom(...DAYS),
      }),
    },
    { requiredKeys: [] },
  )
  .map((s) => {
    const state = { ...s } as ItemState;
    if (state.status !== "blocked" && state.status !== "not-applicable") delete state.reason;
    if (state.history?.length === 0) delete state.history;
    return state;
  });

/** Two sides' versions of one item: each the base, or the base with its own change. */
const sides = fc.tuple(item, item, item, fc.boolean(), fc.boolean());

const state = (items: Record<string, ItemState>, slips: unknown[], goLive: string) =>
  ({
    golive: 1,
    catalogue: { name: "spryker-cloud" },
    goLive,
    ...(slips.length > 0 ? { slips } : {}),
    items,
  }) as StateData;

describe("the merge reads the same in both directions", () => {
  test("same-day edits: done on one side, not applicable on the other", () => {
    const base: ItemState = {};
    const done: ItemState = { status: "done", by: "Ana", at: "2027-01-05" };
    const skipped: ItemState = {
      status: "not-applicable",
      reason: "no B2C store",
      by: "Bo",
      at: "2027-01-05",
    };
    const one = mergeItem(base, done, skipped);
    const other = mergeItem(base, skipped, done);
    expect(canonical(directionless(one))).toBe(canonical(directionless(other, true)));
    // No rule puts done over n/a: a person chooses, and either choice keeps the other side.
    expect(one.conflict?.fields).toEqual(["status"]);
    expect(one.conflict?.take.ours).toMatchObject({ status: "done", history: [skipped] });
    expect(one.conflict?.take.theirs).toMatchObject({ ...skipped, history: [done] });
  });

  test("mergeItem, over generated items and same-day times", () => {
    fc.assert(
      fc.property(sides, ([base, a, b, changeA, changeB]) => {
        const ours = changeA ? a : base;
        const theirs = changeB ? b : base;
        expect(canonical(directionless(mergeItem(base, ours, theirs)))).toBe(
          canonical(directionless(mergeItem(base, theirs, ours), true)),
        );
      }),
      { numRuns: 500 },
    );
  });

  const slip = fc.record({
    from: fc.constant("2027-03-01"),
    to: fc.constantFrom("2027-03-08", "2027-03-15"),
    reason: fc.constantFrom("a", "b"),
    at: fc.constantFrom(...DAYS),
  });
  test("mergeStates, over generated states: items, slips, go-live, verify.allow", () => {
    const keys = ["GEN-01", "CLO-01", "CLO-02"];
    const side = fc.record({
      items: fc.dictionary(fc.constantFrom(...keys), item),
      slips: fc.array(slip, { maxLength: 2 }),
      goLive: fc.constantFrom("2027-03-01", "2027-03-08"),
      allow: fc.subarray(["a.php", "b.php", "c.php"]),
    });
    fc.assert(
      fc.property(side, side, side, (o, a, b) => {
        const build = (s: typeof o, base?: StateData) => {
          // Every side keeps the base's entries (golive never removes one).
          const items = { ...(base?.items ?? {}), ...s.items } as Record<string, ItemState>;
          const built = state(items, s.slips, s.goLive);
          if (s.allow.length > 0)
            built.verify = { allow: s.allow.map((path) => ({ path, reason: "r" })) };
          return built;
        };
        const base = build(o);
        const [ours, theirs] = [build(a, base), build(b, base)];
        const one = mergeStates(base, ours, theirs);
        const other = mergeStates(base, theirs, ours);
        expect(one.ok).toBe(other.ok);
        if (!one.ok || !other.ok) {
          expect(one).toEqual(other);
          return;
        }
        // Each side's result holds its own side of every conflict: the go-live date, and each
        // item both changed differently, which the conflict holds both takes of.
        const rest = (r: typeof one, flip: boolean) => {
          const items = { ...r.state.items };
          for (const c of r.conflicts) delete items[c.id];
          // In the order of ours' file: compared as a set.
          const conflicts = [...r.conflicts]
            .sort((x, y) => (x.id < y.id ? -1 : 1))
            .map((c) => [
              c.id,
              c.fields,
              flip ? c.take.theirs : c.take.ours,
              flip ? c.take.ours : c.take.theirs,
            ]);
          return { ...r.state, goLive: "", items, conflicts };
        };
        expect(canonical(rest(one, false))).toBe(canonical(rest(other, true)));
        if (one.goLiveConflict) {
          expect(other.goLiveConflict).toEqual({
            ours: one.goLiveConflict.theirs,
            theirs: one.goLiveConflict.ours,
          });
        } else {
          expect(other.goLiveConflict).toBeUndefined();
          expect(one.state.goLive).toBe(other.state.goLive);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("two different go-live dates", () => {
  const base = state({ "GEN-01": {} }, [], "2027-03-01");

  test("are a conflict, whatever the slips say; one side's move is taken", () => {
    const slipA = { from: "2027-03-01", to: "2027-03-15", at: "2027-01-04" };
    const slipB = { from: "2027-03-01", to: "2027-03-22", at: "2027-01-05" };
    const ours = { ...state({ "GEN-01": { status: "done" as const } }, [slipA], "2027-03-15") };
    const theirs = state({ "GEN-01": {} }, [slipB], "2027-03-22");
    const result = mergeStates(base, ours, theirs);
    expect(result.ok && result.goLiveConflict).toEqual({
      ours: "2027-03-15",
      theirs: "2027-03-22",
    });
    // Everything else is merged: both slips, ours' item.
    expect(result.ok && result.state.slips).toEqual([slipA, slipB]);
    expect(result.ok && result.state.items?.["GEN-01"]).toEqual({ status: "done" });
    const oneSide = mergeStates(base, base, theirs);
    expect(oneSide.ok && [oneSide.state.goLive, oneSide.goLiveConflict]).toEqual([
      "2027-03-22",
      undefined,
    ]);
  });

  test("the merge driver leaves that line in conflict, says why, and merges the rest", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
    const original = readFileSync(join(dir, "golive.yaml"), "utf8");
    const files = tempDir();
    mkdirSync(join(files, "x"));
    const write = (name: string, text: string) => {
      writeFileSync(join(files, name), text);
      return join(files, name);
    };
    const base = write("base", original);
    const run = async (args: string[]) =>
      golive(dir, args, { GOLIVE_TODAY: "2027-01-05" }).then((r) => {
        expect(r.code, r.stderr).toBe(0);
      });
    await run(["reschedule", "--date", "2027-03-15", "--by", "Ana"]);
    await run(["done", "GEN-01", "--by", "Ana"]);
    const ours = write("ours", readFileSync(join(dir, "golive.yaml"), "utf8"));
    writeFileSync(join(dir, "golive.yaml"), original);
    await run(["reschedule", "--date", "2027-03-22", "--by", "Bo"]);
    await run(["done", "CLO-01", "--by", "Bo"]);
    const theirs = write("theirs", readFileSync(join(dir, "golive.yaml"), "utf8"));

    const result = await golive(dir, ["merge-driver", base, ours, theirs, "golive.yaml"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "both sides moved go-live, to 2027-03-15 (ours) and 2027-03-22 (theirs)",
    );
    const merged = readFileSync(ours, "utf8");
    expect(merged).toContain(
      "<<<<<<< ours\ngoLive: 2027-03-15\n=======\ngoLive: 2027-03-22\n>>>>>>> theirs\n",
    );
    // Without the marker lines and one of the dates, it is the whole merge.
    const picked = parse(
      merged.replace(/<<<<<<< ours\ngoLive: 2027-03-15\n=======\n|>>>>>>> theirs\n/g, ""),
    );
    expect(picked.goLive).toBe("2027-03-22");
    expect(picked.items["GEN-01"]).toMatchObject({ status: "done", by: "Ana" });
    expect(picked.items["CLO-01"]).toMatchObject({ status: "done", by: "Bo" });
    expect(picked.slips.map((s: { to: string }) => s.to)).toEqual(["2027-03-15", "2027-03-22"]);
  });
});
