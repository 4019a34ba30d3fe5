/**
 * Comments in golive.yaml survive a merge from both sides, whichever branch is merged into
 * which (issue 18): io/comment-merge.ts through the merge the driver and `resolve` run.
 */
import { describe, expect, test } from "vitest";
import { mergeCommentText } from "../../src/io/comment-merge.js";
import { mergeStateTexts } from "../../src/io/state-merge.js";
import { initRepo, read } from "../helpers/cli.js";

describe("comments in a merge", () => {
  test("both sides' new comments survive, in either direction", async () => {
    const base = read(await initRepo());
    const comment = (text: string, id: string, line: string) =>
      text.replace(new RegExp(`^( {2}${id}:)`, "m"), `  # ${line}\n$1`);
    const ours = comment(base, "CLO-02", "OURS-COMMENT").replace(
      "  GEN-01: {}",
      "  GEN-01: { status: done }",
    );
    const theirs = comment(base, "CLO-01", "THEIRS-COMMENT");
    expect(ours).toContain("# OURS-COMMENT");
    expect(theirs).toContain("# THEIRS-COMMENT");
    const v = (text: string, what: string) => ({ text, what });
    for (const [a, b] of [
      [ours, theirs],
      [theirs, ours],
    ] as const) {
      const merged = mergeStateTexts(v(base, "base"), v(a, "ours"), v(b, "theirs"), ".", "x");
      if (merged.kind !== "merged") throw new Error(JSON.stringify(merged));
      expect(merged.text).toMatch(/# THEIRS-COMMENT\n {2}CLO-01:/);
      expect(merged.text).toMatch(/# OURS-COMMENT\n {2}CLO-02:/);
      expect(merged.state.items?.["GEN-01"]).toEqual({ status: "done" });
    }
  });

  test("a comment both sides changed: what either removed goes, what either added stays, the same both ways", () => {
    const cases: [
      string | undefined,
      string | undefined,
      string | undefined,
      string | undefined,
    ][] = [
      ["a\nb", "a\nb\nours", "b\ntheirs", "b\nours\ntheirs"],
      ["a", "a", "t", "t"],
      ["a", "o", "a", "o"],
      ["a", undefined, "a\nt", "t"],
      [undefined, "o", "t", "o\nt"],
      ["x\ny", "x\nnew\ny", "x\ny\nz", "x\nnew\ny\nz"],
    ];
    for (const [base, ours, theirs, merged] of cases) {
      expect(mergeCommentText(base, ours, theirs)).toBe(merged);
      expect(mergeCommentText(base, theirs, ours)).toBe(merged);
    }
  });
});
