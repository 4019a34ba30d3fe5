/**
 * What a team meets on day one (issue 11): a gate that never passes on an empty selection,
 * one meaning of "overdue" in every view, a standup that shows what is due and what was
 * missed, and planning in bulk.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { FROM_GIT, golive, initRepo, read } from "./helpers/cli.js";

const GO_LIVE = "2027-03-01";

async function project(
  today = "2027-02-12",
): Promise<{ repo: string; env: Record<string, string> }> {
  const env = { GOLIVE_TODAY: today };
  const repo = await initRepo(["--date", GO_LIVE], env);
  return { repo, env };
}

async function ok(repo: string, args: string[], env: Record<string, string>) {
  const result = await golive(repo, args, env);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe("the gate never lies", () => {
  it("--mine with a name that owns nothing is an error naming the owners, not a green gate", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "CLO-01", "Sam Taylor"], env);
    // What git says, as golive asks it outside the tests.
    execFileSync("git", ["config", "user.name", "github-actions"], { cwd: repo });
    const result = await golive(repo, ["check", "--mine"], env, { user: FROM_GIT });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"github-actions" owns no item');
    expect(result.stderr).toContain("owners in golive.yaml: Sam Taylor");
    expect(result.stdout).toBe("");
  });

  it("owner filters ignore case and take a unique first name", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "CLO-01", "Sam Taylor"], env);
    await ok(repo, ["assign", "CLO-02", "Sam Okafor"], env);
    await ok(repo, ["assign", "CLO-03", "Ana Lee"], env);
    const ana = await ok(repo, ["list", "--owner", "ana", "--json"], env);
    expect(JSON.parse(ana.stdout).items.map((i: { id: string }) => i.id)).toEqual(["CLO-03"]);
    const full = await ok(repo, ["list", "--owner", "SAM TAYLOR", "--json"], env);
    expect(JSON.parse(full.stdout).items.map((i: { id: string }) => i.id)).toEqual(["CLO-01"]);
    const sam = await golive(repo, ["list", "--owner", "sam"], env);
    expect(sam.code).toBe(2);
    expect(sam.stderr).toContain("could be Sam Taylor or Sam Okafor");
  });

  it("--mine as git's full name never guesses an owner written as a first name: it says so", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "CLO-01", "Bob"], env);
    await ok(repo, ["assign", "CLO-02", "Sam Okafor"], env);
    // "Bob" may be Bob Smith: not Bob Jones's items, and not a green gate either.
    const mine = await golive(repo, ["check", "--mine"], env, { user: "Bob Jones" });
    expect(mine.code).toBe(2);
    expect(mine.stderr).toContain('"Bob Jones" owns no item');
    expect(mine.stderr).toContain('if "Bob" is Bob Jones, use --owner "Bob"');
    expect(mine.stdout).toBe("");
  });

  it("--mine with --owner is a usage error", async () => {
    const { repo, env } = await project();
    const result = await golive(repo, ["check", "--mine", "--owner", "Sam"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--mine.*cannot be used with.*--owner/);
  });

  it.each([["check"], ["export"]])(
    "%s exits 2 when its filters select no item",
    async (command) => {
      const { repo, env } = await project();
      await ok(repo, ["done", "GEN-09", "GEN-10"], env);
      // Every go-live-day item of category GEN is done: none is open... but --status todo asks.
      const args = [command, "--phase", "go-live", "--category", "TR"];
      const result = await golive(repo, args, env);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr).toMatch(/no item matches phase go-live, category TR/);
    },
  );

  it("overdue means what the gate fails on, in status, JSON, Markdown and check alike", async () => {
    const { repo, env } = await project("2027-02-12");
    // Late on 2027-02-12: the eight-weeks items (due 2027-02-01). One waived, optional ones late.
    await ok(
      repo,
      ["waive", "CLO-01", "--reason", "network diagram after the audit", "--until", "2027-03-01"],
      env,
    );
    const check = await golive(repo, ["check", "--json"], env);
    expect(check.code).toBe(1);
    const gate = JSON.parse(check.stdout);
    const fails = gate.items.filter((i: { verdict: string }) => i.verdict === "fail").length;
    const status = JSON.parse((await ok(repo, ["status", "--json"], env)).stdout);
    expect(status.progress.overdue).toBe(fails);
    expect(status.items.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(fails);
    expect(gate.overdue).toHaveLength(fails);
    const text = (await ok(repo, ["status"], env)).stdout;
    expect(text).toContain(`Overdue (${fails})`);
    expect(text).toMatch(/Late, but waived or optional \(6\)/);
    expect(text).toMatch(/CLO-01 .*waived until 2027-03-01/);
    expect(text).toMatch(/APP-04 .*optional/);
    const md = (await ok(repo, ["export"], env)).stdout;
    expect(fails).toBeGreaterThan(0);
    expect(md).toContain(`\n## Overdue (${fails})\n`);
    expect(md).toContain("\n## Late, but waived or optional (6)\n");
  });

  it("a done item is done: its expired waiver is not listed, nor under Needs attention", async () => {
    const { repo, env } = await project("2027-01-20");
    await ok(repo, ["waive", "CLO-01", "--reason", "later", "--until", "2027-01-25"], env);
    await ok(repo, ["done", "CLO-01"], env);
    const after = { GOLIVE_TODAY: "2027-02-12" };
    const status = (await ok(repo, ["status"], after)).stdout;
    expect(status).not.toMatch(/Waivers/);
    const html = (await ok(repo, ["export", "--format", "html"], after)).stdout;
    // The section is there (other items need attention), and CLO-01 is in the page, not in it.
    const start = html.indexOf("<h2>Needs attention (");
    const end = html.indexOf("<h2>All items (");
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(html.slice(start, end)).toMatch(/CLO-\d\d/);
    expect(html.slice(start, end)).not.toContain("CLO-01");
    expect(html.slice(end)).toContain("CLO-01");
  });

  it("check shows why a blocked item is blocked", async () => {
    const { repo, env } = await project("2027-02-12");
    await ok(repo, ["block", "CLO-02", "--reason", "waiting for the ERP's VPN"], env);
    const result = await golive(repo, ["check"], env);
    expect(result.stdout).toMatch(/CLO-02 .*blocked: waiting for the ERP's VPN/);
  });
});

describe("the standup shows what matters", () => {
  it("an item whose window opens on its due day is due soon, and due-soon is sorted by date", async () => {
    const { repo, env } = await project("2027-02-12");
    const text = (await ok(repo, ["status"], env)).stdout;
    const soon = text.slice(text.indexOf("Due in the next 7 days"));
    expect(soon).toContain("GEN-03");
    const dates = [...soon.split("\n\n")[0]!.matchAll(/\((\w{3} \d+ \w{3})\)/g)].map((m) => m[1]!);
    const parsed = dates.map((d) => new Date(`${d} 2027`).getTime());
    expect(parsed).toEqual([...parsed].sort((a, b) => a - b));
  });

  it("a reminder shows from the week before its date, is marked missed after, until acknowledged", async () => {
    // TES-05's reminder: Fri 29 Jan 2027 (three days before its window opens on 1 Feb).
    const { repo } = await project("2027-01-25");
    const before = (await ok(repo, ["status"], { GOLIVE_TODAY: "2027-01-25" })).stdout;
    expect(before).toMatch(/TES-05 .*Fri 29 Jan: Tell Spryker about the load/);
    // The team meets on Monday: Friday's reminder is still there, marked missed.
    const monday = (await ok(repo, ["status"], { GOLIVE_TODAY: "2027-02-01" })).stdout;
    expect(monday).toMatch(/TES-05 .*missed Fri 29 Jan/);
    await ok(repo, ["ack", "TES-05"], { GOLIVE_TODAY: "2027-02-01" });
    expect(read(repo)).toMatch(/TES-05:\n\s+reminded:\n\s+by: Test User\n\s+at: 2027-02-01/);
    const acked = (await ok(repo, ["status"], { GOLIVE_TODAY: "2027-02-01" })).stdout;
    expect(acked).not.toMatch(/TES-05 .*missed/);
    const none = await golive(repo, ["ack", "CLO-01"], { GOLIVE_TODAY: "2027-02-01" });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("CLO-01 has no reminder");
  });

  it("kick-off day says a phase opened, how many items and how many have no owner", async () => {
    const { repo, env } = await project("2027-01-04");
    await ok(repo, ["assign", "GEN-01", "Sam"], env);
    const text = (await ok(repo, ["status"], env)).stdout;
    expect(text).toMatch(/Eight weeks before go-live opened today: 41 items, 40 without an owner/);
    expect(text).not.toContain("Nothing overdue, nothing due this week");
  });

  it("multi-line notes print as lines in show", async () => {
    const { repo, env } = await project();
    await ok(repo, ["note", "CLO-01", "first line\nsecond line"], env);
    const shown = (await ok(repo, ["show", "CLO-01"], env)).stdout;
    expect(shown).toContain("Note     first line\n         second line");
    expect(shown).not.toContain("\\n");
  });
});

describe("planning in bulk", () => {
  it("assign ID... --to OWNER, and the one-item form keeps working", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "CLO-01", "CLO-02", "app-3", "--to", "Sam"], env);
    await ok(repo, ["assign", "CLO-04", "Ana"], env);
    const list = JSON.parse((await ok(repo, ["list", "--json"], env)).stdout);
    const owner = (id: string) => list.items.find((i: { id: string }) => i.id === id).owner;
    expect([owner("CLO-01"), owner("CLO-02"), owner("APP-03"), owner("CLO-04")]).toEqual([
      "Sam",
      "Sam",
      "Sam",
      "Ana",
    ]);
  });

  it("assign --to with filters assigns the selection; --unassigned leaves owners alone", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "GEN-09", "Ana"], env);
    const out = await ok(repo, ["assign", "--to", "Bo", "--phase", "go-live", "--unassigned"], env);
    expect(out.stdout.trim().split("\n")).toHaveLength(5);
    const list = JSON.parse((await ok(repo, ["list", "--phase", "go-live", "--json"], env)).stdout);
    const owners = Object.fromEntries(
      list.items.map((i: { id: string; owner?: string }) => [i.id, i.owner]),
    );
    expect(owners).toEqual({
      "GEN-9": "Ana",
      "GEN-10": "Bo",
      "TES-12": "Bo",
      "CLO-16": "Bo",
      "CLO-17": "Bo",
      "CLO-18": "Bo",
    });
    const none = await golive(
      repo,
      ["assign", "--to", "Bo", "--phase", "go-live", "--unassigned"],
      env,
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no item matches phase go-live, no owner");
  });

  it("list --unassigned, and --status with several values and open", async () => {
    const { repo, env } = await project();
    await ok(repo, ["assign", "GEN-09", "Ana"], env);
    await ok(repo, ["done", "CLO-18"], env);
    await ok(repo, ["block", "CLO-16", "--reason", "mail"], env);
    const ids = async (args: string[]) =>
      JSON.parse(
        (await ok(repo, ["list", "--phase", "go-live", ...args, "--json"], env)).stdout,
      ).items.map((i: { id: string }) => i.id);
    expect(await ids(["--unassigned"])).not.toContain("GEN-09");
    expect(await ids(["--status", "done,blocked"])).toEqual(["CLO-16", "CLO-18"]);
    expect(await ids(["--status", "open"])).not.toContain("CLO-18");
    expect(await ids(["--status", "done", "--status", "blocked"])).toEqual(["CLO-16", "CLO-18"]);
    const help = await golive(repo, ["list", "--help"], env);
    expect(help.stdout.replace(/\s+/g, " ")).toContain(
      "todo, in-progress, blocked, done, not-applicable, open",
    );
  });
});
