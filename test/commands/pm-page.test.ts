/**
 * The page a project manager opens (issue 22): `export --format html` carries a burn-up read
 * from golive.yaml's history, the forecast at the last 14 days' pace, open items per owner per
 * week and what opens next week. The chart's numbers are data attributes, read here from the
 * page a real history of golive commands made; test/browser/pm-page.test.ts draws it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { golive, tempRepo } from "../helpers/cli.js";
import { HOSTILE } from "../helpers/fixtures.js";

/** Each day's numbers, from the chart's columns. */
function chart(html: string) {
  const svg = html.slice(
    html.indexOf('<svg id="burnup"'),
    html.indexOf("</svg>", html.indexOf('<svg id="burnup"')),
  );
  const days = [
    ...svg.matchAll(
      /<rect class="day" [^>]*data-date="([^"]+)"(?: data-closed="(\d+)")? data-planned="(\d+)"/g,
    ),
  ].map((m) => ({
    date: m[1]!,
    closed: m[2] === undefined ? undefined : Number(m[2]),
    planned: Number(m[3]),
  }));
  const attr = (name: string) => svg.match(new RegExp(`^<svg [^>]*\\b${name}="([^"]*)"`))?.[1];
  return {
    svg,
    days,
    scope: Number(attr("data-scope")),
    on: (d: string) => days.find((p) => p.date === d),
  };
}

function forecast(html: string): Record<string, string> {
  const tag = html.match(/<div id="forecast" ([^>]*)>/)![1]!;
  return Object.fromEntries(
    [...tag.matchAll(/data-([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
}

describe("the project manager's page", () => {
  let dir = "";
  let html = "";
  beforeAll(async () => {
    dir = tempRepo();
    const on = async (today: string, args: string[]) => {
      const r = await golive(dir, ["--today", today, ...args]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    };
    await on("2027-01-04", ["init", "--date", "2027-03-01"]);
    await on("2027-01-04", ["answer", "old-shop", "no"]);
    await on("2027-01-11", ["done", "GEN-01", "CLO-01"]);
    await on("2027-01-20", ["done", "CLO-02"]);
    await on("2027-02-03", ["done", "APP-01", "APP-02", "APP-03"]);
    await on("2027-02-05", ["reopen", "APP-03"]);
    await on("2027-02-08", ["skip", "APP-04", "--reason", "no MariaDB"]);
    await on("2027-02-09", ["assign", "CLO-14", "CLO-15", "--to", HOSTILE.script]);
    await on("2027-02-09", ["assign", "GEN-04", "--to", "Zoë"]);
    html = (await golive(dir, ["--today", "2027-02-10", "export", "--format", "html"])).stdout;
  });

  it("draws the burn-up from each item's history: closes, reopens, skips, and the answers' scope", () => {
    const { days, scope, on } = chart(html);
    // 84 items, 3 ruled out by old-shop = no.
    expect(scope).toBe(81);
    expect(days[0]!.date).toBe("2027-01-04");
    expect(days.at(-1)!.date).toBe("2027-03-08");
    expect(on("2027-01-10")!.closed).toBe(0);
    expect(on("2027-01-11")!.closed).toBe(2);
    expect(on("2027-01-20")!.closed).toBe(3);
    expect(on("2027-02-03")!.closed).toBe(6);
    expect(on("2027-02-05")!.closed).toBe(5);
    expect(on("2027-02-08")!.closed).toBe(6);
    expect(on("2027-02-10")!.closed).toBe(6);
    // No closed count after today: the chart does not draw the future.
    expect(on("2027-02-11")!.closed).toBeUndefined();
    // The plan: nothing due before the eight-weeks phase's deadline, everything by a week after go-live.
    expect(on("2027-01-28")!.planned).toBe(0);
    expect(on("2027-03-08")!.planned).toBe(81);
    const planned = days.map((d) => d.planned);
    expect(planned).toEqual([...planned].sort((a, b) => a - b));
    expect(html).toContain('id="burn-today"');
    expect(html).toContain('id="burn-golive"');
  });

  it("forecasts at the last 14 days' pace and lists the items at risk", () => {
    const f = forecast(html);
    // In the 14 days to 02-10: 6 closed then, 3 on 01-27.
    expect(f["per-day"]).toBe((3 / 14).toFixed(3));
    expect(f.open).toBe("75");
    expect(f["on-time"]).toBe("false");
    // 75 open at 3 in 14 days: 350 days.
    expect(f["closes-on"]).toBe("2028-01-26");
    expect(Number(f["at-risk"])).toBeGreaterThan(0);
    expect(html).toContain("Go-live is at risk:");
  });

  it("counts open items per owner per week, escaping the owner's name", () => {
    const owners = html.slice(
      html.indexOf('<table id="owners">'),
      html.indexOf("</table>", html.indexOf('<table id="owners">')),
    );
    const rows = [...owners.matchAll(/<tr data-owner="([^"]*)" data-total="(\d+)">/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows.map((r) => r[1])).toEqual(["2", "1", "72"]);
    expect(rows[2]![0]).toBe("");
    expect(owners).not.toContain("<script>");
    expect(owners).toContain("&lt;/script&gt;&lt;script&gt;alert(");
    expect(owners).toContain("Zoë");
    // This week (Mon 8 Feb) to go-live's (Mon 1 Mar).
    expect([...owners.matchAll(/<th class="n">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual([
      "Late",
      "8 Feb",
      "15 Feb",
      "22 Feb",
      "1 Mar",
      "Later",
    ]);
  });

  it("lists what opens next week", () => {
    const next = html.slice(html.indexOf('<table id="next-week">'));
    const ids = [
      ...next.slice(0, next.indexOf("</table>")).matchAll(/<tr data-id="([^"]+)">/g),
    ].map((m) => m[1]);
    // The two-weeks phase opens Mon 15 Feb; SEO-07 is ruled out by old-shop = no.
    expect(ids).toContain("CLO-14");
    expect(ids).not.toContain("SEO-07");
    expect(html).toContain(`${ids.length} items open Mon 15 Feb to Sun 21 Feb:`);
  });

  it("keeps the page's Content-Security-Policy and runs no script", () => {
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<img");
  });

  it("draws the filtered items only when the export is filtered", async () => {
    const mine = (
      await golive(dir, ["--today", "2027-02-10", "export", "--format", "html", "--owner", "Zoë"])
    ).stdout;
    expect(chart(mine).scope).toBe(1);
    expect(forecast(mine).open).toBe("1");
  });

  it("forecasts no risk to a go-live that has passed: live, then closed", async () => {
    const after = (await golive(dir, ["--today", "2027-03-10", "export", "--format", "html"]))
      .stdout;
    expect(after).not.toContain("Go-live is at risk");
    expect(after).toMatch(
      /Live since Mon 1 Mar 2027:<\/span> \d+ items due by go-live are still open/,
    );
  });
});
