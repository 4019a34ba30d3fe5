/**
 * The HTML report as people read it: in Chromium (Debian's, driven by playwright-core) every
 * timeline row is labelled with its ID and title in visible text, the axis shows dates, and
 * the page prints to a PDF of several legible pages (the print style sheet: one phase's chart
 * per page, notes in full, colours kept). Screenshots of the screen and the print layout go to
 * test-output/ for people to look at. When chromium is missing this test fails and says so.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { golive, tempRepo } from "../helpers/cli.js";
import { HOSTILE } from "../helpers/fixtures.js";

const OUTPUT = resolve(import.meta.dirname, "../../test-output");
/** A4 landscape less the print style sheet's 12 mm margins, in CSS pixels (96 per inch). */
const PAGE = { width: ((297 - 24) / 25.4) * 96, height: ((210 - 24) / 25.4) * 96 };
async function report(): Promise<string> {
  const dir = tempRepo();
  const run = async (args: string[]) => {
    const r = await golive(dir, ["--today", "2027-02-15", ...args]);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  };
  await run(["init", "--date", "2027-03-01"]);
  await run(["done", "GEN-01", "CLO-01", "CLO-02", "APP-01", "APP-02"]);
  await run(["start", "CLO-08"]);
  await run(["block", "CLO-09", "--reason", HOSTILE.script]);
  await run(["assign", "CLO-03", HOSTILE.unicode]);
  await run(["note", "CLO-04", `${"a long note ".repeat(80)}end of the note`]);
  await run(["waive", "CLO-05", "--reason", HOSTILE.newline, "--until", "2027-02-20"]);
  await run(["export", "--format", "html", "--output", "report.html"]);
  return join(dir, "report.html");
}

describe("the HTML report in Chromium", () => {
  it("labels every row, dates the axis, and prints to a legible PDF", async () => {
    const file = await report();
    const context = await launchBrowser({ width: 1100, height: 900 });
    try {
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(file).href, { waitUntil: "load" });

      // Each bar has a visible label, beside it on the same row, naming its ID and title.
      const rows = await tab.$$eval("#timeline svg", (svgs) =>
        svgs.flatMap((svg) => {
          const labels = [...svg.querySelectorAll("text.label")];
          return [...svg.querySelectorAll("rect.mark")].map((mark, k) => {
            const label = labels[k]!;
            const box = label.getBoundingClientRect();
            const bar = mark.getBoundingClientRect();
            return {
              id: mark.getAttribute("data-id"),
              text: label.textContent ?? "",
              visible: box.width > 20 && box.height > 6,
              sameRow: Math.abs(box.top + box.height / 2 - (bar.top + bar.height / 2)) < 8,
              leftOfBar: box.right <= bar.left + 1,
            };
          });
        }),
      );
      expect(rows.length).toBe(84);
      for (const row of rows) {
        expect(row.text.startsWith(`${row.id} `), row.text).toBe(true);
        expect(row, row.text).toMatchObject({ visible: true, sameRow: true, leftOfBar: true });
      }
      expect(rows.find((r) => r.id === "CLO-14")!.text).toBe("CLO-14 Set up DNS");
      // The axis shows dates, not only offsets from go-live.
      const dates = await tab.$$eval("#timeline svg:first-of-type text.date", (ts) =>
        ts.map((t) => t.textContent),
      );
      expect(dates).toContain("Mon 1 Mar");
      expect(dates).toContain("Mon 4 Jan");
      // Items due today are under "Needs attention" (the four-weeks phase is due 2027-02-15).
      // (In the page: the body stands in for `document`, which Node's types do not have.)
      const attention = await tab.$eval("body", (body) => {
        const h2 = [...body.querySelectorAll("h2")].find((h) =>
          h.textContent?.startsWith("Needs attention"),
        );
        const table = h2?.nextElementSibling;
        return [...(table?.querySelectorAll("tbody tr td:first-child") ?? [])].map(
          (td) => td.textContent,
        );
      });
      expect(attention).toContain("CLO-10");

      mkdirSync(OUTPUT, { recursive: true });
      await tab.screenshot({ path: join(OUTPUT, "golive-report-screen.png"), fullPage: true });

      // The print layout: each phase's chart on one page, labels still legible, notes whole.
      await tab.emulateMedia({ media: "print" });
      await tab.setViewportSize({ width: Math.floor(PAGE.width), height: 900 });
      const print = await tab.$eval("body", (body) => {
        const figures = [...body.querySelectorAll("figure.phase")].map(
          (f) => f.getBoundingClientRect().height,
        );
        const svg = body.querySelector("#timeline svg")!;
        const viewBox = svg.getAttribute("viewBox")!.split(" ").map(Number);
        const scale = svg.getBoundingClientRect().width / viewBox[2]!;
        const label = body.querySelector("#timeline text.label")!;
        const style = body.ownerDocument.defaultView!.getComputedStyle(label);
        const notes = [...body.querySelectorAll(".notes")].filter(
          (n) => n.scrollHeight > n.clientHeight + 1,
        );
        return {
          figures,
          labelPx: Number.parseFloat(style.fontSize) * scale,
          clipped: notes.length,
        };
      });
      expect(print.figures).toHaveLength(4);
      for (const height of print.figures) expect(height).toBeLessThan(PAGE.height);
      expect(print.labelPx).toBeGreaterThanOrEqual(9);
      expect(print.clipped).toBe(0);
      await tab.screenshot({ path: join(OUTPUT, "golive-report-print.png"), fullPage: true });

      const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(OUTPUT, "golive-report.pdf"), pdf);
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(4);
      expect(readFileSync(join(OUTPUT, "golive-report.pdf")).length).toBe(pdf.length);
    } finally {
      await context.close();
    }
  }, 90_000);
});
