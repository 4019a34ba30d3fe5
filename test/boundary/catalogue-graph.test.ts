/**
 * Issue 18, "linear, bounded": a team catalogue's `extends` is a graph a pull request can
 * change. A catalogue two others extend (a diamond) is read once per load, and one load reads
 * at most MAX_EXTENDED catalogues. Before, twenty levels of `extends: [next.yaml, ./next.yaml]`
 * read a million files: depth 14 took 47 s, depth 40 never ended, in every command.
 */
import { describe, expect, it } from "vitest";
import { MAX_EXTENDED } from "../../src/io/catalogue.js";
import { golive, tempRepo } from "../helpers/cli.js";

const ENV = { GOLIVE_TODAY: "2027-01-04" };

/** `levels` catalogues, each extending the next one twice (or once), the last spryker-cloud. */
function graph(levels: number, twice: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < levels; i++) {
    const next = twice ? `[l${i + 1}.yaml, ./l${i + 1}.yaml]` : `l${i + 1}.yaml`;
    files[`l${i}.yaml`] = `format: 1\nname: l${i}\ntitle: L${i}\nversion: "1"\nextends: ${next}\n`;
  }
  files[`l${levels}.yaml`] =
    `format: 1\nname: l${levels}\ntitle: L\nversion: "1"\nextends: spryker-cloud\n`;
  return files;
}

describe("a catalogue's extends graph", () => {
  it("twelve levels of diamonds (18 s before): each catalogue read once", async () => {
    const repo = tempRepo(graph(12, true));
    const started = performance.now();
    const r = await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "l0.yaml"], ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("84 items");
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 30_000);

  it(`a chain longer than ${MAX_EXTENDED}: refused at the extends line past the bound`, async () => {
    const repo = tempRepo(graph(MAX_EXTENDED + 5, false));
    const r = await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "l0.yaml"], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: l${MAX_EXTENDED}\\.yaml:5:10: catalogue: extends more than ${MAX_EXTENDED} catalogues`,
      ),
    );
  });
});
