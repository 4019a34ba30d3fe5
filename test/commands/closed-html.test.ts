/**
 * The HTML page of a closed project says, for each open item, whether the close left it open
 * and why, as status, show, check and the launch report do.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { golive, initRepo, read } from "../helpers/cli.js";

it("export --format html says why a closed project's open item fails nothing", async () => {
  const TODAY = { GOLIVE_TODAY: "2027-03-12" };
  const repo = await initRepo(["--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" });
  expect((await golive(repo, ["done", "GEN-03"], TODAY)).code).toBe(0);
  writeFileSync(
    join(repo, "golive.yaml"),
    `${read(repo)}closed:\n  on: 2027-03-10\n  left:\n    - { id: gen-1, reason: "the <b>agency</b> does it" }\n`,
  );
  const html = (await golive(repo, ["export", "--format", "html"], TODAY)).stdout;
  const row = (id: string) => html.split("<tr>").find((r) => r.startsWith(`<td>${id}</td>`)) ?? "";
  expect(row("GEN-01")).toContain("Left open at the close: the &lt;b&gt;agency&lt;/b&gt; does it");
  expect(row("GEN-02")).toContain("Not left open at the close");
  expect(row("GEN-03")).not.toMatch(/at the close/);
});
