/**
 * A project has a name: init --name or its default, golive rename, and a state file
 * without a name that keeps working.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { echo } from "../../src/core/escape.js";
import { cleanName, nameFromRemote, projectTitle } from "../../src/core/identity.js";
import { gitEnv, golive, initRepo, read, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

describe("the project's name", () => {
  it.each([
    ["https://github.com/acme/shop.git", "shop"],
    ["https://x-access-token:ghp_abc@github.com/acme/b2b-shop.git", "b2b-shop"],
    ["git@gitlab.com:acme/group/store.git", "store"],
    ["ssh://git@host:22/acme/shop/", "shop"],
    ["/srv/git/acme-shop.git", "acme-shop"],
    ["file:///srv/git/shop", "shop"],
    ["https://user:secret@host", undefined],
    ["https://host/acme/shop.git?token=abc", "shop"],
  ])("is taken from the remote %s as %s, never its user info", (url, name) => {
    expect(nameFromRemote(url)).toBe(name);
  });

  it("is one line of text, and titles fall back to the catalogue's alone", () => {
    expect(cleanName(" Acme\n\tshop\u0007 ")).toBe("Acme shop");
    expect(cleanName("  ")).toBeUndefined();
    expect(projectTitle(undefined, "Checklist")).toBe("Checklist");
    expect(projectTitle("Acme", "Checklist")).toBe("Acme: Checklist");
  });

  it("init --name writes it to golive.yaml and says how to change it", async () => {
    const repo = tempRepo();
    const result = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--name", "Acme shop"],
      TODAY,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created golive.yaml for Acme shop:");
    expect(result.stdout).toContain("golive rename");
    expect(parse(read(repo)).name).toBe("Acme shop");
  });

  it("init --name with nothing in it is a usage error, and nothing is written", async () => {
    const repo = tempRepo();
    const result = await golive(repo, ["init", "--date", "2027-03-01", "--name", " "], TODAY);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: option '--name <name>' argument ' ' is invalid\. It is empty: a project needs a name/,
    );
    expect(() => read(repo)).toThrow();
    const named = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
    const rename = await golive(named, ["rename", ""], TODAY);
    expect(rename.code).toBe(2);
    expect(rename.stderr).toMatch(
      /^error: command-argument value '' is invalid for argument 'name'\. It is empty: a project needs a name/,
    );
  });

  it("a name over 200 characters is refused, never cut: rename and init --name", async () => {
    const named = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
    const before = read(named);
    const long = `${"Acme B2B shop ".repeat(15)}end!`; // 214 characters
    expect(long.length).toBe(214);
    const rename = await golive(named, ["rename", long], TODAY);
    expect(rename.code).toBe(2);
    expect(rename.stdout).toBe("");
    expect(rename.stderr).toMatch(
      new RegExp(
        `^error: command-argument value '${echo(long)}' is invalid for argument 'name'\\. It is ${long.length} characters long: a name has at most 200 \\(it heads every title\\); use a shorter one`,
      ),
    );
    expect(read(named)).toBe(before);
    const repo = tempRepo();
    const init = await golive(repo, ["init", "--date", "2027-03-01", "--name", long], TODAY);
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(
      new RegExp(
        `^error: option '--name <name>' argument '${echo(long)}' is invalid\\. It is 214 characters long`,
      ),
    );
    expect(() => read(repo)).toThrow();
    // 200 characters, spaces around them trimmed, are a name.
    const exact = `  ${"n".repeat(200)}  `;
    expect((await golive(named, ["rename", exact], TODAY)).code).toBe(0);
    expect(parse(read(named)).name).toBe("n".repeat(200));
  });

  it("defaults to the origin remote's repository name, without user info", async () => {
    const repo = tempRepo();
    execFileSync("git", [
      "-C",
      repo,
      "remote",
      "add",
      "origin",
      "https://x-access-token:ghp_SECRET@github.com/acme/acme-b2c.git",
    ]);
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    const text = read(repo);
    expect(parse(text).name).toBe("acme-b2c");
    expect(text).not.toContain("SECRET");
  });

  it("defaults to the repository folder's name without a remote", async () => {
    const repo = tempRepo();
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    expect(parse(read(repo)).name).toBe(basename(repo));
  });

  it("golive rename changes it and records who, when and the old name", async () => {
    const repo = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
    const result = await golive(repo, ["rename", "Acme B2B", "--by", "Dana"], TODAY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("now named Acme B2B (was Acme)");
    const state = parse(read(repo));
    expect(state.name).toBe("Acme B2B");
    expect(state.renames).toEqual([{ from: "Acme", to: "Acme B2B", by: "Dana", at: "2027-02-10" }]);
    const again = await golive(repo, ["rename", "Acme B2B"], TODAY);
    expect(again.stdout).toContain("already named Acme B2B");
    expect(parse(read(repo)).renames).toHaveLength(1);
  });

  it("a state file without a name keeps working, and rename gives it one", async () => {
    const repo = tempRepo();
    writeFileSync(
      join(repo, "golive.yaml"),
      "golive: 1\ncatalogue: { name: spryker-cloud }\ngoLive: 2027-03-01\n",
    );
    const status = await golive(repo, ["status"], TODAY);
    expect(status.code).toBe(0);
    expect(status.stdout.split("\n")[0]).toBe("Spryker Cloud Commerce OS go-live checklist");
    expect((await golive(repo, ["rename", "Acme"], TODAY)).code).toBe(0);
    expect(parse(read(repo)).renames).toEqual([
      { to: "Acme", by: expect.any(String), at: "2027-02-10" },
    ]);
  });
});

describe("live from go-live day", () => {
  it("status shows the name, says the project is live and puts the post-go-live items first", async () => {
    const repo = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
    const before = await golive(repo, ["status"], { GOLIVE_TODAY: "2027-02-28" });
    expect(before.stdout.split("\n").slice(0, 2)).toEqual([
      "Acme: Spryker Cloud Commerce OS go-live checklist",
      "Go-live Mon 1 Mar 2027 · 1 day to go · today Sun 28 Feb 2027",
    ]);
    expect(before.stdout).not.toContain("After go-live");
    const after = await golive(repo, ["status"], { GOLIVE_TODAY: "2027-03-02" });
    expect(after.code).toBe(0);
    expect(after.stdout.split("\n")[1]).toBe(
      "Live since Mon 1 Mar 2027 · 1 day after go-live · today Tue 2 Mar 2027",
    );
    // GEN-10 opens T+3 inside the go-live day phase: only this section says when.
    const section = after.stdout.split("After go-live (")[1]!.split("\n\n")[0]!;
    expect(section).toMatch(
      /GEN-10\s+Disable old system after 72 hours\s+—\s+opens Thu 4 Mar, due in 6 days \(Mon 8 Mar\)/,
    );
    // Go-live day items are overdue by now, listed under Overdue and not twice.
    expect(section).not.toContain("CLO-18");
    expect(after.stdout).toMatch(/Overdue \(\d+\)[\s\S]*CLO-18/);
    expect(after.stdout).not.toContain("Due in the next 7 days");
  });
});

describe("golive diff says when the project was renamed or closed", () => {
  it("text, Markdown and JSON name the rename and the close, with who and why", async () => {
    const env = { GOLIVE_TODAY: "2027-03-10" };
    const repo = tempRepo();
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", repo, ...args], { env: gitEnv(repo), encoding: "utf8" });
    // Recorded after the launch: go-live is before today on purpose.
    const init = ["init", "--date", "2027-03-01", "--name", "Acme", "--allow-past"];
    expect((await golive(repo, init, env)).code).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "golive");
    git("checkout", "-qb", "wrap-up");
    expect((await golive(repo, ["rename", "Acme *B2B*", "--by", "Dana"], env)).code).toBe(0);
    const ids = JSON.parse((await golive(repo, ["list", "--json"], env)).stdout).items.map(
      (i: { id: string }) => i.id,
    ) as string[];
    const leave = ids.flatMap((id) => ["--leave", `${id}=handed to the client`]);
    const close = await golive(
      repo,
      ["close", "--reason", "hypercare over", "--by", "Dana", ...leave],
      env,
    );
    expect(close.code, close.stderr).toBe(0);
    const text = await golive(repo, ["diff", "main"], env);
    expect(text.stdout).toContain("project renamed, project closed");
    expect(text.stdout).toContain(
      "  project renamed from Acme to Acme *B2B* by Dana on Wed 10 Mar 2027",
    );
    expect(text.stdout).toMatch(
      / {2}project closed on Wed 10 Mar 2027 by Dana: hypercare over; left open: GEN-01 \(handed to the client\)/,
    );
    const md = await golive(repo, ["diff", "main", "--format", "markdown"], env);
    expect(md.stdout).toContain(
      "- **project renamed from Acme to Acme \\*B2B\\* by Dana on Wed 10 Mar 2027**",
    );
    const json = JSON.parse((await golive(repo, ["diff", "main", "--json"], env)).stdout);
    expect(json.name).toEqual({ from: "Acme", to: "Acme *B2B*", by: "Dana", at: "2027-03-10" });
    expect(json.closed.kind).toBe("closed");
    expect(json.closed.closed.left).toHaveLength(84);
    const since = await golive(repo, ["status", "--since", "2027-03-10"], env);
    expect(since.stdout).toContain(
      [
        "Project changed since Wed 10 Mar 2027 (2)",
        "  project closed on Wed 10 Mar 2027 by Dana: hypercare over; left open: GEN-01 (handed to",
      ].join("\n"),
    );
    expect(since.stdout).toContain(
      "  project renamed from Acme to Acme *B2B* by Dana on Wed 10 Mar 2027",
    );
    const sinceMd = await golive(
      repo,
      ["status", "--since", "2027-03-10", "--format", "markdown"],
      env,
    );
    expect(sinceMd.stdout).toContain("## Project changed since 2027-03-10 (2)");
    expect(sinceMd.stdout).toContain(
      "- project renamed from Acme to Acme \\*B2B\\* by Dana on Wed 10 Mar 2027",
    );
    const sinceJson = JSON.parse(
      (await golive(repo, ["status", "--since", "2027-03-10", "--json"], env)).stdout,
    );
    expect(sinceJson.projectChanges.map((c: { kind: string }) => c.kind)).toEqual([
      "closed",
      "renamed",
    ]);
    const before = await golive(repo, ["status", "--since", "2027-03-11"], {
      GOLIVE_TODAY: "2027-03-12",
    });
    expect(before.stdout).not.toContain("Project changed since");
    git("commit", "-qam", "closed");
    expect((await golive(repo, ["close", "--undo"], env)).code).toBe(0);
    expect((await golive(repo, ["diff", "HEAD"], env)).stdout).toContain(
      "project reopened (it was closed on Wed 10 Mar 2027)",
    );
  });
});

describe("the gate after go-live", () => {
  it("judges the post-go-live items on their own dates: GEN-10 passes until T+7 and fails from T+8", async () => {
    const repo = await initRepo(["--date", "2027-03-01", "--name", "Acme"], TODAY);
    const ids = JSON.parse((await golive(repo, ["list", "--json"], TODAY)).stdout).items.map(
      (i: { id: string }) => i.id,
    ) as string[];
    const before = ids.filter((id) => id !== "GEN-10");
    expect((await golive(repo, ["done", ...before], { GOLIVE_TODAY: "2027-03-01" })).code).toBe(0);
    for (const day of ["2027-03-01", "2027-03-04", "2027-03-08"]) {
      const check = await golive(repo, ["check"], { GOLIVE_TODAY: day });
      expect(check.code, `${day}: ${check.stdout}`).toBe(0);
    }
    const late = await golive(repo, ["check"], { GOLIVE_TODAY: "2027-03-09" });
    expect(late.code).toBe(1);
    expect(late.stdout).toContain(
      "GEN-10  Disable old system after 72 hours: overdue by 1 day (due 2027-03-08)",
    );
  });
});
