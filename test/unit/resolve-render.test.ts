/**
 * What the merge driver and `golive resolve` say about a merge: each rule it applied, both
 * sides of a conflict side by side, and people's text escaped wherever it goes.
 */
import { describe, expect, test } from "vitest";
import { mergeItem } from "../../src/core/merge-item.js";
import { renderConflicts, renderSettled } from "../../src/render/resolve.js";
import { makeStyle } from "../../src/render/text.js";

const style = makeStyle(0, 200);

describe("a merge in words", () => {
  test("each rule says both sides, who and when, and which one stands", () => {
    const m = mergeItem(
      {},
      { status: "in-progress", by: "Ana", at: "2027-01-04" },
      { status: "done", by: "Bo", at: "2027-01-06" },
      "CLO-02",
    );
    expect(renderSettled(m.settled, "golive merge-driver: ")).toBe(
      "golive merge-driver: CLO-02: ours in progress (Ana, 2027-01-04), theirs done (Bo, 2027-01-06): the status further along wins (todo, in progress, done), so theirs is kept; the other side is in the item's history\n",
    );
  });

  test("a conflict side by side: the fields, each side's value, who changed it when", () => {
    const m = mergeItem(
      {},
      { owner: "Sam Taylor", by: "Sam Taylor", at: "2027-03-02" },
      { owner: "Priya", by: "Priya", at: "2027-03-03" },
      "TES-11",
    );
    const text = renderConflicts(style, [{ kind: "item", key: "TES-11", item: m.conflict! }]);
    expect(text).toMatch(/^TES-11\n/);
    expect(text).toMatch(/owner\s+│?\s*Sam Taylor\s+│?\s*Priya/);
    expect(text).toMatch(/changed by\s+│?\s*Sam Taylor, 2027-03-02\s+│?\s*Priya, 2027-03-03/);
  });

  test("people's text is escaped: a name or a note never runs as a terminal or CI command", () => {
    const hostile = "Eve\u001b[2J\n::error::Fake";
    const m = mergeItem(
      {},
      { note: "a", owner: hostile, by: hostile, at: "2027-01-04" },
      { note: "b", owner: "Bo", by: "Bo", at: "2027-01-05" },
      "GEN-01",
    );
    const said =
      renderSettled(m.settled) +
      renderConflicts(style, [{ kind: "item", key: "GEN-01", item: m.conflict! }]);
    expect(said).not.toContain("\u001b");
    // A name is one line, its line break shown as an escape; a workflow command never starts
    // a line (main.ts's ciSafe also guards every line printed).
    expect(said).toMatch(/owner\s+Eve\\x1b\[2J\\n::error::Fake\s+Bo/);
    expect(said).not.toMatch(/^\s*::error/m);
  });
});
