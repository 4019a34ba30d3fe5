/**
 * The portfolio page in a real browser, like the status page (html.test.ts): three projects,
 * one of them unreadable, each read one way (work tree, ref, file:// remote). No console
 * errors, no requests, a timeline strip per readable project; a screenshot in test-output/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { launchBrowser, watch } from "../helpers/browser.js";
import { gitEnv, golive, tempDir, tempRepo } from "../helpers/cli.js";
import { HOSTILE } from "../helpers/fixtures.js";

const OUTPUT = resolve(import.meta.dirname, "../../test-output");
async function shop(date: string, extra: string[][] = []): Promise<string> {
  const dir = tempRepo();
  for (const args of [["init", "--date", date], ...extra]) {
    const r = await golive(dir, ["--today", "2027-02-12", ...args]);
    expect(r.code, r.stderr).toBe(0);
  }
  execFileSync("git", ["add", "-A"], { cwd: dir, env: gitEnv(dir) });
  execFileSync("git", ["commit", "-q", "-m", "golive"], { cwd: dir, env: gitEnv(dir) });
  return dir;
}

describe("golive portfolio --format html in Chromium", () => {
  it("renders a row per project with its timeline, no errors, no requests", async () => {
    const a = await shop("2027-03-01", [
      ["done", "GEN-01", "CLO-01"],
      ["block", "CLO-09", "--reason", HOSTILE.script],
    ]);
    const b = await shop("2027-05-03", [["start", "GEN-01"]]);
    const out = tempDir();
    const r = await golive(out, [
      "--today",
      "2027-02-12",
      "portfolio",
      a,
      `${a}#main`,
      `file://${b}#main`,
      join(out, "missing"),
      "--format",
      "html",
      "--output",
      "portfolio.html",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const context = await launchBrowser({ width: 1250, height: 700 });
    try {
      const tab = await context.newPage();
      const { errors, requests } = watch(tab);
      await tab.goto(pathToFileURL(join(out, "portfolio.html")).href, { waitUntil: "load" });
      expect(await tab.$$("tr.project")).toHaveLength(4);
      const strips = await tab.$$eval("svg.strip", (svgs) =>
        svgs.map((s) => ({
          w: s.getBoundingClientRect().width,
          rects: s.querySelectorAll("rect").length,
        })),
      );
      expect(strips).toHaveLength(3);
      expect(strips.every((s) => s.w > 100 && s.rects >= 4)).toBe(true);
      expect(await tab.textContent("body")).toContain("cannot be read");
      expect(await tab.$$("script")).toHaveLength(0);
      mkdirSync(OUTPUT, { recursive: true });
      await tab.screenshot({ path: join(OUTPUT, "golive-portfolio.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
