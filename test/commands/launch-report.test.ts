/**
 * `golive export --format report` and `--format report-html` (issue 22): the launch report an
 * agency hands the client, from a history made by golive's own commands.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { golive, tempRepo } from "../helpers/cli.js";

describe("the launch report", () => {
  let dir = "";
  beforeAll(async () => {
    dir = tempRepo();
    const on = async (today: string, args: string[]) => {
      const r = await golive(dir, ["--today", today, ...args]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
    };
    await on("2027-01-04", ["init", "--date", "2027-02-22", "--name", "Acme <B2B> shop"]);
    await on("2027-01-05", ["answer", "old-shop", "no"]);
    // GEN-01 and CLO-01 are due 2027-01-25 (T-28 from the first date, a Monday).
    await on("2027-01-11", ["done", "GEN-01"]);
    await on("2027-01-20", [
      "reschedule",
      "--date",
      "2027-03-01",
      "--reason",
      "payment provider late",
      "--by",
      "@klaus",
    ]);
    await on("2027-02-05", ["done", "CLO-01"]);
    await on("2027-02-10", ["skip", "APP-04", "--reason", "no MariaDB | ever"]);
    await on("2027-02-12", [
      "waive",
      "CLO-14",
      "--reason",
      "DNS by the client",
      "--until",
      "2027-03-05",
      "--approver",
      "Klaus (client PM)",
    ]);
    await on("2027-03-02", ["export", "--format", "report", "--output", "launch.md"]);
    await on("2027-03-02", ["export", "--format", "report-html", "--output", "launch.html"]);
  });

  it("says what was done on time and late, waived, skipped, and every move of go-live", () => {
    const md = readFileSync(join(dir, "launch.md"), "utf8");
    // The project's name titles it (escaped for each format).
    expect(md).toMatch(
      /^# Launch report: Acme &lt;B2B&gt; shop: Spryker Cloud Commerce OS go-live checklist\n/,
    );
    expect(md).toContain("Go-live Mon 1 Mar 2027 (planned for Mon 22 Feb 2027, moved 1 time)");
    // After the move, the eight-weeks phase is due 2027-02-01.
    expect(md).toMatch(/\| GEN-01 \| [^|]+ \| — \| 2027-02-01 \| 2027-01-11 \|\n/);
    expect(md).toMatch(/\| CLO-01 \| [^|]+ \| — \| 2027-02-01 \| 2027-02-05 \| 4 days \|/);
    expect(md).toContain(
      "| CLO-14 | Set up DNS | open | 2027-03-05 | Klaus (client PM) | DNS by the client |",
    );
    expect(md).toContain("| APP-04 | Migrate to MariaDB | no MariaDB \\| ever |");
    expect(md).toContain("ruled out: old-shop = no");
    expect(md).toContain(
      "| 2027-02-22 | 2027-03-01 | payment provider late | @\u200bklaus | 2027-01-20 |",
    );
  });

  it("makes the same report a page", () => {
    const html = readFileSync(join(dir, "launch.html"), "utf8");
    expect(html).toContain(
      "<h1>Launch report: Acme &lt;B2B&gt; shop: Spryker Cloud Commerce OS go-live checklist</h1>",
    );
    expect(html).toContain('<section id="slips"><h2>Go-live date moves (1)</h2>');
    expect(html).toContain("<td>Klaus (client PM)</td>");
    expect(html).not.toContain("<script");
  });
});
