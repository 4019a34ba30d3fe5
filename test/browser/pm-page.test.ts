/**
 * The page a project manager opens every morning (issue 22), in Debian's Chromium: the burn-up
 * drawn from golive.yaml's history, at desktop and phone widths and printed. The test reads the
 * chart's data attributes and checks that what is drawn agrees with them: the closed line ends
 * at today's count, the today and go-live markers sit on their days, the forecast's open items
 * are the scope less what is closed. Screenshots go to test-output/ for people to look at.
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
  const on = async (today: string, args: string[]) => {
    const r = await golive(dir, ["--today", today, ...args]);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  };
  await on("2027-01-04", ["init", "--date", "2027-03-01"]);
  await on("2027-01-11", ["done", "GEN-01", "CLO-01"]);
  await on("2027-01-20", ["done", "CLO-02", "APP-01"]);
  await on("2027-01-27", ["done", "APP-02", "APP-03", "APP-04"]);
  await on("2027-02-03", ["done", "APP-05", "APP-06", "APP-07", "APP-08"]);
  await on("2027-02-05", ["reopen", "APP-08"]);
  await on("2027-02-08", ["skip", "APP-09", "--reason", HOSTILE.script]);
  await on("2027-02-09", ["done", "APP-10", "APP-11", "APP-12", "GEN-02", "GEN-03"]);
  await on("2027-02-10", ["assign", "CLO-14", "CLO-15", "--to", HOSTILE.unicode]);
  await on("2027-02-10", ["assign", "CLO-08", "--to", "Alex"]);
  await on("2027-02-12", ["export", "--format", "html", "--output", "report.html"]);
  return join(dir, "report.html");
}

/** What the chart says and where it drew it, read in the page. */
async function readChart(tab: import("playwright-core").Page) {
  return tab.$eval("#burnup", (svg) => {
    const box = (sel: string) => svg.querySelector(sel)!.getBoundingClientRect();
    const days = [...svg.querySelectorAll("rect.day")].map((r) => ({
      date: r.getAttribute("data-date")!,
      closed: r.hasAttribute("data-closed") ? Number(r.getAttribute("data-closed")) : null,
      planned: Number(r.getAttribute("data-planned")),
      left: r.getBoundingClientRect().left,
      right: r.getBoundingClientRect().right,
    }));
    // (Node's types have no SVGPathElement: the two methods it needs, by shape.)
    const closed = svg.querySelector("path.closed") as unknown as {
      getTotalLength(): number;
      getPointAtLength(n: number): { x: number; y: number };
      getScreenCTM(): { a: number; d: number; e: number; f: number } | null;
    };
    const end = closed.getPointAtLength(closed.getTotalLength());
    const ctm = closed.getScreenCTM()!;
    const doc = svg.ownerDocument;
    const forecast = doc.querySelector("#forecast")!;
    return {
      scope: Number(svg.getAttribute("data-scope")),
      today: svg.getAttribute("data-today")!,
      goLive: svg.getAttribute("data-golive")!,
      days,
      svg: svg.getBoundingClientRect().toJSON(),
      todayLine: box("#burn-today").toJSON(),
      goLiveLine: box("#burn-golive").toJSON(),
      plot: box("path.plan").toJSON(),
      closedEnd: { x: end.x * ctm.a + ctm.e, y: end.y * ctm.d + ctm.f },
      open: Number(forecast.getAttribute("data-open")),
      atRisk: Number(forecast.getAttribute("data-at-risk")),
      riskRows: doc.querySelectorAll("#forecast table.risk tbody tr").length,
      pageWidth: doc.documentElement.scrollWidth,
      viewWidth: doc.defaultView!.innerWidth,
    };
  });
}

describe("the project manager's page in Chromium", () => {
  it("draws the burn-up its data says, on a desktop, a phone and paper", async () => {
    const file = await page();
    const context = await launchBrowser({ width: 1100, height: 900 });
    try {
      const tab = await context.newPage();
      const { errors, requests } = watch(tab);
      await tab.goto(pathToFileURL(file).href, { waitUntil: "load" });
      mkdirSync(OUTPUT, { recursive: true });

      for (const [name, width] of [
        ["desktop", 1100],
        ["phone", 390],
      ] as const) {
        await tab.setViewportSize({ width, height: 900 });
        const c = await readChart(tab);
        const byDate = new Map(c.days.map((d) => [d.date, d]));
        // The data: 2 + 2 + 3 + 4 closed, one reopened, one skipped, 5 more by 02-09.
        expect(byDate.get("2027-01-10")!.closed).toBe(0);
        expect(byDate.get("2027-01-11")!.closed).toBe(2);
        expect(byDate.get("2027-02-03")!.closed).toBe(11);
        expect(byDate.get("2027-02-05")!.closed).toBe(10);
        expect(byDate.get("2027-02-12")!.closed).toBe(16);
        expect(byDate.get("2027-02-13")!.closed).toBeNull();
        expect(c.days.at(-1)!.planned).toBe(c.scope);
        expect(c.open).toBe(c.scope - 16);
        expect(c.riskRows).toBe(Math.min(c.atRisk, 10));
        // The drawing: the closed line ends at the end of today, at today's count on the scale.
        const today = byDate.get(c.today)!;
        expect(Math.abs(c.closedEnd.x - today.right)).toBeLessThan(1);
        const plotBottom = c.plot.bottom;
        const expectedY = plotBottom - (16 / c.scope) * c.plot.height;
        expect(Math.abs(c.closedEnd.y - expectedY)).toBeLessThan(2);
        // Today's and go-live's markers stand in their own day's column.
        const mid = (r: { left: number; right: number }) => (r.left + r.right) / 2;
        expect(mid(c.todayLine)).toBeGreaterThan(today.left);
        expect(mid(c.todayLine)).toBeLessThan(today.right);
        const goLive = byDate.get(c.goLive)!;
        expect(mid(c.goLiveLine)).toBeGreaterThan(goLive.left);
        expect(mid(c.goLiveLine)).toBeLessThan(goLive.right);
        // The chart fits the screen, and the page does not scroll sideways.
        expect(c.svg.width).toBeLessThanOrEqual(c.viewWidth);
        expect(c.pageWidth, name).toBeLessThanOrEqual(c.viewWidth);
        await tab.screenshot({ path: join(OUTPUT, `golive-pm-${name}.png`), fullPage: true });
      }

      // On paper (A4 landscape less the margins), the chart is whole and keeps its size.
      await tab.emulateMedia({ media: "print" });
      await tab.setViewportSize({ width: 1031, height: 900 });
      const printed = await readChart(tab);
      expect(printed.svg.width).toBeGreaterThan(900);
      expect(printed.svg.width).toBeLessThanOrEqual(1031);
      const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

      expect(await tab.$$("script")).toHaveLength(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
