/**
 * The project's name in every title, escaped for each format: status, HTML, Markdown, ICS,
 * JUnit, CSV, jira-csv, the chat digest and the portfolio.
 */

import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { golive, initRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };
const NAME = 'Acme <b>"B2B"</b> & Co, %0A::error::x | =SUM(1)';

async function named(name = NAME): Promise<string> {
  return initRepo(["--date", "2027-03-01", "--name", name], TODAY);
}

async function run(repo: string, args: string[]): Promise<string> {
  const result = await golive(repo, args, TODAY);
  expect(result.code, result.stderr).toBeLessThan(2);
  return result.stdout;
}

describe("the name in every title", () => {
  it("HTML: <title> and <h1>, escaped", async () => {
    const html = await run(await named(), ["export", "--format", "html"]);
    const escaped = "Acme &lt;b&gt;&quot;B2B&quot;&lt;/b&gt; &amp; Co, %0A::error::x | =SUM(1)";
    expect(html).toContain(
      `<title>${escaped}: Spryker Cloud Commerce OS go-live checklist: go-live 2027-03-01</title>`,
    );
    expect(html).toContain(`<h1>${escaped}: Spryker Cloud Commerce OS go-live checklist</h1>`);
    expect(html).not.toContain('<b>"B2B"');
  });

  it("Markdown: the heading, escaped", async () => {
    const md = await run(await named(), ["export"]);
    const first = md.split("\n")[0]!;
    expect(first).toMatch(/^# Acme .*Spryker Cloud Commerce OS go-live checklist$/);
    expect(first).not.toContain("<b>");
    expect(first).not.toMatch(/[^\\]\|/);
  });

  it("ICS: Go-live: NAME, each item prefixed, the calendar named", async () => {
    const ics = await run(await named("Acme; shop, B2B"), ["export", "--format", "ics"]);
    expect(ics).toContain(
      "X-WR-CALNAME:Acme\\; shop\\, B2B: Spryker Cloud Commerce OS go-live checklist\r\n",
    );
    expect(ics).toContain("SUMMARY:Go-live: Acme\\; shop\\, B2B\r\n");
    expect(ics).toContain("SUMMARY:Acme\\; shop\\, B2B: Due: CLO-01 Ensure a network diagram\r\n");
    expect(ics).toContain("UID:CLO-01@Acme\\; shop\\, B2B.20270301.spryker-cloud.golive\r\n");
  });

  it("ICS: a rename keeps every UID, so calendars update the events", async () => {
    const repo = await named("Acme");
    const before = await run(repo, ["export", "--format", "ics"]);
    await run(repo, ["rename", "Acme B2B"]);
    const after = await run(repo, ["export", "--format", "ics"]);
    const uids = (ics: string) => ics.match(/^UID:.*$/gm);
    expect(uids(after)).toEqual(uids(before));
    expect(after).toContain("SUMMARY:Go-live: Acme B2B\r\n");
  });

  it("CSV: a project column in every row; jira-csv: the name before each summary", async () => {
    const repo = await named();
    const rows = parseCsv(await run(repo, ["export", "--format", "csv", "--no-bom"]), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(84);
    // A cell a spreadsheet would run stays text; the name is whole.
    expect(new Set(rows.map((r) => r.project))).toEqual(new Set([NAME]));
    const jira = parseCsv(await run(repo, ["export", "--format", "jira-csv"])) as string[][];
    expect(jira[1]![0]).toBe(`${NAME}: GEN-01 Share go-live plan`);
    const formula = await named("=cmd|' /C calc'!A0");
    const cells = parseCsv(await run(formula, ["export", "--format", "csv", "--no-bom"]), {
      columns: true,
    }) as Record<string, string>[];
    expect(cells[0]!.project).toBe("'=cmd|' /C calc'!A0");
  });

  it("JUnit: the testsuites' name, escaped", async () => {
    const xml = await run(await named(), ["check", "--format", "junit"]);
    expect(xml).toContain(
      '<testsuites name="Acme &lt;b&gt;&quot;B2B&quot;&lt;/b&gt; &amp; Co, %0A::error::x | =SUM(1): Spryker Cloud Commerce OS go-live checklist"',
    );
  });

  it("the chat digest: Slack and Teams titles, without mentions or markup from the name", async () => {
    const repo = await named("Acme <!channel> *bold*");
    const slack = JSON.parse(await run(repo, ["notify", "--to", "slack", "--dry-run"]));
    expect(slack.blocks[0].text.text).toBe(
      "Acme <!channel> *bold*: Spryker Cloud Commerce OS go-live checklist",
    );
    expect(slack.blocks[0].text.type).toBe("plain_text");
    expect(slack.text).toMatch(/^Acme &lt;!channel&gt; /);
    const teams = await run(repo, ["notify", "--to", "teams", "--dry-run"]);
    // Teams text uses look-alikes, not backslash escapes (mobile clients show those literally).
    expect(teams).toContain(
      '"Acme ‹!channel› ∗bold∗: Spryker Cloud Commerce OS go-live checklist"',
    );
  });

  it("portfolio: the project's own name in each row; the JSON keeps it", async () => {
    const repo = await named("Acme | B2B");
    const text = await run(repo, ["portfolio", "."]);
    expect(text).toMatch(/^\s+Acme \| B2B\s+2027-03-01/m);
    const md = await run(repo, ["portfolio", ".", "--format", "markdown"]);
    expect(md).toContain("| Acme \\| B2B | 2027-03-01");
    const json = JSON.parse(await run(repo, ["portfolio", ".", "--json"]));
    expect(json.projects[0]).toMatchObject({ name: "Acme | B2B", project: "Acme | B2B" });
  });

  it("the status header shows terminal escapes in a name, never obeys them", async () => {
    const repo = await named("Acme");
    await run(repo, ["rename", "Acme\u001b]0;pwned\u0007 shop"]);
    const status = await run(repo, ["status"]);
    // The name is one line: control characters became spaces when it was stored.
    expect(status.split("\n")[0]).toBe(
      "Acme ]0;pwned shop: Spryker Cloud Commerce OS go-live checklist",
    );
    expect(status).not.toContain("\u001b");
  });
});
