/**
 * The refresh script against the copy of Spryker's page (27 June 2025), and the text fixes of
 * the shipped catalogue that a check against the newest upstream found (issue 12).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { differences, readPage, readRedirects, redirectsOf } from "../scripts/refresh.mjs";
import { tempDir } from "./helpers/cli.js";

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

  /**
   * A docs checkout of its own: the going-live page, and the SEO page in a versioned folder
   * whose front matter lists the old address the going-live page links.
   */
  function docsTree(): string {
    const root = tempDir();
    const page = join(root, "docs/ca/dev/preparation-for-going-live.md");
    mkdirSync(join(page, ".."), { recursive: true });
    writeFileSync(page, readFileSync(SEED_HERE, "utf8"));
    const seo = join(
      root,
      "docs/dg/dev/frontend-development/202410.0/yves/basic-seo-techniques-to-use-in-your-project.md",
    );
    mkdirSync(join(seo, ".."), { recursive: true });
    writeFileSync(
      seo,
      "---\ntitle: SEO\nredirect_from:\n  - /docs/dg/dev/best-practices/basic-seo-techniques-to-use-in-your-project.html\n  - '/docs/scos/dev/old-seo.html'\nrelated: []\n---\n\nText.\n",
    );
    return root;
  }

  it("reads redirect_from from a page's front matter, and nothing from its body", () => {
    expect(
      redirectsOf(
        "---\ntitle: x\nredirect_from:\n  - /a.html\n  - '/b.html'\nlast: 1\n---\n- /c.html\n",
      ),
    ).toEqual(["/a.html", "/b.html"]);
    expect(redirectsOf("no front matter\nredirect_from:\n  - /a.html\n")).toEqual([]);
  });

  it("knows redirects: the page's old address and the catalogue's are one link, so the seed is up to date", () => {
    const root = docsTree();
    const page = readPage(readFileSync(SEED_HERE, "utf8"));
    expect(differences(page, catalogue, readRedirects(root))).toEqual([]);
    // The command finds the docs repository the page lies in, and says "up to date" with exit 0.
    const out = execFileSync(
      process.execPath,
      [
        resolve(ROOT, "scripts/refresh.mjs"),
        join(root, "docs/ca/dev/preparation-for-going-live.md"),
      ],
      { encoding: "utf8" },
    );
    expect(out).toBe("");
  });

  it("outside a docs checkout, says that links were compared without redirects", () => {
    const run = spawnSync(process.execPath, [resolve(ROOT, "scripts/refresh.mjs"), SEED_HERE], {
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^SEO-02: link on the page only: /m);
    expect(run.stderr).toBe(
      "note: links compared by address only: the page is not inside a spryker-docs checkout; --docs DIR follows the redirect_from entries of its pages\n",
    );
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

describe("the catalogues say what Spryker says (issue 21)", () => {
  const security = parse(readFileSync(resolve(ROOT, "checklists/spryker-security.yaml"), "utf8"));
  const sec = (id: string) =>
    security.items.find((i: { id: string }) => i.id === id) as { summary: string };
  it("CLO-10: developers need to simulate the live shop, not only can", () => {
    expect(item("CLO-10").summary).toContain("need to simulate");
    expect(item("CLO-10").summary).not.toMatch(/\bcan\b/);
  });
  it("GEN-06 applies to every project: no outside system on the production database", () => {
    const gen06 = item("GEN-06") as { appliesWhen?: unknown; summary: string };
    expect(gen06.appliesWhen).toBeUndefined();
    expect(gen06.summary).toContain("no outside system");
    expect(catalogue.questions.map((q: { id: string }) => q.id)).not.toContain("analytics");
  });
  it("SEC-01 adds no length, SEC-03 names X-XSS-Protection, SEC-13 OWASP's Secure Coding Practices", () => {
    expect(sec("SEC-01").summary).not.toContain("length");
    expect(sec("SEC-03").summary).toContain("X-XSS-Protection");
    expect(sec("SEC-13").summary).toContain("Secure Coding Practices");
    expect(sec("SEC-13").summary).not.toContain("Top Ten");
  });
  it("the add-on's header says CLO-05 and SEC-06 run the same check", () => {
    const header = readFileSync(resolve(ROOT, "checklists/spryker-security.yaml"), "utf8");
    expect(header).not.toContain("no task is listed twice");
    expect(header).toMatch(/SEC-06[\s\S]*CLO-05[\s\S]*spryker\/backoffice-auth/);
  });
});
