/**
 * Every install command in the docs is run. Install commands live in marked blocks,
 *
 *   <!-- install: NAME, in FOLDER -->   (FOLDER: work, golive or shop)
 *
 * and the test checks that no install command (npm ci/install/pack, git clone, npx, a copy of
 * golive.cjs, `uses: .../golive@`) appears in README.md or docs/ outside them. A shell block is
 * run as it stands with bash, in FOLDER of a sandbox: `work/` holds the shop's clone `shop/`
 * (with the demo's golive.yaml), and golive's clone `golive/` once the `clone` block made it;
 * golive's repository URL is a local copy of this working tree. A workflow block runs the
 * action as GitHub's runner does, from a fresh clone of that copy, so the action's own build
 * step runs too. The npm installs are real (the registry, or npm's cache), so this file runs
 * its three independent parts at once.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { bash, runAction } from "../helpers/action.js";
import { BUNDLE } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const URL = "https://github.com/your-org/golive.git";
const ACTION = "your-org/golive@main";
const DEMO = readFileSync(join(ROOT, "examples/demo/golive.yaml"), "utf8");
/** The demo fixture is green on this day. */
const GREEN = "2027-02-03";
const HEAVY = 300_000;

/**
 * Folders for this file alone: removing three node_modules trees when it is done takes longer
 * than the shared helper's hook may.
 */
const scratchDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}, 120_000);

const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((n) => n.endsWith(".md"))
    .map((n) => `docs/${n}`),
];

interface Block {
  name: string;
  folder: "work" | "golive" | "shop";
  lang: string;
  text: string;
  where: string;
}

/** The marked install blocks of every doc. */
function blocks(): Block[] {
  const found: Block[] = [];
  for (const doc of DOCS) {
    const lines = readFileSync(join(ROOT, doc), "utf8").split("\n");
    lines.forEach((line, i) => {
      const m = /^<!-- install: ([a-z-]+), in (work|golive|shop) -->$/.exec(line);
      if (!m) {
        expect(line, `${doc}:${i + 1}: an install marker the test cannot read`).not.toMatch(
          /<!-- install/,
        );
        return;
      }
      const fence = /^```(\w+)$/.exec(lines[i + 1] ?? "");
      expect(fence, `${doc}:${i + 1}: no fenced block after the marker`).toBeTruthy();
      const end = lines.indexOf("```", i + 2);
      found.push({
        name: m[1]!,
        folder: m[2] as Block["folder"],
        lang: fence![1]!,
        text: lines.slice(i + 2, end).join("\n"),
        where: `${doc}:${i + 1}`,
      });
    });
  }
  return found;
}

const BLOCKS = blocks();

/** The one text of a block, however many docs show it. */
function block(name: string): Block {
  const all = BLOCKS.filter((b) => b.name === name);
  expect(all.length, `no install block ${name}`).toBeGreaterThan(0);
  for (const b of all)
    expect(b.text, `${b.where} differs from ${all[0]!.where}`).toBe(all[0]!.text);
  return all[0]!;
}

/** Code in a Markdown text: fenced lines and `spans`, each with where it is. */
function code(doc: string): { text: string; where: string }[] {
  const out: { text: string; where: string }[] = [];
  let fenced = false;
  readFileSync(join(ROOT, doc), "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return;
      }
      const where = `${doc}:${i + 1}`;
      if (fenced) out.push({ text: line, where });
      else for (const m of line.matchAll(/`([^`]+)`/g)) out.push({ text: m[1]!, where });
    });
  return out;
}

/** What the docs name as commands not to run, to say what they do. */
const NOT_TO_RUN = new Set(["npx golive", "npx --no golive --version"]);

const INSTALLING = [
  /\bnpm (ci|install|i|pack|link)\b/,
  /\bgit clone\b/,
  /\bnpx\b/,
  /\bcp\b.*golive\.cjs/,
  /\buses: .*golive@/,
  /\b(curl|wget)\b/,
];

describe("install commands in the docs", () => {
  test("are all in marked blocks, and each block's name is one this test runs", () => {
    const marked = BLOCKS.map((b) => b.text).join("\n");
    for (const doc of DOCS) {
      for (const { text, where } of code(doc)) {
        if (!INSTALLING.some((re) => re.test(text)) || NOT_TO_RUN.has(text)) continue;
        // A placeholder (`npx --no -- golive COMMAND`) stands for any word.
        const pattern = text
          .trim()
          .split(/\b[A-Z]{3,}\b/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
          .join("\\S+");
        expect(marked, `${where}: \`${text}\` is an install command no marked block holds`).toMatch(
          new RegExp(pattern),
        );
      }
    }
    expect([...new Set(BLOCKS.map((b) => b.name))].sort()).toEqual([
      "action",
      "action-junit",
      "git-dependency",
      "global",
      "quick-start",
      "single-file",
      "tarball",
    ]);
  });

  test("name no tag or version that does not exist", () => {
    const tags = execFileSync("git", ["tag"], { cwd: ROOT, encoding: "utf8" }).split("\n");
    for (const doc of DOCS) {
      for (const { text, where } of code(doc)) {
        for (const m of text.matchAll(/golive(?:\.git)?[#@]([\w.-]+)/g)) {
          const ref = m[1]!;
          expect(ref === "main" || tags.includes(ref), `${where}: ${ref}`).toBe(true);
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The sandbox.

let origin: string;
let globalPrefix: string;

/** The working tree as a bare repository on branch main: what the docs' URL stands for. */
function snapshot(): string {
  const dir = tempDir("golive-origin-");
  const listed = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: ROOT, encoding: "utf8" },
  );
  for (const file of new Set(listed.split("\0"))) {
    if (file === "" || file === "node_modules" || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" },
      stdio: "ignore",
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "snapshot");
  // Named as the docs' URL is, so that `git clone` makes a folder golive/.
  const bare = join(tempDir("golive-remote-"), "golive.git");
  execFileSync("git", ["clone", "-q", "--bare", dir, bare], { stdio: "ignore" });
  return bare;
}

/** A folder with a shop's clone in it: the demo's golive.yaml, committed; no node_modules. */
function work(): string {
  const dir = tempDir("golive-work-");
  const shop = join(dir, "shop");
  mkdirSync(shop);
  writeFileSync(join(shop, "golive.yaml"), DEMO);
  writeFileSync(join(shop, "package.json"), '{ "name": "shop", "private": true }\n');
  writeFileSync(join(shop, ".gitignore"), "node_modules/\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: shop, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "shop");
  return dir;
}

/** The environment a person's shell has: npm's global folder moved into the sandbox. */
function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(globalPrefix, "bin")}:${process.env.PATH ?? ""}`,
    npm_config_prefix: globalPrefix,
    npm_config_update_notifier: "false",
    GIT_CONFIG_NOSYSTEM: "1",
    GOLIVE_TODAY: GREEN,
    NO_COLOR: "1",
  };
}

/** Runs an install block as it stands, its URL pointing at the snapshot. */
async function runBlock(name: string, sandbox: string): Promise<string> {
  const b = block(name);
  expect(b.lang, `${b.where}: a shell block`).toBe("sh");
  const script = b.text.split(URL).join(`file://${origin}`);
  const cwd = b.folder === "work" ? sandbox : join(sandbox, b.folder);
  const r = await bash(script, cwd, env());
  expect(r.code, `${b.where} (${name}):\n${r.out}`).toBe(0);
  return r.out;
}

const driverOf = (shop: string) =>
  execFileSync("git", ["config", "--get", "merge.golive.driver"], { cwd: shop, encoding: "utf8" });

beforeAll(() => {
  origin = snapshot();
  globalPrefix = tempDir("golive-prefix-");
});

describe("the documented installs", () => {
  test.concurrent(
    "a clone of golive: the demo, the single file, a tarball dev dependency, a global command",
    async () => {
      const sandbox = work();
      const shop = join(sandbox, "shop");
      expect(await runBlock("quick-start", sandbox)).toContain("Go-live");
      expect(existsSync(join(sandbox, "golive/dist/golive.cjs"))).toBe(true);

      // The single file starts a project: in a shop without golive.yaml yet.
      execFileSync("git", ["rm", "-q", "golive.yaml"], { cwd: shop });
      execFileSync(
        "git",
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "no golive yet"],
        { cwd: shop },
      );
      expect(await runBlock("single-file", sandbox)).toContain("Go-live Mon 1 Mar 2027");
      expect(driverOf(shop)).toContain(`${realpathSync(shop)}/tools/golive.cjs merge-driver`);
      expect(
        execFileSync("git", ["diff", "--cached", "--name-only"], { cwd: shop, encoding: "utf8" }),
      ).toBe(".gitattributes\ngolive.yaml\ntools/golive.cjs\n");

      await runBlock("tarball", sandbox);
      expect(existsSync(join(shop, "node_modules/golive/dist/golive.cjs"))).toBe(true);
      expect(readdirSync(join(shop, "tools")).some((n) => /^golive-.*\.tgz$/.test(n))).toBe(true);
      expect(
        JSON.parse(readFileSync(join(shop, "package.json"), "utf8")).devDependencies.golive,
      ).toMatch(/^file:tools\/golive-.*\.tgz$/);
      expect(driverOf(shop)).toContain("node_modules/golive/bin/golive.cjs merge-driver");

      const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
      expect(await runBlock("global", sandbox)).toContain(version);
    },
    HEAVY,
  );

  test.concurrent(
    "a dev dependency straight from golive's git repository",
    async () => {
      const sandbox = work();
      const shop = join(sandbox, "shop");
      await runBlock("git-dependency", sandbox);
      expect(existsSync(join(shop, "node_modules/golive/dist/golive.cjs"))).toBe(true);
      expect(
        JSON.parse(readFileSync(join(shop, "package.json"), "utf8")).devDependencies.golive,
      ).toBe(`git+file://${origin}#main`);
      expect(driverOf(shop)).toContain("node_modules/golive/bin/golive.cjs merge-driver");
    },
    HEAVY,
  );

  test.concurrent(
    "the GitHub Action as a workflow uses it: built by its own step, nothing in the shop",
    async () => {
      // The runner fetches `your-org/golive@main`: a clone at main, unbuilt.
      const actionDir = join(tempDir("golive-actions-"), "golive");
      execFileSync("git", ["clone", "-q", "--branch", "main", origin, actionDir], {
        stdio: "ignore",
      });
      const runner = { ...env(), GOLIVE_TODAY: "" };
      for (const name of ["action", "action-junit"]) {
        const b = block(name);
        expect(b.lang).toBe("yaml");
        const doc = parse(b.text);
        const steps: { uses?: string; with?: Record<string, unknown> }[] = Array.isArray(doc)
          ? doc
          : Object.values(doc.jobs as Record<string, { steps: [] }>)[0]!.steps;
        const step = steps.find((s) => s.uses === ACTION);
        expect(step, `${b.where}: no step uses ${ACTION}`).toBeTruthy();
        const given = Object.fromEntries(
          Object.entries(step!.with ?? {}).map(([k, v]) => [k, String(v)]),
        );
        // The demo's go-live is in the past by now: pin the day the gate is green, as the
        // example workflow does.
        given.args = `${given.args ?? ""} --today ${GREEN}`.trim();
        const shop = join(work(), "shop");
        const r = await runAction(actionDir, shop, given, runner);
        expect(r.code, `${b.where}:\n${r.out}`).toBe(0);
        expect(r.summary).toContain("### ✅");
        expect(existsSync(join(shop, "node_modules"))).toBe(false);
        if (name === "action-junit") {
          expect(readFileSync(join(shop, "reports/golive.xml"), "utf8")).toContain("<testsuites");
        }
      }
      expect(existsSync(join(actionDir, "dist/golive.cjs"))).toBe(true);
    },
    HEAVY,
  );
});

describe("docs/ci.md", () => {
  test("every golive command in its pipelines runs green on the demo, with the file in the shop", async () => {
    // The shop's gate and reports; the portfolio job (another repository) and the digest (a
    // webhook) are run in-process by test/commands/ci-docs.test.ts.
    const commands = [
      ...readFileSync(join(ROOT, "docs/ci.md"), "utf8").matchAll(
        /node tools\/golive\.cjs ((?:check|export)[^`'\n]*)/g,
      ),
    ].map((m) => m[1]!.trim());
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const shop = join(work(), "shop");
    mkdirSync(join(shop, "tools"));
    cpSync(BUNDLE, join(shop, "tools/golive.cjs"));
    for (const command of commands) {
      const r = await bash(`node tools/golive.cjs ${command}`, shop, {
        ...process.env,
        GOLIVE_TODAY: GREEN,
      });
      expect(r.code, `node tools/golive.cjs ${command}:\n${r.out}`).toBe(0);
    }
  });
});
