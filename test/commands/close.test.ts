/**
 * Life after go-live: golive close ends the project, the gate passes with "closed on DATE",
 * the portfolio puts live and closed projects in sections of their own, notify stops.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { golive, initRepo, read, tempDir } from "../helpers/cli.js";

const LAUNCH = { GOLIVE_TODAY: "2027-03-10" };

/** A shop launched on 1 Mar 2027 with every item done but SEO-02 and GEN-10. */
async function launched(name = "Acme"): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01", "--name", name], {
    GOLIVE_TODAY: "2027-01-04",
  });
  const ids = JSON.parse((await golive(repo, ["list", "--json"], LAUNCH)).stdout).items.map(
    (i: { id: string }) => i.id,
  ) as string[];
  const done = ids.filter((id) => id !== "SEO-02" && id !== "GEN-10");
  expect((await golive(repo, ["done", ...done], { GOLIVE_TODAY: "2027-02-26" })).code).toBe(0);
  return repo;
}

const leave = [
  "--leave",
  "SEO-02=the agency does the SEO review",
  "--leave",
  "gen-10=old shop kept for the B2B buyers",
];

describe("golive close", () => {
  it("is refused while items are open, listing them; nothing is written", async () => {
    const repo = await launched();
    const before = read(repo);
    const result = await golive(repo, ["close", "--leave", "SEO-02=agency"], LAUNCH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("1 item is still open");
    expect(result.stderr).toContain("GEN-10 Disable old system after 72 hours (todo)");
    expect(result.stderr).not.toContain("SEO-02 ");
    expect(result.stderr).toContain("--leave GEN-10=REASON");
    expect(read(repo)).toBe(before);
  });

  it("refuses --leave of an item that is not open, and --leave without a reason", async () => {
    const repo = await launched();
    const done = await golive(repo, ["close", ...leave, "--leave", "CLO-01=x"], LAUNCH);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain("--leave names CLO-01, which is not open");
    const bare = await golive(repo, ["close", "--leave", "SEO-02"], LAUNCH);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(
      /^error: option '--leave <id=reason>' argument 'SEO-02' is invalid\. It is not ID=REASON/,
    );
  });

  it("records the day, who, why and what was left; check then passes in every format", async () => {
    const repo = await launched();
    expect((await golive(repo, ["check"], LAUNCH)).code).toBe(1);
    const closed = await golive(
      repo,
      ["close", "--reason", "hypercare over", "--by", "Dana", ...leave],
      LAUNCH,
    );
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain("Closed the project on Wed 10 Mar 2027: hypercare over.");
    expect(parse(read(repo)).closed).toEqual({
      on: "2027-03-10",
      reason: "hypercare over",
      by: "Dana",
      at: "2027-03-10",
      left: [
        { id: "SEO-02", reason: "the agency does the SEO review" },
        { id: "GEN-10", reason: "old shop kept for the B2B buyers" },
      ],
    });
    const later = { GOLIVE_TODAY: "2027-06-01" };
    const text = await golive(repo, ["check"], later);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "golive check passed: closed on 2027-03-10, 2 left open (of 84 items)",
    );
    expect(text.stdout).toMatch(
      /LEFT\s+GEN-10\s+Disable old system after 72 hours: left todo when the project was closed on 2027-03-10: old shop kept for the B2B buyers/,
    );

    // Nothing is overdue in any view of a closed project: status and the JSON agree with check.
    const status = await golive(repo, ["status"], later);
    expect(status.stdout).not.toContain("Overdue");
    expect(status.stdout).not.toMatch(/\d+ overdue/);
    const json = JSON.parse((await golive(repo, ["check", "--json"], later)).stdout);
    expect(json.progress.overdue).toBe(0);
    expect(json.passed).toBe(true);
    expect(json.life).toBe("closed");
    expect(json.name).toBe("Acme");
    expect(json.closed).toEqual({
      on: "2027-03-10",
      reason: "hypercare over",
      by: "Dana",
      left: [
        { id: "SEO-02", reason: "the agency does the SEO review" },
        { id: "GEN-10", reason: "old shop kept for the B2B buyers" },
      ],
    });
    expect(json.items.find((i: { id: string }) => i.id === "GEN-10").code).toBe("left-open");

    const junit = await golive(repo, ["check", "--format", "junit"], later);
    expect(junit.code).toBe(0);
    expect(junit.stdout).toContain(
      '<testsuites name="Acme: Spryker Cloud Commerce OS go-live checklist"',
    );
    expect(junit.stdout).toContain('failures="0"');
    expect(junit.stdout).toContain("closed on 2027-03-10, 2 left open");
    expect(junit.stdout).toMatch(
      /GEN-10[^\n]*\n\s*<skipped message="left todo when the project was closed on 2027-03-10: old shop kept/,
    );

    const md = await golive(repo, ["check", "--format", "markdown"], later);
    expect(md.stdout).toContain("### ✅ Acme: Spryker Cloud Commerce OS go-live checklist");
    expect(md.stdout).toContain("closed on 2027-03-10, 2 left open");
    expect(md.stdout).toMatch(/\| ⏹️ LEFT OPEN \| GEN-10 [^\n]*left todo when/);

    const github = await golive(repo, ["check", "--format", "github"], later);
    expect(github.code).toBe(0);
    expect(github.stdout).toMatch(/::notice [^\n]*title=golive%3A GEN-10 left open::/);
    expect(github.stdout).toContain("golive check passed: closed on 2027-03-10, 2 left open");
  });

  it("edits after close keep working; status shows closed; --undo reopens it", async () => {
    const repo = await launched();
    expect((await golive(repo, ["close", ...leave], LAUNCH)).code).toBe(0);
    const again = await golive(repo, ["close"], LAUNCH);
    expect(again.stdout).toContain("already closed on Wed 10 Mar 2027");
    expect((await golive(repo, ["done", "GEN-10"], { GOLIVE_TODAY: "2027-03-12" })).code).toBe(0);
    const status = await golive(repo, ["status"], { GOLIVE_TODAY: "2027-03-12" });
    expect(status.stdout.split("\n")[1]).toBe(
      "Closed on Wed 10 Mar 2027 · went live Mon 1 Mar 2027 · today Fri 12 Mar 2027",
    );
    const undo = await golive(repo, ["close", "--undo"], LAUNCH);
    expect(undo.stdout).toContain("open again (it was closed on Wed 10 Mar 2027)");
    const state = parse(read(repo));
    expect(state.closed).toBeUndefined();
    // The close taken back stays in golive.yaml's history, with who took it back and when.
    expect(state.reopened).toHaveLength(1);
    expect(state.reopened[0].was.on).toBe("2027-03-10");
    expect(state.reopened[0].was.left.map((l: { id: string }) => l.id)).toEqual([
      "SEO-02",
      "GEN-10",
    ]);
    expect(state.reopened[0].by).toBe("Test User");
    const since = await golive(repo, ["status", "--since", "2027-03-10"], LAUNCH);
    expect(since.stdout).toContain(
      "  project reopened (it was closed on Wed 10 Mar 2027) by Test User on Wed 10 Mar 2027",
    );
    expect((await golive(repo, ["check"], { GOLIVE_TODAY: "2027-06-01" })).code).toBe(1);
  });

  it("every page says live since and closed on; the launch report says why and what was left", async () => {
    const repo = await launched();
    const live = await golive(repo, ["export", "--format", "markdown"], LAUNCH);
    expect(live.stdout).toContain(
      "**Live since 2027-03-01** · 9 days after go-live · today 2027-03-10",
    );
    const liveHtml = await golive(repo, ["export", "--format", "html"], LAUNCH);
    expect(liveHtml.stdout).toContain("<p>Live since <b>2027-03-01</b> · 9 days after go-live");
    const reason = ["--reason", "handed over to <support> *team*"];
    expect((await golive(repo, ["close", ...reason, ...leave], LAUNCH)).code).toBe(0);
    const later = { GOLIVE_TODAY: "2027-03-12" };
    expect((await golive(repo, ["reopen", "CLO-01"], later)).code).toBe(0);
    const md = await golive(repo, ["export", "--format", "markdown"], later);
    expect(md.stdout).toContain(
      "**Closed on 2027-03-10** · went live 2027-03-01 · today 2027-03-12",
    );
    const html = await golive(repo, ["export", "--format", "html"], later);
    expect(html.stdout).toContain("<p>Closed on <b>2027-03-10</b> · went live 2027-03-01");
    const report = await golive(repo, ["export", "--format", "report"], later);
    expect(report.stdout).toContain(
      "**Closed on Wed 10 Mar 2027 by Test User: handed over to &lt;support&gt; \\*team\\*.**",
    );
    expect(report.stdout).toMatch(/\| SEO-02 \|[^\n]*\| the agency does the SEO review \|/);
    expect(report.stdout).toMatch(/\| CLO-01 \|[^\n]*\| — \(not left open at the close\) \|/);
    const page = await golive(repo, ["export", "--format", "report-html"], later);
    expect(page.stdout).toContain("handed over to &lt;support&gt; *team*.</b></p>");
    expect(page.stdout).toContain("<th>Left at the close</th>");
    expect(page.stdout).toContain("<td>old shop kept for the B2B buyers</td>");
  });

  it("a close dated after today has not happened; a close on no real day is refused", async () => {
    const repo = await launched();
    const text = read(repo);
    writeFileSync(
      join(repo, "golive.yaml"),
      `${text}closed:\n  on: 2099-01-01\n  by: x\n  at: 2027-03-10\n`,
    );
    expect((await golive(repo, ["check"], LAUNCH)).code).toBe(1);
    writeFileSync(
      join(repo, "golive.yaml"),
      `${text}closed:\n  on: 2027-02-30\n  by: x\n  at: 2027-03-10\n`,
    );
    const bad = await golive(repo, ["close", "--undo"], LAUNCH);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/golive\.yaml:\d+:\d+: .*closed\.on: 2027-02-30 is not a real date/);
    expect(read(repo)).toContain("on: 2027-02-30");
  });

  it("a project closed before its go-live day never went live", async () => {
    const repo = await initRepo(["--date", "2027-03-01", "--name", "Cancelled"], {
      GOLIVE_TODAY: "2027-01-04",
    });
    const early = { GOLIVE_TODAY: "2027-01-20" };
    const ids = JSON.parse((await golive(repo, ["list", "--json"], early)).stdout).items.map(
      (i: { id: string }) => i.id,
    ) as string[];
    const leave = ids.flatMap((id) => ["--leave", `${id}=launch cancelled`]);
    expect((await golive(repo, ["close", "--reason", "cancelled", ...leave], early)).code).toBe(0);
    const status = await golive(repo, ["status"], early);
    expect(status.stdout.split("\n")[1]).toBe(
      "Closed on Wed 20 Jan 2027 · go-live was Mon 1 Mar 2027 · today Wed 20 Jan 2027",
    );
  });

  it("says an item reopened after the close is open since then, not that it was left", async () => {
    const repo = await launched();
    expect((await golive(repo, ["close", ...leave], LAUNCH)).code).toBe(0);
    const later = { GOLIVE_TODAY: "2027-03-12" };
    expect((await golive(repo, ["reopen", "CLO-01"], later)).code).toBe(0);
    const text = await golive(repo, ["check"], later);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "golive check passed: closed on 2027-03-10, 2 left open, 1 open or failing but not left (of 84 items)",
    );
    expect(text.stdout).toMatch(
      /CLO-01\s+[^\n]*: todo, not among the items left open when the project was closed on 2027-03-10\n/,
    );
    expect(text.stdout).not.toMatch(/CLO-01[^\n]*no reason given/);
    expect(text.stdout).toMatch(/^ {2}WARN\s+CLO-01/m);
    const json = JSON.parse((await golive(repo, ["check", "--json"], later)).stdout);
    expect(json.closed.left.map((l: { id: string }) => l.id)).toEqual(["SEO-02", "GEN-10"]);
    expect(json.items.find((i: { id: string }) => i.id === "CLO-01").verdict).toBe("warn");
  });

  it("an item reopened before the close, on a branch merged after it, is not said to be open since", async () => {
    const repo = await launched();
    // The reopen, dated before the close, as a merge of another branch brings it in.
    const reopened = { GOLIVE_TODAY: "2027-03-08" };
    expect((await golive(repo, ["reopen", "CLO-01"], reopened)).code).toBe(0);
    const state = parse(read(repo));
    expect(state.items["CLO-01"].at).toBe("2027-03-08");
    writeFileSync(
      join(repo, "golive.yaml"),
      `${read(repo)}closed:\n  on: 2027-03-10\n  by: Ana\n  at: 2027-03-10\n  left:\n    - { id: SEO-02, reason: the agency does it }\n    - { id: GEN-10, reason: old shop kept }\n`,
    );
    const later = { GOLIVE_TODAY: "2027-03-12" };
    const check = await golive(repo, ["check"], later);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toMatch(/since the project was closed|not open then|failing since/);
    expect(check.stdout).toMatch(
      /CLO-01\s+[^\n]*: todo, not among the items left open when the project was closed on 2027-03-10\n/,
    );
    const report = await golive(repo, ["export", "--format", "report"], later);
    expect(report.stdout).toMatch(/\| CLO-01 \|[^\n]*\| — \(not left open at the close\) \|/);
    expect(report.stdout).not.toContain("open since the close");
  });

  it("status and the Markdown summary never call a late item of a closed project optional", async () => {
    const repo = await launched();
    expect((await golive(repo, ["close", ...leave], LAUNCH)).code).toBe(0);
    const later = { GOLIVE_TODAY: "2027-03-12" };
    expect((await golive(repo, ["reopen", "CLO-01"], later)).code).toBe(0);
    const status = await golive(repo, ["status"], later);
    expect(status.stdout).toContain("Late, but the project is closed (3)");
    expect(status.stdout).not.toContain("optional");
    expect(status.stdout).toMatch(/CLO-01 [^\n]*; not left open at the close\n/);
    expect(status.stdout).toMatch(/SEO-02 [^\n]*; left open at the close: the agency does the SEO/);
    const md = await golive(repo, ["export", "--format", "markdown"], later);
    expect(md.stdout).toContain("## Late, but the project is closed (3)");
    expect(md.stdout).not.toContain("optional");
    expect(md.stdout).toMatch(/\| CLO-01 \|[^\n]*; not left open at the close \|/);
    expect(md.stdout).toMatch(
      /\| GEN-10 \|[^\n]*; left open at the close: old shop kept for the B2B buyers \|/,
    );
  });

  it("finds an item the close left open by its ID in any case, or a former ID, in every view", async () => {
    const repo = await launched();
    expect((await golive(repo, ["close", ...leave], LAUNCH)).code).toBe(0);
    const text = read(repo);
    expect(text).toContain("id: GEN-10");
    writeFileSync(join(repo, "golive.yaml"), text.replace("id: GEN-10", "id: gen-010"));
    const later = { GOLIVE_TODAY: "2027-03-12" };
    const check = await golive(repo, ["check"], later);
    expect(check.stdout).toContain("closed on 2027-03-10, 2 left open (of 84 items)");
    expect(check.stdout).toMatch(/LEFT\s+GEN-10 [^\n]*: old shop kept for the B2B buyers\n/);
    const status = await golive(repo, ["status"], later);
    expect(status.stdout).toMatch(/GEN-10 [^\n]*; left open at the close: old shop kept/);
    const report = await golive(repo, ["export", "--format", "report"], later);
    expect(report.stdout).toMatch(/\| GEN-10 \|[^\n]*\| old shop kept for the B2B buyers \|/);
    const show = await golive(repo, ["show", "GEN-10"], later);
    expect(show.stdout).toContain(
      "\nClosed   on 2027-03-10, leaving it open: old shop kept for the B2B buyers\n",
    );
    expect((await golive(repo, ["reopen", "CLO-01"], later)).code).toBe(0);
    const reopened = await golive(repo, ["show", "CLO-01"], later);
    expect(reopened.stdout).toContain("\nClosed   on 2027-03-10, not among the items left open\n");
    const done = await golive(repo, ["show", "CLO-02"], later);
    expect(done.stdout).not.toContain("Closed");
  });

  it("notify posts nothing for a closed project unless --force", async () => {
    const repo = await launched();
    expect((await golive(repo, ["close", ...leave], LAUNCH)).code).toBe(0);
    const env = { ...LAUNCH, GOLIVE_WEBHOOK_URL: "http://127.0.0.1:9/hook" };
    const stopped = await golive(repo, ["notify", "--to", "slack"], env);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain(
      "closed on 2027-03-10: no digest posted (--force posts one anyway)",
    );
    // A dry run says the same, and shows the payload --force would post.
    const dry = await golive(repo, ["notify", "--to", "slack", "--dry-run"], env);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(
      "closed on 2027-03-10: golive notify would not post (--force posts one anyway)",
    );
    // --force goes on to post (and fails here, with nothing listening): it did try. A closed
    // project has nothing overdue, so its digest is empty: --post-empty too.
    const forced = await golive(
      repo,
      ["notify", "--to", "slack", "--force", "--post-empty", "--retries", "0", "--timeout", "2"],
      env,
    );
    expect(forced.code).toBe(3);
  });
});

describe("golive portfolio with live and closed projects", () => {
  it("puts projects in preparation, live and closed in sections of their own (text, Markdown, HTML, JSON)", async () => {
    const closed = await launched("Closed shop");
    expect((await golive(closed, ["close", ...leave], LAUNCH)).code).toBe(0);
    const live = await launched("Live shop");
    const planned = await initRepo(["--date", "2027-09-01", "--name", "Next shop"], LAUNCH);
    for (const repo of [closed, live, planned]) {
      execFileSync("git", ["-C", repo, "add", "-A"]);
      execFileSync("git", ["-C", repo, "commit", "-qm", "state"]);
    }
    const args = ["portfolio", closed, live, planned];
    const text = await golive(tempDir(), args, LAUNCH);
    expect(text.code).toBe(0);
    const at = (s: string) => text.stdout.indexOf(s);
    expect(at("In preparation (1)")).toBeLessThan(at("Next shop"));
    expect(at("Next shop")).toBeLessThan(at("Live (1)"));
    expect(at("Live (1)")).toBeLessThan(at("Live shop"));
    expect(at("Live shop")).toBeLessThan(at("Closed (1)"));
    expect(at("Closed (1)")).toBeLessThan(at("Closed shop"));
    expect(text.stdout).toMatch(/Closed shop[^\n]*—[^\n]*closed 2027-03-10/);

    const md = (await golive(tempDir(), [...args, "--format", "markdown"], LAUNCH)).stdout;
    expect(md).toContain("## Live (1)");
    expect(md).toMatch(
      /## Closed \(1\)[\s\S]*\| Closed shop \| [^\n]*\| — \|[^\n]*closed 2027-03-10/,
    );

    const html = (await golive(tempDir(), [...args, "--format", "html"], LAUNCH)).stdout;
    expect(html).toContain("<h2>Closed (1)</h2>");
    expect(html).toMatch(/data-project="Closed shop" data-life="closed"/);

    const json = JSON.parse((await golive(tempDir(), [...args, "--json"], LAUNCH)).stdout);
    expect(
      json.projects.map((p: { name: string; life: string; closedOn: string | null }) => [
        p.name,
        p.life,
        p.closedOn,
      ]),
    ).toEqual([
      ["Closed shop", "closed", "2027-03-10"],
      ["Live shop", "live", null],
      ["Next shop", "planning", null],
    ]);
    // The closed project's gate passes; the live one's fails on GEN-10 and SEO-02.
    expect(json.projects[0].gate.passed).toBe(true);
  });
});
