/**
 * golive link: tracker references on items, shown in show, status, the exports and the JSON;
 * and export --format jira-csv, read back with a real CSV parser.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { golive, initRepo, read } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

async function linkedRepo(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
  appendFileSync(join(repo, "golive.yaml"), "tracker:\n  jira: https://shop.atlassian.net/\n");
  return repo;
}

describe("golive link", () => {
  it("attaches Jira keys and https URLs, once each, and --remove takes them off", async () => {
    const repo = await linkedRepo();
    const linked = await golive(
      repo,
      ["link", "CLO-01", "SHOP-123", "https://github.com/acme/shop/issues/7", "SHOP-123"],
      TODAY,
    );
    expect(linked.code).toBe(0);
    expect(linked.stdout).toContain(
      "CLO-01 Ensure a network diagram: SHOP-123, https://github.com/acme/shop/issues/7",
    );
    expect(read(repo)).toMatch(
      /CLO-01:\n\s+links:\n\s+- SHOP-123\n\s+- https:\/\/github.com\/acme\/shop\/issues\/7/,
    );
    const again = await golive(repo, ["link", "CLO-01", "SHOP-123"], TODAY);
    expect(again.stdout).toContain("unchanged (already linked");

    const show = await golive(repo, ["show", "CLO-01"], TODAY);
    expect(show.stdout).toContain(
      "Tickets  SHOP-123 (https://shop.atlassian.net/browse/SHOP-123), https://github.com/acme/shop/issues/7",
    );
    const json = JSON.parse((await golive(repo, ["show", "CLO-01", "--json"], TODAY)).stdout);
    expect(json.item.tickets).toEqual([
      { ref: "SHOP-123", url: "https://shop.atlassian.net/browse/SHOP-123" },
      {
        ref: "https://github.com/acme/shop/issues/7",
        url: "https://github.com/acme/shop/issues/7",
      },
    ]);
    const status = await golive(repo, ["status"], TODAY);
    // A status table shortens a ticket URL to its host and last segment; show has it whole.
    expect(status.stdout).toMatch(
      /CLO-01\s+Ensure a network diagram \(SHOP-123, github\.com\/…\/7\)/,
    );
    const md = (await golive(repo, ["export"], TODAY)).stdout;
    expect(md).toContain("[SHOP-123](https://shop.atlassian.net/browse/SHOP-123)");
    const html = (await golive(repo, ["export", "--format", "html"], TODAY)).stdout;
    expect(html).toContain('<a href="https://shop.atlassian.net/browse/SHOP-123">SHOP-123</a>');
    const csv = parse((await golive(repo, ["export", "--format", "csv"], TODAY)).stdout, {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(csv.find((r) => r.id === "CLO-01")!.links).toBe(
      "https://shop.atlassian.net/browse/SHOP-123 https://github.com/acme/shop/issues/7",
    );

    const removed = await golive(repo, ["link", "CLO-01", "SHOP-123", "--remove"], TODAY);
    expect(removed.code).toBe(0);
    expect(read(repo)).not.toContain("SHOP-123");
  });

  it("a key without tracker.jira stays plain text; no link is made of it", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["link", "CLO-01", "SHOP-9"], TODAY);
    const json = JSON.parse((await golive(repo, ["list", "--json"], TODAY)).stdout);
    expect(json.items.find((i: { id: string }) => i.id === "CLO-01").tickets).toEqual([
      { ref: "SHOP-9", url: null },
    ]);
    expect((await golive(repo, ["export"], TODAY)).stdout).not.toContain("](");
  });

  it("refuses what is neither a key nor an https URL, and changes nothing", async () => {
    const repo = await linkedRepo();
    const before = read(repo);
    for (const bad of ["javascript:alert(1)", "http://example.com/x", "shop-1", "see ticket"]) {
      const r = await golive(repo, ["link", "CLO-01", bad], TODAY);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toMatch(/not an https URL|neither a Jira key nor a URL/);
    }
    expect((await golive(repo, ["link", "NOPE-99", "SHOP-1"], TODAY)).code).toBe(2);
    expect(read(repo)).toBe(before);
  });

  it("tracker.jira must be https", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    appendFileSync(join(repo, "golive.yaml"), "tracker:\n  jira: javascript:alert(1)\n");
    const r = await golive(repo, ["status"], TODAY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tracker.jira");
  });
});

describe("golive export --format jira-csv", () => {
  it("writes what Jira's CSV import takes: summary, description with links, due date, labels, assignee", async () => {
    const repo = await linkedRepo();
    await golive(repo, ["link", "CLO-01", "SHOP-123"], TODAY);
    await golive(repo, ["assign", "CLO-01", '=HYPERLINK("x")'], TODAY);
    const out = await golive(
      repo,
      ["export", "--format", "jira-csv", "--phase", "eight-weeks"],
      TODAY,
    );
    expect(out.code).toBe(0);
    const rows = parse(out.stdout, { columns: false, relax_column_count: false }) as string[][];
    const [header, ...issues] = rows;
    expect(header).toEqual([
      "Summary",
      "Issue Type",
      "Description",
      "Due Date",
      "Assignee",
      "Labels",
      "Labels",
      "Labels",
    ]);
    expect(issues).toHaveLength(41);
    // The project's name before every summary: issues of several projects tell apart.
    const clo = issues.find((r) => r[0]!.startsWith("Acme: CLO-01 "))!;
    expect(clo[0]).toBe("Acme: CLO-01 Ensure a network diagram");
    expect(clo[1]).toBe("Task");
    expect(clo[2]).toContain("https://shop.atlassian.net/browse/SHOP-123");
    expect(clo[2]).toContain("golive item CLO-01");
    expect(clo[3]).toBe("2027-02-01");
    // A formula in a cell stays text.
    expect(clo[4]).toBe('\'=HYPERLINK("x")');
    expect(clo.slice(5)).toEqual(["golive", "CLO", "eight-weeks"]);
    expect(out.stdout.endsWith("\r\n")).toBe(true);
  });
});
