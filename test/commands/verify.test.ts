import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyOf, golive, read, tempRepo } from "../helpers/cli.js";
import { evidenceIn } from "../helpers/evidence.js";
import { deployFile, KEY_BODY, leakyFiles, SECRET, shop } from "../helpers/shop.js";

const TODAY = { GOLIVE_TODAY: "2027-01-04" };
/**
 * The fixture shop is on the newest release golive knows. TODAY is more than four months after
 * it, when APP-02 answers unknown unless told the newest release: these tests tell it.
 */
const NEWEST = ["--latest-release", "202606.0"];

/** A shop holding `files`, started and staged: built once per test file for each set of files. */
function shopRepo(files: Record<string, string | Uint8Array> = shop()): Promise<string> {
  const digest = createHash("sha256");
  for (const [path, content] of Object.entries(files))
    digest.update(`${path}\0${content.length}\0`).update(content);
  return copyOf(`shop ${digest.digest("hex")}`, () => stagedShop(files));
}

async function stagedShop(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = tempRepo();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  expect((await golive(dir, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
  execFileSync("git", ["add", "-A"], { cwd: dir });
  return dir;
}

describe("golive verify", () => {
  test("prints each checkable item with its evidence; exit 0 when nothing fails", async () => {
    const dir = await shopRepo();
    const r = await golive(dir, ["verify", ...NEWEST], TODAY);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^pass {4}APP-03 {2}Upgrade Twig\n {5}composer\.lock:\d+ {2}spryker\/twig 3\.15\.2/m,
    );
    expect(r.stdout).toContain("21 checked items: 21 pass, 0 warn, 0 fail, 0 unknown.");
    expect(r.stdout).not.toContain("GEN-01");
  });

  test("leaves out items marked not applicable, unless one is asked for by name", async () => {
    const files = shop();
    files[".git.docker"] = "master\n";
    const dir = await shopRepo(files);
    await golive(dir, ["skip", "APP-08", "--reason", "we deploy with our own images"], TODAY);
    const r = await golive(dir, ["verify", ...NEWEST], TODAY);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("APP-08  Define Docker SDK version");
    expect(r.stdout).toContain("Not applicable, so not checked: APP-08");
    expect(r.stdout).toContain("20 checked items: 20 pass");
    expect(
      JSON.parse((await golive(dir, ["verify", "--json"], TODAY)).stdout).notApplicable,
    ).toEqual(["APP-08"]);
    expect((await golive(dir, ["verify", "--item", "APP-08"], TODAY)).code).toBe(1);
  });

  test("exit 1 with a hint on a failure; --item runs one; --all lists manual items", async () => {
    const files = shop();
    files[".git.docker"] = "master\n";
    const dir = await shopRepo(files);
    const r = await golive(dir, ["verify", "--item", "app-8"], TODAY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("fail    APP-08");
    expect(r.stdout).toContain("hint: pin a release tag (like 1.65.0) in .git.docker");
    expect(r.stdout).toContain("1 checked item:");
    const all = await golive(dir, ["verify", "--all"], TODAY);
    expect(all.stdout).toMatch(/manual {2}GEN-01 {2}Share go-live plan/);
  });

  test("--json is the versioned report", async () => {
    const dir = await shopRepo();
    const r = await golive(dir, ["verify", "--json", ...NEWEST], TODAY);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      version: 1,
      command: "verify",
      goLive: "2027-03-01",
      recorded: false,
      changedWhileRead: false,
    });
    expect(report.repository.files).toBe("git");
    expect(report.counts).toEqual({ pass: 21, warn: 0, fail: 0, unknown: 0 });
    expect(report.items.find((i: { id: string }) => i.id === "APP-07").findings[0]).toMatchObject({
      code: "deploy-env-file",
      file: "deploy.shop-prod.yml",
      result: "pass",
    });
  });

  test("--record stores evidence without changing any status; status, show and JSON show it", async () => {
    const files = shop();
    files["public/Yves/robots.txt"] = "";
    const dir = await shopRepo(files);
    expect((await golive(dir, ["done", "SEO-04"], TODAY)).code).toBe(0);
    const before = read(dir);
    const r = await golive(dir, ["verify", "--record"], TODAY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Recorded as evidence in golive.yaml; no status changed.");
    const after = read(dir);
    // The deciding finding's code and arguments, not prose.
    // One line of JSON (docs/verify.md); what the checks read, one string: the digest, then
    // each file.
    expect(after).toMatch(
      /SEO-04:\n(?: {4}.*\n)*? {4}evidence: '\{"result":"fail","code":"robots-empty","args":\{"file":"public\/Yves\/robots\.txt"\},"at":"2027-01-04","inputs":"[0-9a-f]{40} f:public\/Yves\/robots\.txt t:[0-9a-f]{40}"\}'\n/,
    );
    expect(after.match(/status: done/g)?.length).toBe(before.match(/status: done/g)?.length);
    expect(evidenceIn(after, "APP-03")?.result).toBe("pass");
    const show = await golive(dir, ["show", "SEO-04"], TODAY);
    expect(show.stdout).toContain(
      "Evidence fail on 2027-01-04 (golive verify): public/Yves/robots.txt: is empty",
    );
    expect((await golive(dir, ["status"], TODAY)).stdout).toMatch(
      /Recorded evidence fails \(1\)[\s\S]*SEO-04/,
    );
    const json = JSON.parse((await golive(dir, ["list", "--json"], TODAY)).stdout);
    expect(json.items.find((i: { id: string }) => i.id === "SEO-04").evidence).toEqual({
      result: "fail",
      at: "2027-01-04",
      code: "robots-empty",
      args: { file: "public/Yves/robots.txt" },
      summary: "public/Yves/robots.txt: is empty",
      // list runs no checks, so it cannot tell.
      stale: null,
    });
    expect(json.items.find((i: { id: string }) => i.id === "SEO-04").status).toBe("done");
  });

  test("repository text is recorded as it is and escaped only on the terminal", async () => {
    const files = shop();
    files[".git.docker"] = "v1\u001b[31mx\n"; // an escape sequence, not a release tag
    const dir = await shopRepo(files);
    const r = await golive(dir, ["verify", "--item", "APP-08", "--record"], TODAY);
    expect(r.stdout).toContain(".git.docker:1  Docker SDK branch v1\\x1b[31mx, not a release tag");
    expect(r.stdout).not.toContain("\u001b");
    const summary = ".git.docker:1: Docker SDK branch v1\u001b[31mx, not a release tag";
    const json = await golive(dir, ["verify", "--item", "APP-08", "--json"], TODAY);
    expect(JSON.parse(json.stdout).items[0].summary).toBe(summary);
    const listed = JSON.parse((await golive(dir, ["list", "--json"], TODAY)).stdout);
    expect(listed.items.find((i: { id: string }) => i.id === "APP-08").evidence.summary).toBe(
      summary,
    );
    const show = await golive(dir, ["show", "APP-08"], TODAY);
    expect(show.stdout).toContain("(golive verify): .git.docker:1: Docker SDK branch v1\\x1b[31mx");
    expect(show.stdout).not.toContain("\u001b");
  });

  test("bad input exits 2 with one message and changes nothing", async () => {
    const dir = await shopRepo();
    const before = read(dir);
    const bad = await golive(dir, ["verify", "--record", "--latest-release", "2025.7"], TODAY);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: option '--latest-release <version>' argument '2025\.7' is invalid\. It is not a Spryker release/,
    );
    expect((await golive(dir, ["verify", "--path", "nope"], TODAY)).code).toBe(2);
    expect((await golive(dir, ["verify", "--item", "ZZZ-1"], TODAY)).code).toBe(2);
    expect(read(dir)).toBe(before);
  });

  test("text lists failures before warnings and --full shows every finding", async () => {
    const files = shop();
    // 13 throwaway literals (warnings) in a local file, then 1 production literal (a failure).
    files["deploy.dev.yml"] = (files["deploy.dev.yml"] as string).replace(
      "    SPRYKER_HOOK_INSTALL:",
      `${Array.from({ length: 13 }, (_, i) => `    SPRYKER_X${i}_PASSWORD: local${i}\n`).join("")}    SPRYKER_HOOK_INSTALL:`,
    );
    files["deploy.shop-prod.yml"] = (files["deploy.shop-prod.yml"] as string).replace(
      "    SPRYKER_HOOK_INSTALL:",
      `    SPRYKER_PAYMENT_SECRET: ${SECRET}\n    SPRYKER_HOOK_INSTALL:`,
    );
    const dir = await shopRepo(files);
    const cut = await golive(dir, ["verify", "--item", "APP-17", ...NEWEST], TODAY);
    const lines = (out: string) => out.split("\n").filter((l) => /deploy\.\S+\.yml:\d+/.test(l));
    expect(lines(cut.stdout)[0]).toContain("deploy.shop-prod.yml");
    expect(lines(cut.stdout)).toHaveLength(12);
    expect(cut.stdout).toContain("… 2 more findings (2 warn): --full shows them");
    const full = await golive(dir, ["verify", "--item", "APP-17", "--full", ...NEWEST], TODAY);
    expect(lines(full.stdout)).toHaveLength(14);
    expect(full.stdout).not.toContain("more finding");
    expect(full.stdout).not.toContain(SECRET);
  });

  test("--latest-release makes an up-to-date shop look behind", async () => {
    const dir = await shopRepo();
    const r = await golive(
      dir,
      ["verify", "--item", "APP-02", "--latest-release", "202612.0"],
      TODAY,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("behind the newest release 202612.0");
  });
});

describe("a secret is never echoed", () => {
  test("not in text, JSON, recorded evidence, status, show or check", async () => {
    const dir = await shopRepo(leakyFiles());
    const outputs = [
      await golive(dir, ["verify"], TODAY),
      await golive(dir, ["verify", "--json"], TODAY),
      await golive(dir, ["verify", "--all", "--record"], TODAY),
      await golive(dir, ["show", "APP-17", "--json"], TODAY),
      await golive(dir, ["show", "APP-17"], TODAY),
      await golive(dir, ["status", "--json"], TODAY),
      await golive(dir, ["check", "--verify", "--json"], TODAY),
    ];
    expect(outputs[0]!.stdout).toContain("keys/jwt.pem:1");
    expect(outputs[0]!.stdout).toContain(
      "$config[OauthConstants::PRIVATE_KEY_PASSWORD] is a literal (value not shown)",
    );
    for (const o of outputs) {
      expect(o.stdout + o.stderr).not.toContain(SECRET);
      expect(o.stdout + o.stderr).not.toContain(KEY_BODY);
    }
    expect(read(dir)).not.toContain(SECRET);
    expect(evidenceIn(read(dir), "APP-17")?.result).toBe("fail");
  });

  test("the allow-list in golive.yaml silences reviewed findings", async () => {
    const dir = await shopRepo(leakyFiles());
    const state = read(dir).replace(
      "items:",
      `verify:\n  allow:\n    - { path: "**", reason: reviewed by security on 2027-01-02 }\nitems:`,
    );
    writeFileSync(join(dir, "golive.yaml"), state);
    const r = await golive(dir, ["verify", "--item", "APP-17"], TODAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("4 reviewed findings silenced by golive.yaml verify.allow");
  });
});

describe("golive check --verify", () => {
  test("a done item whose check fails: regressed once it passed, else fails its check; exit 1", async () => {
    const dir = await shopRepo();
    expect((await golive(dir, ["done", "CLO-17", "APP-03"], TODAY)).code).toBe(0);
    const onGoLive = { GOLIVE_TODAY: "2027-03-01" };
    const gate = ["check", "--verify", "--category", "CLO", "--phase", "go-live"];
    expect((await golive(dir, gate, onGoLive)).code).toBe(0);
    writeFileSync(join(dir, "deploy.shop-prod.yml"), deployFile("prod", { storefrontAuth: true }));
    expect(
      (await golive(dir, ["check", "--category", "CLO", "--phase", "go-live"], onGoLive)).code,
    ).toBe(0);
    // Never recorded as passing: it fails its check.
    const never = await golive(dir, gate, onGoLive);
    expect(never.code).toBe(1);
    expect(never.stdout).toMatch(
      /0 regressed, 1 failing their check[\s\S]*FAIL +CLO-17 {2}Remove basic auth: done, but its check fails: deploy\.shop-prod\.yml:34/,
    );
    // Recorded as passing, then broken: it has regressed.
    writeFileSync(join(dir, "deploy.shop-prod.yml"), deployFile("prod"));
    expect((await golive(dir, ["verify", "--item", "CLO-17", "--record"], onGoLive)).code).toBe(0);
    writeFileSync(join(dir, "deploy.shop-prod.yml"), deployFile("prod", { storefrontAuth: true }));
    const r = await golive(dir, gate, onGoLive);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /nothing overdue, 1 regressed, 2 warnings[\s\S]*FAIL +CLO-17 {2}Remove basic auth: done and its recorded evidence passed, but its check now fails: deploy\.shop-prod\.yml:34/,
    );
    const before = await golive(
      dir,
      ["check", "--verify", "--category", "CLO", "--phase", "go-live"],
      TODAY,
    );
    expect(before.code).toBe(0);
  });

  test("an open item that passes is ready to tick: a warning, not a failure", async () => {
    const dir = await shopRepo();
    const r = await golive(dir, ["check", "--verify", "--phase", "eight-weeks", "--json"], {
      GOLIVE_TODAY: "2027-01-10",
    });
    const report = JSON.parse(r.stdout);
    expect(report.regressed).toEqual([]);
    expect(report.readyToTick).toContain("APP-03");
    const text = await golive(
      dir,
      ["check", "--verify", "--phase", "eight-weeks", "--category", "APP"],
      {
        GOLIVE_TODAY: "2027-01-10",
      },
    );
    expect(text.stderr).toContain(
      "warning: APP-03 passes its check but is still todo: ready to tick (`golive done APP-03`)",
    );
  });
});

describe("reading the repository", () => {
  test("only tracked files, never vendor/, and no symlink out of the repository", async () => {
    const files = shop();
    delete files[".git.docker"];
    files["vendor/spryker/x/deploy.leak.yml"] = "x: 1\n";
    files["vendor/keys/k.pem"] = `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n`;
    const dir = await shopRepo(files);
    writeFileSync(join(dir, ".git.docker"), "1.65.0\n"); // present but untracked
    const outside = tempRepo(
      { "secret.pem": `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n` },
      { git: false },
    );
    symlinkSync(join(outside, "secret.pem"), join(dir, "linked.pem"));
    execFileSync("git", ["add", "-f", "linked.pem", "vendor"], { cwd: dir });
    const r = await golive(dir, ["verify", "--item", "APP-08"], TODAY);
    expect(r.stdout).toContain(".git.docker  missing");
    const s = await golive(dir, ["verify", "--item", "APP-17"], TODAY);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain("no private keys or literal secrets found");
  });

  test("outside git, a plain walk still skips node_modules/", async () => {
    const dir = tempRepo(
      { ".git.docker": "1.65.0\n", "node_modules/x/.git.docker": "master\n" },
      { git: false },
    );
    expect((await golive(dir, ["init", "--date", "2027-03-01"], TODAY)).code).toBe(0);
    const r = await golive(dir, ["verify", "--item", "APP-08", "--json"], TODAY);
    const report = JSON.parse(r.stdout);
    expect(report.repository.files).toBe("walk");
    expect(report.items[0].result).toBe("pass");
    expect(readFileSync(join(dir, "golive.yaml"), "utf8")).not.toContain("evidence");
  });
});
