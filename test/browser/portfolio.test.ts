/**
 * The portfolio page in a real browser, like the status page (html.test.ts): three projects,
 * one of them unreadable, each read one way (work tree, ref, file:// remote). No console
 * errors, no requests, a timeline strip per readable project; a screenshot in test-output/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { gitEnv, golive, tempDir, tempRepo } from "../helpers/cli.js";
import { HOSTILE } from "../helpers/fixtures.js";

const CHROMIUM = process.env.GOLIVE_CHROMIUM ?? "/usr/bin/chromium";
const OUTPUT = resolve(import.meta.dirname, "../../test-output");
const profiles: string[] = [];
afterAll(() => {
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

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
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install chromium or set GOLIVE_CHROMIUM`,
      );
    }
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
    const profile = tempDir("golive-chromium-");
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1250, height: 700 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      tab.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      tab.on("pageerror", (e) => errors.push(e.message));
      tab.on("request", (q) => {
        if (!q.url().startsWith("file:")) requests.push(q.url());
      });
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
