/**
 * Issue 20's pure pieces: the words and numbers every view shares.
 */
import { describe, expect, it } from "vitest";
import { emptyProgress } from "../../src/core/board.js";
import { percent } from "../../src/render/text.js";

describe("percentages", () => {
  const p = (closed: number, total: number) => percent({ ...emptyProgress(), closed, total });
  it("round to the nearest per cent", () => {
    expect(p(2, 3)).toBe(67);
    expect(p(1, 3)).toBe(33);
    expect(p(29, 84)).toBe(35);
  });
  it("never say 100 while an item is open, nor 0 once one is closed", () => {
    expect(p(199, 200)).toBe(99);
    expect(p(1, 300)).toBe(1);
    expect(p(0, 5)).toBe(0);
    expect(p(5, 5)).toBe(100);
  });
});
