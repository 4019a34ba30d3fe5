/**
 * Reports people open (issue 11): a CSV that Excel opens by double-click with non-ASCII names
 * intact (a UTF-8 byte order mark, `--no-bom` to leave it out), and an HTML page whose timeline
 * labels every row with its ID and title, shows dates on its axis, lists what is due today under
 * "Needs attention" and has a print style sheet. test/browser/print.test.ts prints it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { golive, tempRepo } from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-15" };

async function project(): Promise<string> {
  const dir = tempRepo();
  for (const args of [
    ["init", "--date", "2027-03-01"],
    ["assign", "CLO-12", "Zoë Ångström 日本"],
    ["done", "GEN-01", "--note", "Übergabe an die Straße"],
  ]) {
    const r = await golive(dir, args, TODAY);
    expect(r.code, r.stderr).toBe(0);
  }
  return dir;
}

describe("export --format csv", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await project();
  });

  it("starts with a UTF-8 byte order mark, on the console and in --output", async () => {
    const shown = await golive(dir, ["export", "--format", "csv"], TODAY);
    expect(shown.code).toBe(0);
    expect(shown.stdout.startsWith("\ufeffid,title,")).toBe(true);
    expect(
      (await golive(dir, ["export", "--format", "csv", "--output", "out/g.csv"], TODAY)).code,
    ).toBe(0);
    const bytes = readFileSync(join(dir, "out/g.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // The names survive, and a parser that knows BOMs reads the columns as named.
    const rows: Record<string, string>[] = parseCsv(bytes, { columns: true, bom: true });
    expect(rows.find((r) => r.id === "CLO-12")!.owner).toBe("Zoë Ångström 日本");
    expect(rows.find((r) => r.id === "GEN-01")!.note).toBe("Übergabe an die Straße");
    expect(bytes.toString("utf8").slice(1)).toBe(shown.stdout.slice(1));
  });

  it("leaves it out with --no-bom, and refuses --no-bom for another format", async () => {
    const plain = await golive(dir, ["export", "--format", "csv", "--no-bom"], TODAY);
    expect(plain.stdout.startsWith("id,title,")).toBe(true);
    await golive(dir, ["export", "--format", "csv", "--no-bom", "--output", "plain.csv"], TODAY);
    expect(readFileSync(join(dir, "plain.csv"))[0]).toBe("i".charCodeAt(0));
    const html = await golive(dir, ["export", "--format", "html", "--no-bom"], TODAY);
    expect(html.code).toBe(2);
    expect(html.stderr).toContain("--no-bom only applies to --format csv, not html");
    // Only the CSV starts with a byte order mark.
    for (const format of ["markdown", "ics", "html"]) {
      const out = await golive(dir, ["export", "--format", format], TODAY);
      expect(out.stdout.startsWith("\ufeff"), format).toBe(false);
    }
  });
});

describe("export --format html", () => {
  let html = "";
  beforeAll(async () => {
    const dir = await project();
    html = (await golive(dir, ["export", "--format", "html"], TODAY)).stdout;
  });

  it("labels every timeline row with its ID and title, as visible text", () => {
    const timeline = html.slice(
      html.indexOf('<div id="timeline">'),
      html.indexOf("</div>", html.indexOf('<div id="timeline">')),
    );
    const labels = [
      ...timeline.matchAll(
        /<text [^>]*class="label"><tspan class="id">([^<]+)<\/tspan> ([^<]+)<\/text>/g,
      ),
    ];
    const marks = [...timeline.matchAll(/<rect class="mark" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(marks).toHaveLength(84);
    expect(labels.map((m) => m[1])).toEqual(marks);
    expect(labels.find((m) => m[1] === "CLO-14")![2]).toBe("Set up DNS");
    // A long title is cut in the label; the tooltip and the tables keep it whole.
    const long = labels.find((m) => m[1] === "CLO-05")![2]!;
    expect(long.endsWith("…")).toBe(true);
    expect(html).toContain("Evaluate DOS and DDOS prevention (backend / Merchant Portal)");
  });

  it("shows dates on the axis, above the rows and below them", () => {
    const timeline = html.indexOf('<div id="timeline">');
    const firstChart = html.slice(html.indexOf("<svg", timeline), html.indexOf("</svg>", timeline));
    const dates = [...firstChart.matchAll(/<text [^>]*class="date">([^<]+)<\/text>/g)].map(
      (m) => m[1],
    );
    // Ten weekly ticks from T-56 to T+7, each dated twice.
    expect(dates).toHaveLength(20);
    expect(dates.slice(0, 2)).toEqual(["Mon 4 Jan", "Mon 4 Jan"]);
    expect(dates).toContain("Mon 1 Mar");
    expect(firstChart).toContain("today Mon 15 Feb");
  });

  it("lists the items due today under Needs attention", () => {
    const attention = html.slice(
      html.indexOf("<h2>Needs attention"),
      html.indexOf("<h2>All items"),
    );
    // The four-weeks phase is due on 2027-02-15, today.
    expect(attention).toContain("<td>CLO-10</td>");
    expect(attention).toContain("due today");
    // A done item is not.
    expect(attention).not.toContain("<td>GEN-01</td>");
  });

  it("has a print style sheet: A4 landscape, colours kept, whole notes, a chart per page", () => {
    const print = html.slice(html.indexOf("@media print{"));
    expect(print).toContain("@page{size:A4 landscape");
    expect(print).toContain("print-color-adjust:exact");
    expect(print).toContain(".notes{max-height:none;overflow:visible}");
    expect(print).toContain("figure.phase");
    expect(print).toContain("break-inside:avoid");
    expect(print).toContain("thead{display:table-header-group}");
    expect(html.match(/<figure class="phase">/g)).toHaveLength(4);
  });
});
