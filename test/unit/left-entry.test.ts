/**
 * A close's left-open entry found by a former ID that is another ID altogether (a team
 * catalogue's rename), not only by the same ID with other zeros or case: gate.test.ts's
 * `gen-8` for GEN-08 is found by its key alone, aliases or not.
 */
import { describe, expect, it } from "vitest";
import { leftEntryOf } from "../../src/core/gate.js";

describe("leftEntryOf", () => {
  it("finds an entry written under a former ID that golive upgrade renamed", () => {
    const closed = {
      on: "2027-03-10",
      left: [{ id: "ops-3", reason: "written before the rename" }],
    };
    expect(leftEntryOf(closed, { id: "APP-21", aliases: ["OPS-3"] })?.reason).toBe(
      "written before the rename",
    );
    expect(leftEntryOf(closed, { id: "APP-21" })).toBeUndefined();
    expect(leftEntryOf(closed, { id: "APP-22", aliases: ["OPS-4"] })).toBeUndefined();
  });
});
