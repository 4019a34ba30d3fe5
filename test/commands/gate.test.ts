/**
 * The gate and the reports through the built CLI, the way a pipeline runs them.
 * Go-live is 2027-03-01: the eight-week items are due 2027-02-01.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLValidator } from "fast-xml-parser";
import { beforeEach, describe, expect, it } from "vitest";
import { BIN, gitEnv, golive, initRepo, read, tempRepo } from "../helpers/cli.js";
import { deployFile, shop } from "../helpers/shop.js";

let dir: string;
const at = async (today: string, args: string[], env: Record<string, string> = {}) =>
  await golive(dir, ["--today", today, ...args], env);

beforeEach(async () => {
  dir = await initRepo(["--date", "2027-03-01", "--name", "Acme"]);
});

describe("golive check", () => {
  it("passes the day things are due and fails the day after", async () => {
    const due = await at("2027-02-01", ["check"]);
    expect(due.code).toBe(0);
    expect(due.stdout).toContain("golive check passed");
    expect(due.stdout).toMatch(/WARN\s+GEN-01/);
    const late = await at("2027-02-02", ["check"]);
    expect(late.code).toBe(1);
    expect(late.stdout).toMatch(/FAIL\s+GEN-01/);
  });

  it("says when GOLIVE_TODAY judges another day than the clock's, in the log and the JSON", async () => {
    // A variable left in a CI job's settings: a day before anything was due keeps the gate
    // green, and the job's log says why.
    const clock = { now: new Date("2027-02-10T09:00:00") };
    const pinned = await golive(dir, ["check"], { GOLIVE_TODAY: "2026-06-01" }, clock);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stderr).toContain(
      "GOLIVE_TODAY sets today to 2026-06-01, the clock says 2027-02-10: due dates are judged as of 2026-06-01; unset GOLIVE_TODAY unless you mean it",
    );
    const json = await golive(dir, ["check", "--json"], { GOLIVE_TODAY: "2026-06-01" }, clock);
    expect(JSON.parse(json.stdout).warnings).toContainEqual(
      expect.objectContaining({
        code: "today-pinned",
        message: expect.stringContaining("sets today to 2026-06-01, the clock says 2027-02-10"),
      }),
    );
    // The clock's own day, or --today written on the command line: nothing to say.
    for (const quiet of [
      await golive(dir, ["check"], { GOLIVE_TODAY: "2027-02-10" }, clock),
      await golive(dir, ["--today", "2026-06-01", "check"], {}, clock),
    ]) {
      expect(quiet.stderr).not.toContain("GOLIVE_TODAY");
    }
    const late = await golive(dir, ["check"], {}, clock);
    expect(late.code).toBe(1);
  });

  it("tolerates --grace days and limits itself to --phase", async () => {
    expect((await at("2027-02-03", ["check", "--grace", "2"])).code).toBe(0);
    expect((await at("2027-02-04", ["check", "--grace", "2"])).code).toBe(1);
    expect((await at("2027-02-04", ["check", "--phase", "two-weeks,go-live"])).code).toBe(0);
    expect(
      (await at("2027-02-04", ["check", "--phase", "go-live", "--phase", "eight-weeks"])).code,
    ).toBe(1);
  });

  it("rejects bad knobs with exit 2", async () => {
    const phase = await at("2027-02-04", ["check", "--phase", "two-weeks,nope"]);
    expect(phase.code).toBe(2);
    expect(phase.stderr).toContain('unknown phase "nope"');
    expect((await at("2027-02-04", ["check", "--warn-within", "soon"])).code).toBe(2);
    expect((await at("2027-02-04", ["check", "--format", "yaml"])).code).toBe(2);
  });

  it("prints the versioned JSON report with each item's verdict and reason", async () => {
    const r = await at("2027-02-02", ["check", "--format", "json", "--strict"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ version: 1, command: "check", passed: false });
    expect(report.policy).toEqual({ warnWithin: 3, grace: 0, strict: true, phases: null });
    const gen = report.items.find((i: { id: string }) => i.id === "GEN-01");
    expect(gen).toMatchObject({ verdict: "fail", code: "overdue", waiver: null });
    expect(gen.gateReason).toContain("overdue by 1 day");
    expect(report.overdue).toContain("GEN-01");
  });

  it("writes a JUnit artefact with --output and shows the summary on the console", async () => {
    const r = await at("2027-02-02", [
      "check",
      "--format",
      "junit",
      "--output",
      "reports/golive.xml",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("golive check failed");
    const xml = read(dir, "reports/golive.xml");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<failure message="overdue by 1 day (due 2027-02-01)" type="overdue">');
  });

  it("annotates for GitHub Actions and appends the table to the step summary", async () => {
    const summary = join(dir, "summary.md");
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };
    expect((await golive(dir, ["note", "GEN-01", "line one\n::error::injected"])).code).toBe(0);
    const r = await at("2027-02-02", ["check"], env);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    const keyLine = read(dir).split("\n").indexOf("  GEN-01:") + 1;
    expect(lines[0]).toMatch(
      new RegExp(`^::error file=golive\\.yaml,line=${keyLine},title=golive%3A GEN-01 overdue::`),
    );
    expect(lines.filter((l) => l.startsWith("::error::"))).toEqual([]);
    expect(readFileSync(summary, "utf8")).toContain("| ❌ FAIL | GEN-01 | Share go-live plan |");
    await at("2027-02-02", ["check"], env);
    expect(readFileSync(summary, "utf8").match(/### ❌/g)).toHaveLength(2);
  });

  it("keeps the verdict and the annotations when the step summary cannot be written", async () => {
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "no/such/folder/x.md") };
    const r = await at("2027-02-02", ["check"], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=golive\.yaml/);
    expect(r.stderr).toContain("warning: the job summary was not written: cannot write this file");
  });
});

describe("golive waive", () => {
  it("records a waiver that holds through its day and fails again after it", async () => {
    const r = await at("2027-02-02", [
      "waive",
      "GEN-01",
      "--reason",
      "Plan shared by phone; case opened late",
      "--until",
      "2027-02-05",
      "--approver",
      "Dana (CTO)",
    ]);
    expect(r.code).toBe(0);
    expect(read(dir)).toContain(
      "waiver:\n      reason: Plan shared by phone; case opened late\n      until: 2027-02-05\n      approver: Dana (CTO)\n      by: Test User\n      at: 2027-02-02",
    );
    const only = ["check", "--category", "GEN"];
    // GEN-01 is the only GEN item of the eight-week phase due then.
    expect((await at("2027-02-05", only)).code).toBe(0);
    expect((await at("2027-02-05", only)).stdout).toMatch(/WAIVED\s+GEN-01/);
    const expired = await at("2027-02-06", [...only, "--format", "json"]);
    expect(expired.code).toBe(1);
    const gen = JSON.parse(expired.stdout).items.find((i: { id: string }) => i.id === "GEN-01");
    expect(gen).toMatchObject({
      code: "waiver-expired",
      waiver: { expired: true, until: "2027-02-05" },
    });
    expect((await at("2027-02-06", ["show", "GEN-01"])).stdout).toContain(
      "Waiver   expired after 2027-02-05, approved by Dana (CTO)",
    );
    expect((await at("2027-02-03", ["status"])).stdout).toMatch(/Waivers \(1\)/);
  });

  it("refuses a waiver without reason, with a past or bad date, or for an unknown item", async () => {
    const before = read(dir);
    const cases = [
      ["waive", "GEN-01", "--until", "2027-02-05"],
      ["waive", "GEN-01", "--reason", "r"],
      ["waive", "GEN-01", "--reason", "r", "--until", "2027-02-01"],
      ["waive", "GEN-01", "--reason", "r", "--until", "2027-02-30"],
      ["waive", "GEN-01", "NOPE-99", "--reason", "r", "--until", "2027-02-05"],
    ];
    for (const args of cases) {
      const r = await at("2027-02-02", args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/error:/);
    }
    expect(read(dir)).toBe(before);
  });
});

describe("golive export", () => {
  it("gives status --format markdown the same summary as the export", async () => {
    await golive(dir, ["block", "CLO-01", "--reason", "waiting | for <vendor>"]);
    const exported = await at("2027-02-02", ["export", "--format", "markdown", "--since", "1d"]);
    const status = await at("2027-02-02", ["status", "--format", "markdown", "--since", "1d"]);
    expect(exported.code).toBe(0);
    expect(status.stdout).toBe(exported.stdout);
    expect(exported.stdout).toContain("## Blocked (1)");
    expect(exported.stdout).toContain("waiting \\| for &lt;vendor&gt;");
  });

  it("pings nobody and links nothing from user text in any Markdown", async () => {
    await golive(dir, ["assign", "GEN-01", "@acme/security"]);
    await golive(dir, [
      "block",
      "GEN-01",
      "--reason",
      "ask @octocat, see https://evil.example or www.evil.example",
    ]);
    const summary = join(dir, "summary.md");
    const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };
    expect((await at("2027-02-02", ["check"], env)).code).toBe(1);
    const outputs = [
      readFileSync(summary, "utf8"),
      (await at("2027-02-02", ["check", "--format", "markdown"])).stdout,
      (await at("2027-02-02", ["export", "--format", "markdown", "--owner", "@acme/security"]))
        .stdout,
      (await at("2027-02-02", ["status", "--format", "markdown", "--since", "1d"])).stdout,
    ];
    for (const md of outputs) {
      expect(md).toContain("@\u200bacme/security");
      expect(md).not.toMatch(/@[\w-]|:\/\/|www\./i);
    }
  });

  it("writes a calendar for one owner, with the go-live day", async () => {
    await golive(dir, ["assign", "CLO-01", "Zoë"]);
    const r = await at("2027-02-02", [
      "export",
      "--format",
      "ics",
      "--owner",
      "zoë",
      "--output",
      "cal.ics",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Wrote 2 events to cal.ics.\n");
    const ics = read(dir, "cal.ics");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain("UID:CLO-01@Acme.20270301.spryker-cloud.golive\r\n");
    expect(ics).toContain("UID:go-live@Acme.20270301.spryker-cloud.golive\r\n");
    expect(ics).toContain("DTSTART;VALUE=DATE:20270301\r\n");
  });

  it("puts each reminder status shows on its own day, cancelled once acknowledged or done", async () => {
    // TES-05 opens 2027-02-01 (four weeks before go-live): tell Spryker three days before.
    const event = (ics: string, uid: string) =>
      ics.split("BEGIN:VEVENT").find((e) => e.includes(`UID:${uid}@`)) ?? "";
    const all = await at("2027-01-20", ["export", "--format", "ics", "--output", "all.ics"]);
    expect(all.stdout).toBe("Wrote 88 events to all.ics.\n");
    const before = read(dir, "all.ics");
    const tes05 = event(before, "TES-05-reminder");
    expect(tes05).toContain("DTSTART;VALUE=DATE:20270129\r\n");
    expect(tes05).toContain("STATUS:CONFIRMED\r\n");
    expect(tes05.replace(/\r\n /g, "")).toContain(
      "SUMMARY:Acme: Reminder: TES-05 Tell Spryker about the load and performance test plan via the Support Portal\r\n",
    );
    expect(event(before, "TES-07-reminder")).toContain("DTSTART;VALUE=DATE:20270118\r\n");
    expect((await at("2027-01-20", ["ack", "TES-05"])).code).toBe(0);
    expect((await at("2027-01-20", ["done", "TES-07"])).code).toBe(0);
    const after = (await at("2027-01-20", ["export", "--format", "ics"])).stdout;
    expect(event(after, "TES-05-reminder")).toContain("STATUS:CANCELLED\r\n");
    expect(event(after, "TES-05-reminder").replace(/\r\n /g, "")).toContain(
      "Acknowledged 2027-01-20",
    );
    expect(event(after, "TES-07-reminder")).toContain("STATUS:CANCELLED\r\n");
    expect(event(after, "TES-06-reminder")).toContain("STATUS:CONFIRMED\r\n");
  });

  it("updates earlier imports: same UIDs after a reschedule, a higher SEQUENCE, closed items cancelled", async () => {
    const event = (ics: string, id: string) =>
      ics.split("BEGIN:VEVENT").find((e) => e.includes(`UID:${id}@`))!;
    const sequence = (e: string) => Number(/SEQUENCE:(\d+)/.exec(e)![1]);
    const before = (await at("2027-02-02", ["export", "--format", "ics"])).stdout;
    expect((await golive(dir, ["done", "CLO-01"])).code).toBe(0);
    expect(
      (await at("2027-02-03", ["reschedule", "--date", "2027-03-15", "--reason", "r"])).code,
    ).toBe(0);
    const after = (await at("2027-02-03", ["export", "--format", "ics"])).stdout;
    const [was, is] = [event(before, "GEN-01"), event(after, "GEN-01")];
    expect(is).toContain("UID:GEN-01@Acme.20270301.spryker-cloud.golive\r\n");
    expect(is).not.toBe(was);
    expect(sequence(is)).toBeGreaterThan(sequence(was));
    expect(event(after, "CLO-01")).toContain("STATUS:CANCELLED\r\n");
    expect(event(after, "CLO-01")).toContain("SUMMARY:Acme: Done: CLO-01");
  });

  it("writes csv and html files", async () => {
    expect(
      (await at("2027-02-02", ["export", "--format", "csv", "--output", "out/items.csv"])).code,
    ).toBe(0);
    // Starting with a byte order mark, so that Excel reads it as UTF-8.
    expect(read(dir, "out/items.csv").split("\r\n")[0]).toMatch(/^\ufeffid,title,/);
    expect(
      (await at("2027-02-02", ["export", "--format", "html", "--output", "page.html"])).code,
    ).toBe(0);
    expect(existsSync(join(dir, "page.html"))).toBe(true);
    expect((await at("2027-02-02", ["export", "--format", "pdf"])).code).toBe(2);
  });
});

describe("usage errors", () => {
  it("exit 2, never 1, so a pipeline cannot mistake a typo for overdue items", async () => {
    expect((await golive(dir, ["check", "--no-such-flag"])).code).toBe(2);
    expect((await golive(dir, ["waive"])).code).toBe(2);
  });

  it("refuses --json with a --format that says otherwise", async () => {
    for (const command of ["check", "status"]) {
      const r = await at("2027-02-02", [command, "--json", "--format", "markdown"]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toMatch(/'--json' cannot be used with option '--format/);
    }
  });

  it("refuses export --since with a format that has no place for it", async () => {
    const r = await at("2027-02-02", ["export", "--format", "ics", "--since", "1d"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--since only applies to --format markdown");
    expect(r.stderr).toMatch(/hint: .*--format markdown/);
    expect(r.stdout).toBe("");
  });
});

describe("--phase, the same for every filtered command", () => {
  const phases = async (args: string[]) =>
    new Set(
      JSON.parse((await at("2027-02-02", [...args, "--json"])).stdout).items.map(
        (i: { phase: string }) => i.phase,
      ),
    );

  it("takes several phases, comma-separated or repeated", async () => {
    const both = new Set(["two-weeks", "go-live"]);
    for (const command of ["status", "list", "check"]) {
      expect(await phases([command, "--phase", "two-weeks,GO-LIVE"]), command).toEqual(both);
      expect(
        await phases([command, "--phase", "go-live", "--phase", "two-weeks"]),
        command,
      ).toEqual(both);
    }
    const csv = await at("2027-02-02", [
      "export",
      "--format",
      "csv",
      "--phase",
      "two-weeks,go-live",
    ]);
    const rows: { phase: string }[] = parseCsv(csv.stdout, { columns: true });
    expect(new Set(rows.map((r) => r.phase))).toEqual(both);
    const md = await at("2027-02-02", [
      "status",
      "--format",
      "markdown",
      "--phase",
      "two-weeks,go-live",
    ]);
    expect(md.stdout).toContain("_Showing phase two-weeks or go-live_");
  });

  it("names an unknown phase the same way everywhere", async () => {
    for (const command of ["status", "list", "check", "export"]) {
      const r = await at("2027-02-02", [command, "--phase", "two-weeks,nope"]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain('unknown phase "nope"');
    }
  });
});

describe("check --verify with the CI formats", () => {
  it("fails the gate on a done item whose check fails, and every format says which kind", async () => {
    const repo = tempRepo({ ...shop(), "deploy.shop-prod.yml": deployFile("prod") });
    expect((await golive(repo, ["init", "--date", "2027-03-01"])).code).toBe(0);
    expect((await golive(repo, ["done", "CLO-17"])).code).toBe(0);
    // verify reads the files git tracks.
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const args = [
      "--today",
      "2027-03-01",
      "check",
      "--verify",
      "--category",
      "CLO",
      "--phase",
      "go-live",
    ];
    const run = async (format: string) => {
      const r = await golive(repo, [...args, "--format", format]);
      expect(r.code, format).toBe(1);
      return r.stdout;
    };
    const broken = deployFile("prod", { storefrontAuth: true });
    // Never recorded as passing: it fails its check.
    writeFileSync(join(repo, "deploy.shop-prod.yml"), broken);
    const xml = await run("junit");
    expect(xml).toMatch(/<testsuites [^>]*failures="1"/);
    expect(xml).toMatch(
      /<failure message="done, but its check fails: deploy\.shop-prod\.yml:34[^"]*" type="fails-check">/,
    );
    expect(await run("github")).toMatch(
      /^::error file=golive\.yaml,line=\d+,title=golive%3A CLO-17 fails its check::/m,
    );
    const md = await run("markdown");
    expect(md).toMatch(/^### ❌ /);
    expect(md).toContain("1 failing their check");
    expect(md).toMatch(
      /\| ❌ FAIL \| CLO-17 \| .* \| done, but its check fails: deploy\.shop-prod\.yml:34/,
    );
    expect(await run("text")).toMatch(
      /^✗ golive check failed: nothing overdue, 0 regressed, 1 failing their check, /,
    );
    let json = JSON.parse(await run("json"));
    expect(json).toMatchObject({ passed: false, regressed: [], failsCheck: ["CLO-17"] });
    expect(json.items.find((i: { id: string }) => i.id === "CLO-17").code).toBe("fails-check");

    // Recorded as passing, then broken: it has regressed.
    writeFileSync(join(repo, "deploy.shop-prod.yml"), deployFile("prod"));
    const record = ["--today", "2027-03-01", "verify", "--item", "CLO-17", "--record"];
    expect((await golive(repo, record)).code).toBe(0);
    writeFileSync(join(repo, "deploy.shop-prod.yml"), broken);
    expect(await run("junit")).toMatch(
      /<failure message="done and its recorded evidence passed, but its check now fails: deploy\.shop-prod\.yml:34[^"]*" type="regressed">/,
    );
    expect(await run("github")).toMatch(
      /^::error file=golive\.yaml,line=\d+,title=golive%3A CLO-17 regressed::/m,
    );
    expect(await run("markdown")).toContain("1 regressed");
    expect(await run("text")).toMatch(/^✗ golive check failed: nothing overdue, 1 regressed, /);
    json = JSON.parse(await run("json"));
    expect(json).toMatchObject({ passed: false, regressed: ["CLO-17"], counts: { fail: 1 } });
    expect(json.items.find((i: { id: string }) => i.id === "CLO-17").code).toBe("regressed");
  });
});

describe("parallel CI jobs", { tags: ["process"] }, () => {
  it("write their reports into the same new folder without tripping over each other", async () => {
    const jobs = Array.from(
      { length: 8 },
      (_, i) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            [BIN, "check", "--format", "junit", "--output", `reports/new/deep/job-${i}.xml`],
            {
              cwd: dir,
              env: gitEnv(dir, { NO_COLOR: "1", GOLIVE_TODAY: "2027-02-02" }),
              stdio: "ignore",
            },
          );
          child.on("close", resolve);
        }),
    );
    const codes = await Promise.all(jobs);
    expect(codes).toEqual(Array(8).fill(1));
    for (let i = 0; i < 8; i++) {
      expect(XMLValidator.validate(read(dir, `reports/new/deep/job-${i}.xml`))).toBe(true);
    }
  });
});
