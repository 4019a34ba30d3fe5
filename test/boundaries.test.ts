/**
 * The boundaries of issue 18 that are files: a path a repository names (a catalogue's
 * `path:`, `extends`, a portfolio's remote, a report's --output) never leads out of the
 * repository, through `..`, an absolute path or a symbolic link, and a refusal never quotes
 * what the path names.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { confinedPath } from "../src/io/confined.js";
import {
  FROM_GIT,
  git,
  golive,
  goliveBin,
  goliveBinAsync,
  initRepo,
  read,
  tempDir,
  tempRepo,
} from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };
const SECRET = "ghp_BoundaryCanary0123456789abcdefABCDEF";

const OWN = `format: 1
name: ours
title: Our checklist
version: "1"
categories: [{ id: GEN, title: General }]
phases: [{ id: go-live, title: Go-live, opens: -7, due: 0 }]
items:
  - { id: GEN-01, title: One, phase: go-live, category: GEN, summary: One. }
`;

/** A repository whose golive.yaml names the catalogue `path` (written as given). */
async function naming(path: string, files: Record<string, string> = {}): Promise<string> {
  const repo = await initRepo(
    ["--date", "2027-03-01", "--catalogue", "ops/ours.yaml"],
    {},
    {
      "ops/ours.yaml": OWN,
      ...files,
    },
  );
  const text = read(repo).replace("path: ops/ours.yaml", `path: ${JSON.stringify(path)}`);
  writeFileSync(join(repo, "golive.yaml"), text);
  return repo;
}

/** The line and column of `catalogue.path`'s value in golive.yaml. */
function pathPlace(repo: string): string {
  const lines = read(repo).split("\n");
  const line = lines.findIndex((l) => l.trimStart().startsWith("path:"));
  return `golive.yaml:${line + 1}:${lines[line]!.indexOf("path:") + 7}`;
}

/** A file outside every repository, holding a secret. */
function outsideSecret(): string {
  const dir = tempDir();
  const file = join(dir, "id_rsa.yaml");
  writeFileSync(file, `token: ${SECRET}\n  bad: [yaml\n`);
  return file;
}

function expectRefusal(result: { code: number; stdout: string; stderr: string }, at: string) {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain(`${at}: the catalogue`);
  expect(result.stderr).toMatch(/outside the repository|out of the repository/);
  expect(result.stderr + result.stdout).not.toContain(SECRET);
  expect(result.stderr + result.stdout).not.toMatch(/PATH=|HOME=|internal error/);
}

describe("a catalogue path in golive.yaml stays inside the repository", () => {
  for (const [label, path] of [
    ["an absolute path to a host file", "/proc/self/environ"],
    ["an absolute path to a secret", "SECRET"],
    ["a path through ..", "../../../../../../../../proc/self/environ"],
  ] as const) {
    it(`status refuses ${label} at its line, reading nothing`, async () => {
      const secret = outsideSecret();
      const repo = await naming(path === "SECRET" ? secret : path);
      for (const command of [["status"], ["check"], ["list"], ["done", "GEN-01"]]) {
        const before = read(repo);
        expectRefusal(await golive(repo, command, { ...TODAY, SECRET }), pathPlace(repo));
        expect(read(repo)).toBe(before);
      }
    });
  }

  it("a link to a file outside, or a linked folder, is refused; a link inside is followed", async () => {
    const secret = outsideSecret();
    const repo = await naming("ops/link.yaml");
    symlinkSync(secret, join(repo, "ops/link.yaml"));
    expectRefusal(await golive(repo, ["status"], TODAY), pathPlace(repo));

    const folder = await naming("shared/id_rsa.yaml");
    symlinkSync(join(secret, ".."), join(folder, "shared"));
    expectRefusal(await golive(folder, ["status"], TODAY), pathPlace(folder));

    const inside = await naming("ops/alias.yaml");
    symlinkSync("ours.yaml", join(inside, "ops/alias.yaml"));
    expect((await golive(inside, ["status"], TODAY)).code).toBe(0);
  });

  it("extends stays inside the repository as well", async () => {
    const secret = outsideSecret();
    const repo = await naming("ops/ours.yaml");
    const rel = join("../".repeat(12), secret);
    writeFileSync(
      join(repo, "ops/ours.yaml"),
      OWN.replace("format: 1\n", `format: 1\nextends: ${JSON.stringify(rel)}\n`),
    );
    const result = await golive(repo, ["status"], TODAY);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/ours\.yaml:2:\d+: extends: the catalogue .* leads out of/);
    expect(result.stderr).not.toContain(SECRET);
  });

  it("init and upgrade refuse a catalogue outside the repository before writing", async () => {
    const secret = outsideSecret();
    const repo = tempRepo();
    const init = await golive(repo, ["init", "--date", "2027-03-01", "--catalogue", secret]);
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(/is outside the repository/);
    expect(init.stderr).not.toContain(SECRET);
    expect(existsSync(join(repo, "golive.yaml"))).toBe(false);

    expect((await golive(repo, ["init", "--date", "2027-03-01"])).code).toBe(0);
    const before = read(repo);
    const upgrade = await golive(repo, ["upgrade", "--catalogue", secret]);
    expect(upgrade.code).toBe(2);
    expect(upgrade.stderr).toMatch(/is outside the repository/);
    expect(read(repo)).toBe(before);
  });

  it("confinedPath resolves inside, through links that stay inside", () => {
    const root = tempDir();
    mkdirSync(join(root, "a"));
    writeFileSync(join(root, "a/x.yaml"), "x: 1\n");
    symlinkSync("a", join(root, "b"));
    const inside = { root, label: "the repository" };
    expect(confinedPath("b/x.yaml", root, inside, "it", undefined)).toMatch(/\/a\/x\.yaml$/);
    expect(confinedPath("a/new/none.yaml", root, inside, "it", undefined)).toMatch(/none\.yaml$/);
    expect(() => confinedPath("a/../../x", root, inside, "it", undefined)).toThrow(/leads out/);
    expect(() => confinedPath("/etc/passwd", root, inside, "it", undefined)).toThrow(/is outside/);
  });
});

describe("portfolio reads only what a project's repository holds", () => {
  it("a remote naming /proc/self/environ or ../ gets a row error without the file's content", async () => {
    const secret = outsideSecret();
    for (const path of [
      "/proc/self/environ",
      secret,
      "../../../../../../../../proc/self/environ",
    ]) {
      const repo = await naming(path);
      git(repo, "add", "-A");
      git(repo, "commit", "-q", "-m", "hostile");
      for (const format of [["--json"], ["--format", "html"], []]) {
        const r = await golive(tempDir(), ["portfolio", `file://${repo}`, ...format], {
          ...TODAY,
          SECRET,
        });
        expect(r.stdout + r.stderr, path).not.toContain(SECRET);
        expect(r.stdout + r.stderr, path).not.toMatch(/PATH=|HOME=|internal error/);
        if (format[0] === "--json") {
          const row = JSON.parse(r.stdout).projects[0];
          expect(row.error.code, path).toBe("outside-repository");
          expect(row.error.where).toMatch(/golive\.yaml:\d+:\d+$/);
        }
      }
      // The work tree and a ref of the same repository: the same refusal.
      for (const source of [repo, `${repo}#main`]) {
        const r = await golive(tempDir(), ["portfolio", source, "--json"], TODAY);
        expect(JSON.parse(r.stdout).projects[0].error.code, source).toBe("outside-repository");
      }
    }
  });
});

describe("report --output stays inside the repository it names", () => {
  it("a folder linked out of the repository is refused; the file outside is unchanged", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const outside = tempDir();
    writeFileSync(join(outside, "authorized_keys"), "ssh-ed25519 AAAA keep\n");
    symlinkSync(outside, join(repo, "reports"));
    for (const args of [
      ["export", "--format", "csv", "--output", "reports/authorized_keys"],
      ["check", "--format", "junit", "--output", "reports/authorized_keys"],
    ]) {
      const r = await golive(repo, args, TODAY);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/--output "reports\/authorized_keys" leads through a symbolic link/);
      expect(read(outside, "authorized_keys")).toBe("ssh-ed25519 AAAA keep\n");
    }
    // A path outside the repository, typed by the user, is still written.
    const r = await golive(repo, ["export", "--format", "csv", "--output", join(outside, "x.csv")]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe("never an internal error", () => {
  it("a 240-character --output name is written; a 300-character one is refused with the reason", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const ok = await golive(repo, ["export", "--output", `${"a".repeat(240)}.csv`], TODAY);
    expect(ok.code, ok.stderr).toBe(0);
    const long = await golive(repo, ["export", "--output", `${"a".repeat(300)}.csv`], TODAY);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/the name is too long for the file system/);
    expect(long.stderr).not.toMatch(/internal error|ENAMETOOLONG/);
  });

  it("a 300-character portfolio path is a row with its error", async () => {
    const r = await golive(tempDir(), ["portfolio", "b".repeat(300), "--json"], TODAY);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(JSON.parse(r.stdout).projects[0].error.message).toMatch(/too long/);
  });

  it("go-live dates golive cannot schedule are refused at input and in golive.yaml", async () => {
    const repo = tempRepo();
    const init = await golive(repo, ["init", "--date", "9999-12-31"], TODAY);
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(
      /^error: option '--date <date>' argument '9999-12-31' is invalid\. It is outside the years golive schedules/,
    );
    expect(existsSync(join(repo, "golive.yaml"))).toBe(false);
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    const resched = await golive(repo, ["reschedule", "--date", "9999-12-31", "--reason", "x"]);
    expect(resched.stderr).toMatch(/outside the years/);
    writeFileSync(
      join(repo, "golive.yaml"),
      read(repo).replace(/^goLive: .*$/m, "goLive: 9999-12-31"),
    );
    for (const command of [["status"], ["list"], ["export", "--format", "ics"]]) {
      const r = await golive(repo, command, TODAY);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/golive\.yaml:\d+:\d+: state file: goLive: 9999-12-31 is outside/);
      expect(r.stderr).not.toMatch(/internal error/);
    }
  });
});

describe("the built golive names an unknown catalogue", () => {
  it("--catalogue nope and a typo'd name: list the shipped ones, not 'Invalid URL'", async () => {
    const repo = tempRepo();
    const init = goliveBin(repo, ["init", "--date", "2027-03-01", "--catalogue", "nope"]);
    expect(init.code).toBe(2);
    expect(init.stderr).toMatch(
      /no shipped catalogue named "nope"\nhint: use one of: spryker-cloud/,
    );
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    writeFileSync(
      join(repo, "golive.yaml"),
      read(repo).replace("name: spryker-cloud", "name: spryker-clod"),
    );
    const status = goliveBin(repo, ["status"], TODAY);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(
      /golive\.yaml:\d+:\d+: there is no shipped catalogue named "spryker-clod"/,
    );
    expect(status.stderr).not.toMatch(/internal error|Invalid URL/);
  });
});

/** A project whose git config includes a FIFO: every git call that reads the config waits. */
async function fifoConfigRepo(): Promise<string> {
  const repo = await initRepo(["--date", "2027-03-01"], TODAY);
  const fifo = join(tempDir(), "config-pipe");
  execFileSync("mkfifo", [fifo]);
  git(repo, "config", "include.path", fifo);
  return repo;
}

describe("every git call has a time bound", () => {
  it("include.path naming a FIFO: done and verify exit 2 naming git's command, status completes", async () => {
    const repo = await fifoConfigRepo();
    const env = { ...TODAY, GOLIVE_GIT_TIMEOUT: "0.3" };
    const before = read(repo);
    // Side by side: each waits out its own time bound.
    const started = Date.now();
    const [done, verify, status] = await Promise.all([
      goliveBinAsync(repo, ["done", "CLO-01"], env),
      goliveBinAsync(repo, ["verify"], env),
      goliveBinAsync(repo, ["status"], env),
    ]);
    for (const [r, says] of [
      [done, /git config user\.name did not finish within 0\.3 s/],
      [verify, /git ls-files did not finish within 0\.3 s/],
    ] as const) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).toMatch(/hint: check the repository's git config for an include\.path/);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(status.code, status.stderr).toBe(0);
    expect(read(repo)).toBe(before);
  });

  it("in-process too: the injected environment's GOLIVE_GIT_TIMEOUT bounds git, not the process's", async () => {
    const repo = await fifoConfigRepo();
    const env = { ...TODAY, GOLIVE_GIT_TIMEOUT: "0.3" };
    const before = read(repo);
    const started = Date.now();
    const verify = await golive(repo, ["verify"], env);
    expect(verify.code, verify.stderr).toBe(2);
    expect(verify.stderr).toMatch(/git ls-files did not finish within 0\.3 s/);
    const done = await golive(repo, ["done", "CLO-01"], env, { user: FROM_GIT });
    expect(done.code, done.stderr).toBe(2);
    expect(done.stderr).toMatch(/git config user\.name did not finish within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read(repo)).toBe(before);
  });
});

describe("what golive writes it can read back", () => {
  it("a note that would take golive.yaml over the read limit is refused with the limit named", async () => {
    const repo = await initRepo(["--date", "2027-03-01"], TODAY);
    const entry = `      - { status: todo, note: "${"n".repeat(9_700)}" }\n`;
    const history = `  CLO-01:\n    status: todo\n    history:\n${entry.repeat(214)}`;
    writeFileSync(join(repo, "golive.yaml"), read(repo).replace("  CLO-01: {}\n", history));
    expect(Buffer.byteLength(read(repo))).toBeLessThan(2 * 1024 * 1024);
    expect((await golive(repo, ["status"], TODAY)).code).toBe(0);
    const before = read(repo);
    const r = await golive(repo, ["note", "CLO-02", "m".repeat(9_999)], TODAY);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /this change would make golive\.yaml 2\.0\d MiB; golive reads at most 2 MiB/,
    );
    expect(read(repo)).toBe(before);
  });
});

describe("a deploy file nested too deep for the parser", () => {
  it("is named as unreadable where production's environment is looked up, not taken as absent", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const repo = tempRepo({
      "deploy.shop-prod.yml": `version: "0.1"\nnamespace: shop\nenvironment: prod\nregions:\n  EU:\n    x: ${deep}\n`,
    });
    git(repo, "add", "-A");
    expect((await golive(repo, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    const r = await golive(repo, ["verify", "--item", "APP-09", "--json"], TODAY);
    const findings = JSON.parse(r.stdout).items[0].findings;
    expect(findings).toContainEqual(
      expect.objectContaining({
        code: "deploy-invalid",
        result: "unknown",
        file: "deploy.shop-prod.yml",
        found: "nested too deeply",
      }),
    );
  });
});

describe("a portfolio list's file: stays inside its project", () => {
  it("file: ../../ or an absolute path is a row error, nothing read", async () => {
    const secret = outsideSecret();
    const shop = await initRepo(["--date", "2027-03-01"], TODAY);
    const dir = tempDir();
    writeFileSync(
      join(dir, "portfolio.yaml"),
      `projects:\n  - { path: ${JSON.stringify(shop)}, file: ${JSON.stringify(secret)} }\n  - { path: ${JSON.stringify(shop)}, file: "../../../../../../proc/self/environ" }\n`,
    );
    const r = await golive(dir, ["portfolio", "--list", "portfolio.yaml", "--json"], TODAY);
    const rows = JSON.parse(r.stdout).projects;
    expect(rows.map((p: { error: { code: string } }) => p.error.code)).toEqual([
      "outside-repository",
      "outside-repository",
    ]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout + r.stderr).not.toMatch(/PATH=|HOME=/);
  });
});
