/**
 * Issue 18, text that reaches a pull request: a team catalogue is a file anyone can change in
 * one, so its titles are escaped in Markdown like the notes people write. A title holding
 * `@org/team` pinged the team from `golive diff`'s PR comment, `check --format markdown`'s job
 * summary and the exported report, and `https://…` became a link.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gitEnv, golive, read, tempRepo } from "../helpers/cli.js";

const TITLE = "Ask @acme/ops and @SUM(1), see https://evil.example and www.evil.example";
const ENV = { GOLIVE_TODAY: "2027-02-20" };

const CATALOGUE = `format: 1
name: ours
title: "Ours @acme/all https://evil.example"
version: "1"
categories:
  - { id: OPS, title: "Ops @acme/ops" }
phases:
  - { id: prep, title: "Prep @acme/ops", opens: -60, due: -30 }
items:
  - { id: OPS-01, category: OPS, phase: prep, title: "${TITLE}", summary: s }
  - { id: OPS-02, category: OPS, phase: prep, title: Second, summary: s }
`;

/** A mention or an autolink GitHub would make of the text. */
const LIVE = /(^|[^\w\u200b])@[A-Za-z]|:\/\/|www\./;

describe("a team catalogue's text in Markdown: no mention, no autolink", () => {
  it("check, status and export, diff and portfolio", async () => {
    const repo = tempRepo({ "ours.yaml": CATALOGUE });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
      ENV,
    );
    expect(init.code, init.stderr).toBe(0);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: gitEnv(repo) });
    git("add", "-A");
    git("commit", "-qm", "start");
    git("checkout", "-qb", "change");
    expect((await golive(repo, ["done", "OPS-01", "--note", "ok"], ENV)).code).toBe(0);
    git("commit", "-qam", "done");
    writeFileSync(join(repo, "portfolio.yaml"), "projects:\n  - { name: ours, path: . }\n");
    const outputs: [string, string][] = [];
    for (const args of [
      ["check", "--format", "markdown"],
      ["status", "--format", "markdown"],
      ["export", "--format", "markdown"],
      ["diff", "HEAD~1", "--format", "markdown"],
      ["reopen", "OPS-01"],
      ["portfolio", "--list", "portfolio.yaml", "--format", "markdown"],
    ]) {
      const r = await golive(repo, args, ENV);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBeLessThan(2);
      outputs.push([args.join(" "), r.stdout]);
    }
    expect(read(repo)).toContain("OPS-01");
    for (const [args, out] of outputs.filter(([a]) => !a.startsWith("reopen"))) {
      if (!args.startsWith("portfolio")) expect(out, args).toMatch(/@\u200bacme\//);
      expect(
        out.replace(/<details>|<\/details>|<summary>|<\/summary>|<br>/g, ""),
        args,
      ).not.toMatch(LIVE);
    }
  }, 30_000);
});
