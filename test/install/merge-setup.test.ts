/**
 * Merges never lose an edit, with real `git merge` in temporary repositories and golive
 * installed the three ways a team does: a dev dependency from the packed tarball, a global
 * install of it, and the single file copied into the shop. `golive init` by each install sets
 * up the driver; git runs it with a PATH that holds git alone, so nothing depends on golive
 * (or Node) being on git's PATH. Then: a clone without the driver, the "golive: not
 * found" merge, `golive resolve` and `golive setup`; two go-live dates; both directions.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { BUNDLE, gitEnv, tempDir } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TODAY = "2027-01-05";

/** A folder holding only `git`: git's PATH for the merges. */
let gitOnly: string;
let tarball: string;
/** How each install is started, given the shop's folder. */
const installs: Record<string, (shop: string) => string[]> = {};
/** The golive file each install's driver must name, given the shop's folder. */
const files: Record<string, (shop: string) => string> = {};
let globalPrefix: string;
/** A shop's node_modules after `npm install --save-dev` of the tarball, copied into each shop. */
let devInstall: string;

function npm(cwd: string, ...args: string[]): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
  });
}

beforeAll(() => {
  gitOnly = tempDir("golive-gitonly-");
  symlinkSync(
    execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim(),
    join(gitOnly, "git"),
  );
  // The tarball of what the working tree would publish. --ignore-scripts: `prepare` would
  // rebuild dist/ while other test files run it; the global setup built it from these sources.
  const packs = tempDir("golive-pack-");
  const packed = JSON.parse(
    npm(ROOT, "pack", "--ignore-scripts", "--json", "--pack-destination", packs),
  );
  const names = (packed[0].files as { path: string }[]).map((f) => f.path);
  expect(names).toContain("dist/golive.cjs");
  expect(names).toContain("bin/golive.cjs");
  tarball = join(packs, packed[0].filename);

  globalPrefix = tempDir("golive-global-");
  npm(globalPrefix, "install", "-g", "--prefix", globalPrefix, "--no-audit", "--no-fund", tarball);
  installs.global = () => [join(globalPrefix, "bin/golive")];
  files.global = () => realpathSync(join(globalPrefix, "lib/node_modules/golive/bin/golive.cjs"));
  devInstall = tempDir("golive-dev-");
  writeFileSync(join(devInstall, "package.json"), '{ "name": "shop", "private": true }\n');
  npm(devInstall, "install", "--save-dev", "--no-audit", "--no-fund", tarball);
  // The packed golive brings nothing else along.
  expect(readdirSync(join(devInstall, "node_modules")).filter((n) => !n.startsWith("."))).toEqual([
    "golive",
  ]);
  installs.dev = (shop) => [join(shop, "node_modules/.bin/golive")];
  files.dev = (shop) => realpathSync(join(shop, "node_modules/golive/bin/golive.cjs"));
  installs.file = (shop) => [process.execPath, join(shop, "tools/golive.cjs")];
  files.file = (shop) => realpathSync(join(shop, "tools/golive.cjs"));
}, 120_000);

/** A shop with golive installed `how`, as a fresh git repository. */
function shop(how: string): string {
  const dir = tempDir("golive-shop-");
  writeFileSync(join(dir, "package.json"), '{ "name": "shop", "private": true }\n');
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
  if (how === "dev") {
    // What `npm install --save-dev` of the tarball made once, copied: links in .bin stay
    // relative, so they lead into this shop's own node_modules.
    for (const name of ["package.json", "node_modules"]) {
      cpSync(join(devInstall, name), join(dir, name), { recursive: true, verbatimSymlinks: true });
    }
  }
  if (how === "file") {
    mkdirSync(join(dir, "tools"));
    cpSync(BUNDLE, join(dir, "tools/golive.cjs"));
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.name", "Test");
  git(dir, "config", "user.email", "t@example.com");
  return dir;
}

function git(dir: string, ...args: string[]): { code: number; out: string } {
  const r = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...gitEnv(dir), PATH: gitOnly },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** Runs golive as installed `how` in `dir`. */
function run(how: string, dir: string, args: string[], today = TODAY) {
  const [command, ...pre] = installs[how]!(dir);
  const r = spawnSync(command!, [...pre, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...gitEnv(dir), NO_COLOR: "1", GOLIVE_TODAY: today },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(how: string, dir: string, args: string[], today = TODAY): string {
  const r = run(how, dir, args, today);
  expect(r.code, `golive ${args.join(" ")}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const item = (dir: string, id: string) =>
  parse(readFileSync(join(dir, "golive.yaml"), "utf8")).items[id];

/**
 * init by `how`, committed; then `other` skips GEN-02 and gives CLO-01 an owner, `main` marks
 * GEN-01 done: changes to different items, which merge without a person (a field both sides
 * changed differently is left to one: test/process/merge.test.ts).
 */
function twoBranches(how: string, dir: string): void {
  ok(how, dir, ["init", "--date", "2027-03-01"], "2027-01-04");
  git(dir, "add", "-A");
  expect(git(dir, "commit", "-qm", "init").code).toBe(0);
  git(dir, "checkout", "-qb", "other");
  ok(how, dir, ["skip", "GEN-02", "--reason", "no plan needed", "--by", "Bo"]);
  ok(how, dir, ["assign", "CLO-01", "Bo", "--by", "Bo"]);
  git(dir, "commit", "-qam", "theirs");
  git(dir, "checkout", "-q", "main");
  ok(how, dir, ["done", "GEN-01", "--by", "Ana"]);
  git(dir, "commit", "-qam", "ours");
}

describe.each(["dev", "global", "file"])("golive installed as %s", (how) => {
  test("init sets up a driver git runs without golive on its PATH; same-day edits merge, both ways", () => {
    const dir = shop(how);
    twoBranches(how, dir);
    expect(git(dir, "config", "merge.golive.driver").out.trim()).toBe(
      `${process.execPath} ${files[how]!(dir)} merge-driver %O %A %B %P`,
    );
    // main into other first: the same items as other into main, below.
    git(dir, "checkout", "-qb", "reverse", "other");
    expect(git(dir, "merge", "--no-edit", "main").code).toBe(0);
    const reverse = parse(readFileSync(join(dir, "golive.yaml"), "utf8")).items;
    git(dir, "checkout", "-q", "main");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.out).not.toContain("CONFLICT");
    expect(merge.code, merge.out).toBe(0);
    // Each side's change lands, with its author. Nothing is lost.
    expect(item(dir, "GEN-01")).toMatchObject({ status: "done", by: "Ana" });
    expect(item(dir, "GEN-02")).toMatchObject({ status: "not-applicable", by: "Bo" });
    expect(item(dir, "CLO-01")).toMatchObject({ owner: "Bo" });
    expect(parse(readFileSync(join(dir, "golive.yaml"), "utf8")).items).toEqual(reverse);
    expect(run(how, dir, ["doctor"]).code).toBe(0);
  });
});

describe("with golive a dev dependency", () => {
  test("a driver git cannot start: refused until resolve; setup makes the next merge work", () => {
    const dir = shop("dev");
    twoBranches("dev", dir);
    // The documented set-up of old: `golive` is not on git's PATH, so git says "not found",
    // CONFLICT, and leaves golive.yaml as ours, without conflict markers.
    git(dir, "config", "merge.golive.driver", "golive merge-driver %O %A %B %P");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain("golive: not found");
    expect(readFileSync(join(dir, "golive.yaml"), "utf8")).not.toContain("<<<<<<<");
    const refused = run("dev", dir, ["status"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("golive.yaml is unmerged in git's index");
    const doctor = run("dev", dir, ["doctor"]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("its program golive was not found");

    expect(ok("dev", dir, ["resolve"])).toContain("Next: `git commit` finishes the merge.");
    expect(git(dir, "commit", "-qm", "merged").code).toBe(0);
    expect(item(dir, "GEN-01")).toMatchObject({ status: "done" });
    expect(item(dir, "CLO-01")).toMatchObject({ owner: "Bo" });

    expect(ok("dev", dir, ["setup"])).toContain("was golive merge-driver %O %A %B %P, now ");
    git(dir, "checkout", "-q", "other");
    ok("dev", dir, ["note", "CLO-01", "theirs", "--by", "Bo"], "2027-01-06");
    git(dir, "commit", "-qam", "note");
    git(dir, "checkout", "-q", "main");
    ok("dev", dir, ["note", "CLO-01", "ours", "--by", "Ana"], "2027-01-07");
    git(dir, "commit", "-qam", "note");
    const again = git(dir, "merge", "--no-edit", "other");
    expect(again.code, again.out).toBe(0);
    expect(item(dir, "CLO-01").note).toBe("theirs\nours");
  });

  test("a clone without the driver: git's text merge, then resolve", () => {
    const origin = shop("dev");
    twoBranches("dev", origin);
    // Both sides write GEN-01's entry (a status here, a note there): git's text merge stops
    // on it; golive resolve takes each side's field.
    git(origin, "checkout", "-q", "other");
    ok("dev", origin, ["note", "GEN-01", "theirs", "--by", "Bo"]);
    git(origin, "commit", "-qam", "note");
    git(origin, "checkout", "-q", "main");
    const dir = join(tempDir(), "clone");
    execFileSync("git", ["clone", "-q", origin, dir], { env: gitEnv(origin) });
    git(dir, "branch", "-q", "other", "origin/other");
    git(dir, "config", "user.name", "Clone");
    git(dir, "config", "user.email", "c@example.com");
    cpSync(join(origin, "node_modules"), join(dir, "node_modules"), { recursive: true });
    expect(git(dir, "config", "merge.golive.driver").out).toBe("");
    expect(git(dir, "merge", "--no-edit", "other").code).toBe(1);
    expect(run("dev", dir, ["list"]).code).toBe(2);
    ok("dev", dir, ["resolve"]);
    expect(item(dir, "CLO-01")).toMatchObject({ owner: "Bo" });
    expect(item(dir, "GEN-01")).toMatchObject({ status: "done", note: "theirs" });
    expect(git(dir, "ls-files", "-u").out).toBe("");
  });

  test("two go-live dates: that line stays in conflict until a person picks one", () => {
    const dir = shop("dev");
    ok("dev", dir, ["init", "--date", "2027-03-01"], "2027-01-04");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    git(dir, "checkout", "-qb", "other");
    ok("dev", dir, ["reschedule", "--date", "2027-03-22", "--by", "Bo"]);
    ok("dev", dir, ["assign", "CLO-01", "Bo", "--by", "Bo"]);
    git(dir, "commit", "-qam", "later");
    git(dir, "checkout", "-q", "main");
    ok("dev", dir, ["reschedule", "--date", "2027-03-15", "--by", "Ana"]);
    git(dir, "commit", "-qam", "sooner");
    const merge = git(dir, "merge", "--no-edit", "other");
    expect(merge.code).toBe(1);
    expect(merge.out).toContain(
      "both sides moved go-live, to 2027-03-15 (ours) and 2027-03-22 (theirs)",
    );
    const text = readFileSync(join(dir, "golive.yaml"), "utf8");
    expect(text.match(/^<<<<<<< /gm)).toHaveLength(1);
    expect(text).toContain(
      "<<<<<<< ours\ngoLive: 2027-03-15\n=======\ngoLive: 2027-03-22\n>>>>>>> theirs\n",
    );
    expect(run("dev", dir, ["status"]).code).toBe(2);
    writeFileSync(
      join(dir, "golive.yaml"),
      text
        .replace("<<<<<<< ours\ngoLive: 2027-03-15\n=======\n", "")
        .replace(">>>>>>> theirs\n", ""),
    );
    const resolved = ok("dev", dir, ["resolve"]);
    expect(resolved).toContain("merged, with the sides you chose, and staged.");
    expect(resolved).toContain("go-live: theirs (Bo, 2027-01-05)");
    expect(git(dir, "commit", "-qm", "merged").code).toBe(0);
    expect(item(dir, "CLO-01")).toMatchObject({ owner: "Bo" });
    expect(ok("dev", dir, ["status"])).toContain("Go-live Mon 22 Mar 2027");
  });
});
