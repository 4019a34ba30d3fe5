/**
 * The daily loop, in-process: init → status → done → check, in a real git repository.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { golive, initRepo, read, tempRepo } from "../helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

describe("a team's go-live, end to end", () => {
  it("init creates golive.yaml at the repository root and prints the phases", async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, "src/deep"), { recursive: true });
    const result = await golive(join(repo, "src/deep"), ["init", "--date", "2027-03-01"], TODAY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created ../../golive.yaml");
    expect(result.stdout).toContain("84 items, go-live Mon 1 Mar 2027");
    expect(result.stdout).toMatch(
      /Eight weeks before go-live\s+41 items\s+Mon 4 Jan 2027 – Mon 1 Feb 2027/,
    );
    expect(read(repo)).toContain("goLive: 2027-03-01");
  });

  it("status, done, check: the standup and the gate", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);

    const before = await golive(repo, ["status"], TODAY);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain(
      "Go-live Mon 1 Mar 2027 · 19 days to go · today Wed 10 Feb 2027",
    );
    // 41 items are late; the 5 optional ones are late but not overdue (the gate warns on them).
    expect(before.stdout).toContain("Overdue (36)");
    expect(before.stdout).toContain("Late, but waived or optional (5)");
    expect(before.stdout).toMatch(
      /CLO-01\s+Ensure a network diagram\s+—\s+overdue by 9 days \(Mon 1 Feb\)/,
    );

    const gate = await golive(repo, ["check"], TODAY);
    expect(gate.code).toBe(1);
    // 41 items are late; the 5 optional ones only warn (issue 3: they fail with --strict).
    expect(gate.stdout).toContain("golive check failed: 36 overdue, 5 warnings");

    // Work happens: everything of the eight-week phase gets done or ruled out.
    const eightWeeks = JSON.parse(
      (await golive(repo, ["list", "--phase", "eight-weeks", "--json"], TODAY)).stdout,
    );
    const ids = eightWeeks.items.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(41);
    const done = await golive(
      repo,
      ["done", ...ids.slice(1), "--note", "checked in the kick-off"],
      TODAY,
    );
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("CLO-01 Ensure a network diagram: done, note set");
    expect(
      (await golive(repo, ["skip", "gen-1", "--reason", "the partner did it"], TODAY)).code,
    ).toBe(0);

    const after = await golive(repo, ["check"], TODAY);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("golive check passed");

    const state = read(repo);
    expect(state).toContain(
      "  CLO-01:\n    status: done\n    note: checked in the kick-off\n    by: Test User\n    at: 2027-02-10\n",
    );
    expect(state).toContain(
      "  GEN-01:\n    status: not-applicable\n    reason: the partner did it\n",
    );
  });

  it("every read command prints a versioned JSON report", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-14", "Kim"], TODAY);
    for (const command of [["status"], ["list"], ["check"]]) {
      const result = await golive(repo, [...command, "--json"], TODAY);
      const report = JSON.parse(result.stdout);
      expect(report).toMatchObject({
        version: 1,
        command: command[0],
        today: "2027-02-10",
        goLive: "2027-03-01",
      });
      const item = report.items.find((i: { id: string }) => i.id === "CLO-14");
      expect(item).toMatchObject({
        id: "CLO-14",
        title: "Set up DNS",
        category: "CLO",
        phase: "two-weeks",
        status: "todo",
        opens: "2027-02-15",
        due: "2027-02-22",
        overdue: false,
        owner: "Kim",
      });
    }
    const show = JSON.parse((await golive(repo, ["show", "clo-14", "--json"], TODAY)).stdout);
    expect(show.item).toMatchObject({
      id: "CLO-14",
      owner: "Kim",
      links: [{ title: "Set up DNS" }],
    });
  });

  it("show tells everything about an item, including its reminder and history", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["start", "TES-05", "--by", "Ann"], { GOLIVE_TODAY: "2027-02-01" });
    await golive(repo, ["done", "TES-05", "--by", "Ben", "--note", "p95 under 300 ms"], TODAY);
    const result = await golive(repo, ["show", "tes-5"], TODAY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("TES-05  Conduct load tests");
    expect(result.stdout).toContain("Window   Mon 1 Feb 2027 – Mon 15 Feb 2027");
    expect(result.stdout).toContain(
      "Reminder Fri 29 Jan 2027: Tell Spryker about the load and performance test plan",
    );
    expect(result.stdout).toContain("2027-02-01 Ann: in progress");
    expect(result.stdout).toContain("2027-02-10 Ben: done, note: p95 under 300 ms");
  });

  it("filters the standup by phase, category, owner and --mine", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-02", "Test User"], TODAY);
    await golive(repo, ["assign", "APP-01", "Kim"], TODAY);
    const mine = await golive(repo, ["status", "--mine", "--json"], TODAY);
    expect(JSON.parse(mine.stdout).items.map((i: { id: string }) => i.id)).toEqual(["CLO-02"]);
    const kim = await golive(repo, ["status", "--owner", "kim"], TODAY);
    // The owner as golive.yaml writes it, whatever case was typed.
    expect(kim.stdout).toContain("Showing owner Kim");
    expect(kim.stdout).toContain("APP-01");
    expect(kim.stdout).not.toContain("CLO-02");
    const cloud = JSON.parse(
      (await golive(repo, ["list", "--category", "cloud", "--json"], TODAY)).stdout,
    );
    expect(cloud.items.every((i: { category: string }) => i.category === "CLO")).toBe(true);
    expect(cloud.items).toHaveLength(18);
  });

  it("--since lists what changed since yesterday", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["done", "CLO-01"], { GOLIVE_TODAY: "2027-02-08" });
    await golive(repo, ["done", "CLO-02"], { GOLIVE_TODAY: "2027-02-09" });
    const result = await golive(repo, ["status", "--since", "1d"], TODAY);
    expect(result.stdout).toContain("Changed since Tue 9 Feb 2027 (1)");
    expect(result.stdout).toMatch(/CLO-02.*done by Test User on 2027-02-09/);
    expect(result.stdout).not.toMatch(/CLO-01.*done by/);
    await golive(repo, ["assign", "CLO-02", "Kim"], TODAY);
    await golive(repo, ["note", "CLO-03", "asked the VPN team"], TODAY);
    const more = (await golive(repo, ["status", "--since", "1d"], TODAY)).stdout;
    expect(more).toMatch(/CLO-02.*owner Kim by Test User on 2027-02-10/);
    expect(more).toMatch(/CLO-03.*note by Test User on 2027-02-10/);
    await golive(
      repo,
      ["waive", "CLO-04", "--reason", "vendor late", "--until", "2027-02-20"],
      TODAY,
    );
    expect((await golive(repo, ["status", "--since", "1d"], TODAY)).stdout).toMatch(
      /CLO-04.*waived until 2027-02-20 by Test User on 2027-02-10/,
    );
    const md = (await golive(repo, ["export", "--format", "markdown", "--since", "1d"], TODAY))
      .stdout;
    expect(md).toMatch(/CLO-02 .*\| owner Kim by Test User on 2027-02-10/);
  });

  it("reschedule moves go-live, keeps statuses, records the slip and names what became urgent", async () => {
    const repo = await initRepo(["--date", "2027-03-29"], TODAY);
    await golive(repo, ["done", "CLO-01"], TODAY);
    const result = await golive(
      repo,
      ["reschedule", "--date", "2027-03-01", "--reason", "board wants Q1"],
      TODAY,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Go-live moved from Mon 29 Mar 2027 to Mon 1 Mar 2027");
    expect(result.stdout).toMatch(/items? now overdue or due within 7 days because of the move/);
    expect(result.stdout).toMatch(/GEN-01\s+Share go-live plan/);
    expect(result.stdout).not.toMatch(/CLO-01\s/);
    const state = read(repo);
    expect(state).toContain("goLive: 2027-03-01");
    expect(state).toMatch(
      /slips:\n {2}- \{ from: 2027-03-29, to: 2027-03-01, reason: board wants Q1, by: Test User, at: 2027-02-10 \}/,
    );
    expect(state).toContain("  CLO-01:\n    status: done");
    const same = await golive(repo, ["reschedule", "--date", "2027-03-01"], TODAY);
    expect(same.stdout).toBe("Go-live is already Mon 1 Mar 2027; nothing changed.\n");
    expect(read(repo)).toBe(state);
  });

  it("finds golive.yaml from a subfolder, or takes --file", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    mkdirSync(join(repo, "a/b"), { recursive: true });
    expect((await golive(join(repo, "a/b"), ["done", "CLO-03"], TODAY)).code).toBe(0);
    const elsewhere = tempRepo({}, { git: false });
    expect(
      (await golive(elsewhere, ["--file", join(repo, "golive.yaml"), "show", "CLO-03"], TODAY))
        .stdout,
    ).toContain("done");
  });

  it("works the same with a custom catalogue", async () => {
    const repo = tempRepo({
      "ops/checklist.yaml": `format: 1
name: ops
title: Ops launch
version: "3"
categories: [{ id: OPS, title: Operations }]
phases: [{ id: final, title: Final week, opens: -7, due: -1 }]
items:
  - { id: OPS-1, category: OPS, phase: final, title: Page the on-call, summary: Make sure someone is on call. }
`,
    });
    const init = await golive(
      repo,
      ["init", "--date", "2027-03-01", "--catalogue", "ops/checklist.yaml"],
      TODAY,
    );
    expect(init.code).toBe(0);
    expect(read(repo)).toContain("path: ops/checklist.yaml");
    expect((await golive(repo, ["done", "ops-1"], TODAY)).code).toBe(0);
    expect(JSON.parse((await golive(repo, ["status", "--json"], TODAY)).stdout).progress.done).toBe(
      1,
    );
  });

  it("documents the exit codes in --help", async () => {
    const help = await golive(tempRepo(), ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      "1  something was found: `check` found overdue items (or, with --verify,",
    );
    expect(help.stdout).toMatch(
      /regressed or check-failing done ones\), `verify` or `probe` a failing check/,
    );
    expect(help.stdout).toMatch(/a problem; `resolve` or the merge driver could not merge/);
    expect(help.stdout).toContain("2  bad usage or a bad file");
    expect(help.stdout).toContain("3  `notify` could not deliver the digest");
    // The variables golive reads, the webhook's among them.
    for (const name of [
      "GOLIVE_TODAY",
      "NO_COLOR",
      "COLUMNS",
      "GITHUB_ACTIONS",
      "GOLIVE_WEBHOOK_URL",
    ])
      expect(help.stdout).toContain(name);
  });

  it("prints no colour when output is not a terminal, unless forced", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour codes
    const ansi = /\u001b\[/;
    expect((await golive(repo, ["status"], { ...TODAY, NO_COLOR: "" })).stdout).not.toMatch(ansi);
    expect(
      (await golive(repo, ["status"], { ...TODAY, NO_COLOR: "", FORCE_COLOR: "1" })).stdout,
    ).toMatch(ansi);
    expect(
      (await golive(repo, ["status"], { ...TODAY, NO_COLOR: "1", FORCE_COLOR: "1" })).stdout,
    ).not.toMatch(ansi);
  });
});

describe("entries the catalogue no longer has", () => {
  it("are kept on rewrite and reported as a warning", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const path = join(repo, "golive.yaml");
    writeFileSync(
      path,
      read(repo).replace(
        "items:\n",
        "items:\n  OLD-7:\n    status: done\n    note: from the 2023 list\n",
      ),
    );
    const status = await golive(repo, ["status"], TODAY);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      "warning: golive.yaml has an entry for OLD-7, which the catalogue does not list; it is kept as it is",
    );
    expect((await golive(repo, ["done", "CLO-01"], TODAY)).code).toBe(0);
    expect(read(repo)).toContain("  OLD-7:\n    status: done\n    note: from the 2023 list\n");
    expect(JSON.parse((await golive(repo, ["check", "--json"], TODAY)).stdout).warnings).toEqual([
      {
        code: "orphan-entry",
        message:
          "golive.yaml has an entry for OLD-7, which the catalogue does not list; it is kept as it is",
      },
    ]);
  });
});

describe("time zones", () => {
  /**
   * Runs `work` with this process in time zone `tz`: golive runs in-process, and Node applies
   * a change of process.env.TZ at once.
   */
  async function inTimeZone<T>(tz: string, work: () => Promise<T>): Promise<T> {
    const saved = process.env.TZ;
    process.env.TZ = tz;
    try {
      return await work();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  }

  it("never shift a due date", async () => {
    const repo = await initRepo(["--date", "2027-03-28"], TODAY);
    const dues: string[][] = [];
    for (const tz of [
      "UTC",
      "Pacific/Kiritimati",
      "Pacific/Pago_Pago",
      "Europe/Berlin",
      "America/Sao_Paulo",
    ]) {
      const result = await inTimeZone(tz, () => golive(repo, ["list", "--json"], TODAY));
      dues.push(
        JSON.parse(result.stdout).items.map(
          (i: { id: string; opens: string; due: string }) => `${i.id} ${i.opens} ${i.due}`,
        ),
      );
    }
    for (const other of dues.slice(1)) expect(other).toEqual(dues[0]);
    expect(dues[0]).toContain("CLO-14 2027-03-14 2027-03-19");
  });

  it("take today as the local date when it is not pinned", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const today = async (tz: string) =>
      JSON.parse((await inTimeZone(tz, () => golive(repo, ["status", "--json"]))).stdout).today;
    const east = await today("Pacific/Kiritimati");
    const west = await today("Pacific/Pago_Pago");
    // UTC+14 and UTC-11 are always on different calendar days.
    expect(east).not.toBe(west);
  });
});

describe("init --force", () => {
  it("starts over on purpose", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["done", "CLO-01"], TODAY);
    const result = await golive(repo, ["init", "--date", "2027-04-01", "--force"], TODAY);
    expect(result.code).toBe(0);
    expect(read(repo)).toContain("goLive: 2027-04-01");
    expect(read(repo)).toContain("  CLO-01: {}");
  });
});

describe("a catalogue that changed since init", () => {
  it("is reported, so nobody misses that items or dates moved", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    writeFileSync(
      join(repo, "golive.yaml"),
      read(repo).replace("version: 2025-06-27", "version: 2023-01-23"),
    );
    const status = await golive(repo, ["status"], TODAY);
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      "warning: golive.yaml was started with catalogue version 2023-01-23; it is now 2025-06-27",
    );
  });
});

describe("catalogue text", () => {
  it("is printed harmlessly on the terminal too", async () => {
    const repo = tempRepo({
      "ops.yaml": `format: 1
name: ops
title: "Ops \\e]0;pwned\\a launch"
version: "1"
categories: [{ id: OPS, title: "Ops\\e[2J" }]
phases: [{ id: final, title: "Final\\e[31m week", opens: -7, due: -1 }]
items:
  - { id: OPS-1, category: OPS, phase: final, title: "Page \\e[2J on-call", summary: "Be on call." }
`,
    });
    expect(
      (await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", "ops.yaml"], TODAY)).code,
    ).toBe(0);
    for (const args of [["status", "--all"], ["show", "OPS-1"], ["list"]]) {
      const out = (await golive(repo, args, TODAY)).stdout;
      expect(out, args.join(" ")).not.toContain("\u001b");
      expect(out, args.join(" ")).toContain("\\x1b");
    }
  });
});

describe("finding golive.yaml", () => {
  it("stops at the repository's root: a parent project's file is not this one's", async () => {
    const outer = tempRepo({}, { git: false });
    await golive(outer, ["--file", "golive.yaml", "init", "--date", "2027-03-01"], TODAY);
    const inner = join(outer, "shop");
    mkdirSync(inner);
    execFileSync("git", ["init", "-q"], { cwd: inner });
    const result = await golive(inner, ["status"], TODAY);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the repository's root");
    expect(result.stderr).toContain(
      `${join(outer, "golive.yaml")} belongs to an enclosing folder; pass --file`,
    );
    expect((await golive(join(outer), ["status"], TODAY)).code).toBe(0);
  });
});

describe("changes that change nothing", () => {
  it("say what already holds and leave the file alone", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-14", "Sam"], TODAY);
    await golive(repo, ["done", "CLO-01"], TODAY);
    const before = read(repo);
    expect((await golive(repo, ["assign", "clo-14", "Sam"], TODAY)).stdout).toBe(
      "CLO-14 Set up DNS: unchanged (already owned by Sam)\n",
    );
    expect((await golive(repo, ["done", "CLO-1"], TODAY)).stdout).toBe(
      "CLO-01 Ensure a network diagram: unchanged (already done)\n",
    );
    expect(read(repo)).toBe(before);
  });
});

describe("odd but possible input", () => {
  it("refuses a go-live date in the past unless --allow-past, and then warns", async () => {
    const repo = tempRepo();
    const refused = await golive(repo, ["init", "--date", "2027-01-01"], TODAY);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--date 2027-01-01 is before today (2027-02-10)");
    expect(refused.stderr).toContain("--allow-past");
    expect(existsSync(join(repo, "golive.yaml"))).toBe(false);
    const init = await golive(repo, ["init", "--date", "2027-01-01", "--allow-past"], TODAY);
    expect(init.code).toBe(0);
    expect(init.stderr).toContain("warning: go-live 2027-01-01 is before today (2027-02-10)");
    await golive(repo, ["reschedule", "--date", "2027-03-01"], TODAY);
    const before = read(repo);
    const past = await golive(repo, ["reschedule", "--date", "2027-01-15"], TODAY);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain("--date 2027-01-15 is before today");
    expect(read(repo)).toBe(before);
    const move = await golive(repo, ["reschedule", "--date", "2026-12-01", "--allow-past"], TODAY);
    expect(move.code).toBe(0);
    expect(move.stderr).toContain("warning: go-live 2026-12-01 is before today");
  });

  it("refuses --since after today: nothing has changed since a day to come", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    for (const args of [
      ["status", "--since", "2027-02-11"],
      ["export", "--since", "2027-03-01"],
      ["notify", "--to", "json", "--dry-run", "--since", "2027-02-20"],
    ]) {
      const r = await golive(repo, args, TODAY);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/--since 2027-\d\d-\d\d is after today \(2027-02-10\)/);
    }
    expect((await golive(repo, ["status", "--since", "2027-02-10"], TODAY)).code).toBe(0);
  });

  it("warns about a hand-edited blocked item without a reason", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    writeFileSync(
      join(repo, "golive.yaml"),
      read(repo).replace("  CLO-02: {}", "  CLO-02:\n    status: blocked"),
    );
    expect((await golive(repo, ["status"], TODAY)).stderr).toContain(
      "warning: CLO-02 is blocked without a reason in golive.yaml; add one",
    );
  });

  it("records the login name when git has no user name", async () => {
    const dir = tempRepo({}, { git: false });
    await golive(dir, ["init", "--date", "2027-03-01"], TODAY);
    expect((await golive(dir, ["done", "CLO-01"], TODAY)).code).toBe(0);
    expect(read(dir)).toContain(`    by: ${userInfo().username}\n`);
  });

  it("writes a report below /proc with an error, not a hang", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const result = await golive(
      repo,
      ["check", "--format", "junit", "--output", "/proc/golive-nope/x.xml"],
      TODAY,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot write this file");
  });
});

describe("the standup view of late items", () => {
  it("says which are optional or waived, as the gate treats them", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(
      repo,
      ["waive", "TES-03", "--reason", "UAT slips", "--until", "2027-02-12"],
      TODAY,
    );
    const out = (await golive(repo, ["status"], TODAY)).stdout;
    expect(out).toMatch(
      /APP-10 +Check S3 bucket import +— +overdue by 9 days \(Mon 1 Feb\); optional/,
    );
    expect(out).toMatch(
      /TES-03 +Perform UAT +— +overdue by 9 days \(Mon 1 Feb\); waived until 2027-02-12/,
    );
    expect(out).toMatch(/TES-02 +Test payment +— +overdue by 9 days \(Mon 1 Feb\)\n/);
  });

  it("keeps whole titles when the output is piped", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const out = (await golive(repo, ["list"], TODAY)).stdout;
    expect(out).toContain("Evaluate DOS and DDOS prevention (backend / Merchant Portal)");
    expect(out).not.toContain("…");
  });
});

describe("taking an owner or a note away", () => {
  it("works with assign --none and note --clear, and is kept in the history", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-14", "Sam"], TODAY);
    await golive(repo, ["note", "CLO-14", "registrar ticket 42"], TODAY);
    expect((await golive(repo, ["assign", "CLO-14", "--none"], TODAY)).stdout).toBe(
      "CLO-14 Set up DNS: todo, no owner\n",
    );
    expect((await golive(repo, ["note", "CLO-14", "--clear"], TODAY)).stdout).toBe(
      "CLO-14 Set up DNS: todo, note removed\n",
    );
    const item = JSON.parse((await golive(repo, ["show", "CLO-14", "--json"], TODAY)).stdout).item;
    expect(item.owner).toBeNull();
    expect(item.note).toBeNull();
    expect(item.history.at(-1)).toMatchObject({ note: "registrar ticket 42" });
    const both = await golive(repo, ["assign", "CLO-14", "Kim", "--none"], TODAY);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give NAME or --none, not both");
    expect((await golive(repo, ["note", "CLO-14"], TODAY)).stderr).toContain("the note is missing");
  });
});

describe("a filtered standup", () => {
  it("counts progress over the selected items only", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["done", "CLO-14"], TODAY);
    const out = (await golive(repo, ["status", "--phase", "two-weeks,go-live"], TODAY)).stdout;
    expect(out).toMatch(/Overall +█░+ +1\/21 +5%/);
    expect(out).not.toContain("Eight weeks before go-live");
    // GEN-03's window opens on its due day, 15 Feb: it is due soon all the same (issue 11).
    expect(out).toMatch(/Due in the next 7 days \(1\)\n.*\n {2}GEN-03 /);
    expect(out).not.toContain("Overdue");
    const report = JSON.parse(
      (await golive(repo, ["status", "--category", "CLO", "--json"], TODAY)).stdout,
    );
    expect(report.progress).toMatchObject({ total: 18, done: 1 });
  });
});

describe("owners' names", () => {
  it("assign --to renames an owner by selecting their items with --owner", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-14", "CLO-15", "--to", "Mia"], TODAY);
    await golive(repo, ["assign", "CLO-16", "Mia Wong"], TODAY);
    await golive(repo, ["assign", "CLO-17", "Sam"], TODAY);
    const r = await golive(repo, ["assign", "--to", "Mia Wong", "--owner", "Mia"], TODAY);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/CLO-14 .*owner Mia Wong/);
    expect(r.stdout).toMatch(/CLO-15 .*owner Mia Wong/);
    expect(r.stdout).not.toContain("CLO-17");
    const list = JSON.parse((await golive(repo, ["list", "--json"], TODAY)).stdout).items as {
      id: string;
      owner: string | null;
    }[];
    const owners = new Set(list.map((i) => i.owner).filter((o) => o !== null));
    expect([...owners].sort()).toEqual(["Mia Wong", "Sam"]);
    // Nothing left to warn about.
    expect((await golive(repo, ["status"], TODAY)).stderr).not.toContain("may be one person");
  });

  it("warns when owners differ only by a first name written alone", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(repo, ["assign", "CLO-16", "Mia Wong"], TODAY);
    const given = await golive(repo, ["assign", "CLO-14", "Mia"], TODAY);
    expect(given.code).toBe(0);
    const warning =
      'owners "Mia" and "Mia Wong" may be one person: `golive assign --to "Mia Wong" --owner "Mia"`';
    expect(given.stderr).toContain(warning);
    expect((await golive(repo, ["status"], TODAY)).stderr).toContain(warning);
    const json = JSON.parse((await golive(repo, ["status", "--json"], TODAY)).stdout);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain("owner-spellings");
    // Two full names that share a first name are two people.
    const other = await initRepo(["--date", "2027-03-01"], TODAY);
    await golive(other, ["assign", "CLO-16", "Mia Wong"], TODAY);
    expect((await golive(other, ["assign", "CLO-14", "Mia Chen"], TODAY)).stderr).toBe("");
  });

  it("assign ID First Last suggests quoting the name", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const r = await golive(repo, ["assign", "CLO-14", "Sam", "Taylor"], TODAY);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Sam Taylor" came as 2 words');
    expect(r.stderr).toContain('golive assign CLO-14 "Sam Taylor"');
  });
});
