/**
 * The refresh script against the copy of Spryker's page (27 June 2025), and the text fixes of
 * the shipped catalogue that a check against the newest upstream found (issue 12).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { differences, readPage } from "../scripts/refresh.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = resolve(ROOT, "../shared/seeds/preparation-for-going-live.md");
const SEED_HERE = existsSync(SEED) ? SEED : "/work/shared/seeds/preparation-for-going-live.md";
const catalogue = parse(readFileSync(resolve(ROOT, "checklists/spryker-cloud.yaml"), "utf8"));

function item(id: string): { title: string; summary: string; links?: { url: string }[] } {
  return catalogue.items.find((i: { id: string }) => i.id === id);
}

describe("scripts/refresh.mjs", () => {
  it("finds no difference from the seeded page but the ones CONTRIBUTING.md documents", () => {
    const text = readFileSync(resolve(ROOT, "CONTRIBUTING.md"), "utf8");
    const known = /<!-- refresh: known differences -->\n```text\n([\s\S]*?)```/.exec(text)?.[1];
    expect(known).toBeDefined();
    const page = readPage(readFileSync(SEED_HERE, "utf8"));
    expect(page).toHaveLength(84);
    expect(differences(page, catalogue)).toEqual(known!.trim().split("\n"));
  });

  it("reports a changed title, a missing item, a moved phase and a new link", () => {
    const page = readPage(readFileSync(SEED_HERE, "utf8"))
      .filter((i) => i.id !== "CLO-18")
      .map((i) =>
        i.id === "GEN-01"
          ? {
              ...i,
              title: "Share the plan",
              heading: "Go-live",
              links: [...i.links, "https://x.test/a"],
            }
          : i,
      );
    const found = differences(page, catalogue);
    expect(found).toContain('GEN-01: title: catalogue "Share go-live plan", page "Share the plan"');
    expect(found).toContain(
      'GEN-01: phase: catalogue "Eight weeks before go-live", page "Go-live"',
    );
    expect(found).toContain("GEN-01: link on the page only: https://x.test/a");
    expect(found).toContain("CLO-18: in the catalogue, not on the page");
  });
});

describe("the text of the Spryker catalogue follows upstream", () => {
  it("has the links, titles and wording the newest upstream has", () => {
    expect(item("APP-24").links?.[0]?.url).toMatch(
      /database-tables-take-up-too-much-space-or-have-id-overflow\.html$/,
    );
    expect(item("SEO-02").links?.[0]?.url).toBe(
      "https://docs.spryker.com/docs/dg/dev/frontend-development/latest/yves/basic-seo-techniques-to-use-in-your-project.html",
    );
    expect(item("SEO-04").title).toBe("Prepare and set `robots.txt`");
    expect(item("TES-10").summary).toContain("differ");
    expect(item("TES-10").summary).not.toContain("stricter");
    expect(item("TES-05").summary).toContain("at least three days");
    expect(item("TES-06").summary).toContain("at least three days");
    expect(item("CLO-12").summary).toContain("if you delegate DNS to Spryker");
    expect(item("TES-08").summary).toContain("contradicts itself");
    expect(item("TES-08").summary).toContain("DAT-03");
  });
});
