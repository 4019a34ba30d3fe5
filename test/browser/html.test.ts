/**
 * The HTML status page in a real browser: Debian's chromium, driven by playwright-core
 * (no browser download). The page must render without console errors or network requests,
 * draw the timeline, and leave a screenshot in test-output/ for people to look at.
 * It runs with `npm run test:browser`, not `npm test` (vitest.browser.config.ts); `.ci/run`
 * installs chromium and runs both. When chromium is missing this test fails and says so.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { launchBrowser, watch } from "../helpers/browser.js";
import { golive, tempRepo } from "../helpers/cli.js";
import { HOSTILE } from "../helpers/fixtures.js";

const OUTPUT = resolve(import.meta.dirname, "../../test-output");
async function page(): Promise<string> {
  const dir = tempRepo();
  const run = async (args: string[]) => {
    const r = await golive(dir, ["--today", "2027-02-12", ...args]);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  };
  await run(["init", "--date", "2027-03-01"]);
  await run(["done", "GEN-01", "CLO-01", "CLO-02", "APP-01", "APP-02"]);
  await run(["start", "CLO-08"]);
  await run(["block", "CLO-09", "--reason", HOSTILE.script]);
  await run(["skip", "APP-04", "--reason", HOSTILE.cdata]);
  await run(["assign", "CLO-03", HOSTILE.unicode]);
  await run(["note", "CLO-04", HOSTILE.long]);
  await run(["waive", "CLO-05", "--reason", HOSTILE.newline, "--until", "2027-02-20"]);
  await run(["export", "--format", "html", "--output", "report.html"]);
  return join(dir, "report.html");
}

describe("golive export --format html in Chromium", () => {
  it("renders with no console errors and no requests, draws the timeline, and is screenshotted", async () => {
    const file = await page();
    const context = await launchBrowser({ width: 1100, height: 900 });
    try {
      const tab = await context.newPage();
      const { errors, requests } = watch(tab);
      const url = pathToFileURL(file).href;
      await tab.goto(url, { waitUntil: "load" });

      const marks = await tab.$$eval("#timeline rect.mark", (rects) =>
        rects.map((r) => {
          const box = r.getBoundingClientRect();
          return { look: r.getAttribute("data-look"), width: box.width, height: box.height };
        }),
      );
      expect(marks.length).toBeGreaterThan(80);
      expect(marks.every((m) => m.width > 0 && m.height > 0)).toBe(true);
      const looks = new Set(marks.map((m) => m.look));
      for (const look of [
        "done",
        "in-progress",
        "blocked",
        "not-applicable",
        "waived",
        "overdue",
        "todo",
      ]) {
        expect(looks, look).toContain(look);
      }
      const today = await tab.$eval("#today", (line) => line.getBoundingClientRect().height);
      expect(today).toBeGreaterThan(100);
      // Hostile text is shown as text, never run or parsed as markup.
      expect(await tab.$$("script")).toHaveLength(0);
      expect(await tab.$$("body img")).toHaveLength(0);
      expect(await tab.textContent("body")).toContain("</script><script>alert(");

      mkdirSync(OUTPUT, { recursive: true });
      await tab.screenshot({ path: join(OUTPUT, "golive-report.png"), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
