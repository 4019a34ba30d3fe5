/**
 * Both branches renamed the project differently (or closed it differently): the merge of
 * golive.yaml leaves that line to a person, as it does an item's field, and `golive resolve
 * --take` settles it (the merge itself, in-process; git's own merge is test/unmerged.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mergeStateTexts, settledBy } from "../../src/io/state-merge.js";
import { conflictWords, renderChosen, renderConflicts } from "../../src/render/resolve.js";
import { makeStyle } from "../../src/render/text.js";
import { golive, initRepo, read } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-01-05" };

/** golive.yaml at the base, and after each side's own `golive ARGS`. */
async function sides(ours: string[], theirs: string[]): Promise<[string, string, string, string]> {
  const dir = await initRepo(["--date", "2027-03-01"], TODAY);
  const base = read(dir);
  const after = async (args: string[], by: string) => {
    writeFileSync(join(dir, "golive.yaml"), base);
    const r = await golive(dir, [...args, "--by", by], TODAY);
    expect(r.code, r.stderr).toBe(0);
    return read(dir);
  };
  return [dir, base, await after(ours, "Ana"), await after(theirs, "Bo")];
}

function merge(dir: string, base: string, ours: string, theirs: string) {
  return mergeStateTexts(
    { text: base, what: "the base version" },
    { text: ours, what: "our version" },
    { text: theirs, what: "their version" },
    dir,
    "golive.yaml",
  );
}

describe("a rename clash", () => {
  it("is a conflict on the name, settled by taking a side; both renames stay recorded", async () => {
    const [dir, base, ours, theirs] = await sides(["rename", "Shop A"], ["rename", "Shop B"]);
    const merged = merge(dir, base, ours, theirs);
    expect(merged.kind).toBe("conflicts");
    if (merged.kind !== "conflicts") return;
    expect(merged.conflicts.map((c) => [c.kind, c.key])).toEqual([["project", "name"]]);
    expect(merged.text).toMatch(
      /^<<<<<<< ours\nname: Shop A\n=======\nname: Shop B\n>>>>>>> theirs$/m,
    );
    const style = makeStyle(0, 100);
    const table = renderConflicts(style, merged.conflicts);
    expect(table).toContain("project name");
    expect(table).toMatch(/name +Shop A +Shop B/);
    expect(table).toMatch(/changed by +Ana, 2027-01-05 +Bo, 2027-01-05/);

    const taken = merged.settle(new Map([["name", "theirs"]]));
    expect(taken.state.name).toBe("Shop B");
    expect(taken.state.renames?.map((r) => r.to).sort()).toEqual(["Shop A", "Shop B"]);
    expect(taken.text).toContain("name: Shop B");
    expect(taken.text).not.toContain("<<<<<<<");
    // A person who edits the file to theirs' line has made the same choice.
    expect(settledBy(merged, taken.text)).toEqual(new Map([["name", "theirs"]]));
    expect(
      renderChosen(style, "golive.yaml", "merge", merged.conflicts, new Map([["name", "theirs"]])),
    ).toContain("the project's name: theirs (Bo, 2027-01-05)");
  });

  it("two different closes: the close is settled the same way", async () => {
    const [dir, base] = await sides(["rename", "Shop"], ["rename", "Shop"]);
    const close = (reason: string, by: string) =>
      `${base}closed:\n  on: 2027-01-05\n  reason: ${reason}\n  by: ${by}\n`;
    const merged = merge(dir, base, close("ours", "Ana"), close("theirs", "Bo"));
    expect(merged.kind).toBe("conflicts");
    if (merged.kind !== "conflicts") return;
    expect(merged.conflicts.map((c) => c.key)).toEqual(["closed"]);
    expect(renderConflicts(makeStyle(0, 100), merged.conflicts)).toMatch(
      /closed +on 2027-01-05: ours +on 2027-01-05: theirs/,
    );
    expect(merged.settle(new Map([["closed", "theirs"]])).state.closed).toMatchObject({
      reason: "theirs",
      by: "Bo",
    });
  });
});

describe("an entry golive upgrade moved to the item's new ID", () => {
  it("is not carried over by the merge, which says so and what to keep, instead of that the file was cut short", async () => {
    const dir = await initRepo(["--date", "2027-03-01"], TODAY);
    // The base and ours from before the catalogue renamed GEN-8 to GEN-08; theirs upgraded.
    const theirs = read(dir);
    const base = theirs.replace("  GEN-08: {}\n", "  GEN-8: {}\n");
    const ours = base.replace(
      "  GEN-8: {}\n",
      "  GEN-8:\n    status: done\n    by: Ana\n    at: 2027-01-05\n",
    );
    const merged = merge(dir, base, ours, theirs);
    expect(merged.kind).toBe("failed");
    if (merged.kind !== "failed") return;
    expect(merged.reasons).toEqual([
      "theirs moved GEN-8 to GEN-08 (golive upgrade: the catalogue names GEN-8 a former ID of GEN-08), and the merge driver does not carry an entry across a move: keep one entry, under GEN-08, with what each side recorded for it, then `git add golive.yaml`",
    ]);
    // An entry that is simply gone still reads as a file cut short, beside a move too.
    const cut = merge(dir, base, ours, theirs.replace("  GEN-08: {}\n", ""));
    expect(cut.kind === "failed" && cut.reasons[0]).toContain(
      "theirs has no entry for 1 item the base has (GEN-8)",
    );
    const both = merge(dir, base, ours, theirs.replace("  APP-05: {}\n", ""));
    expect(both.kind === "failed" && both.reasons).toEqual([
      expect.stringContaining("theirs moved GEN-8 to GEN-08"),
      expect.stringContaining("theirs has no entry for 1 item the base has (APP-05)"),
    ]);
    // A base that held both IDs: dropping the old one is no move.
    const twice = base.replace("  GEN-8: {}\n", "  GEN-8: {}\n  GEN-08: {}\n");
    const dropped = merge(dir, twice, twice, twice.replace("  GEN-8: {}\n", ""));
    expect(dropped.kind === "failed" && dropped.reasons).toEqual([
      expect.stringContaining("theirs has no entry for 1 item the base has (GEN-8)"),
    ]);
  });
});

describe("an item both sides changed differently", () => {
  it("is what the hint's per-item choice names", async () => {
    const [dir, base, ours, theirs] = await sides(
      ["assign", "DAT-02", "--to", "Ana"],
      ["assign", "DAT-02", "--to", "Bo"],
    );
    const merged = merge(dir, base, ours, theirs);
    expect(merged.kind).toBe("conflicts");
    if (merged.kind !== "conflicts") return;
    expect(conflictWords("golive.yaml", merged.conflicts).hint).toContain(
      "or per item `--take DAT-02=theirs`",
    );
  });
});
