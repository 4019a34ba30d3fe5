import { describe, expect, it } from "vitest";
import { mergeItem } from "../../src/core/merge-item.js";

describe("merging an item's tracker references", () => {
  it("keeps both sides' additions and either side's removals", () => {
    const base = { links: ["SHOP-1", "SHOP-2"], at: "2027-02-01" };
    const ours = { links: ["SHOP-1", "SHOP-2", "SHOP-3"], at: "2027-02-02" };
    const theirs = { links: ["SHOP-1", "https://github.com/a/b/issues/4"], at: "2027-02-03" };
    expect(mergeItem(base, ours, theirs).item.links).toEqual([
      "SHOP-1",
      "SHOP-3",
      "https://github.com/a/b/issues/4",
    ]);
  });
  it("one side removing every link keeps the other side's addition", () => {
    const base = { links: ["SHOP-1"] };
    expect(
      mergeItem(base, { links: ["SHOP-2"], at: "2027-02-02" }, { at: "2027-02-03" }).item.links,
    ).toEqual(["SHOP-2"]);
  });
});
