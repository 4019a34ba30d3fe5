/**
 * docs/ci.md's recipes that publish the project manager's page on every push to main (issue
 * 22): a GitHub Pages workflow and a GitLab Pages job. Each is parsed from the doc; its steps
 * are asserted, and its golive lines run, as the runner runs them, in a repository holding the
 * demo's golive.yaml and golive as tools/golive.cjs: the site folder gets the page and the report.
 * Tagged `process`: bash and the built golive run.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BUNDLE, gitEnv, tempRepo } from "../helpers/cli.js";

const ROOT = resolve(import.meta.dirname, "../..");
const DEMO = join(ROOT, "examples/demo/golive.yaml");
const TEXT = readFileSync(join(ROOT, "docs/ci.md"), "utf8");

function recipe(name: string) {
  const block = new RegExp(`<!-- ci: ${name} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\`\`\``).exec(TEXT);
  expect(block, name).not.toBeNull();
  return parse(block![1]!);
}

/** Runs `script` with bash in a shop's repository, as a CI runner would; returns the repo. */
function runInShop(script: string): string {
  const repo = tempRepo({ "golive.yaml": readFileSync(DEMO, "utf8") });
  mkdirSync(join(repo, "tools"));
  cpSync(BUNDLE, join(repo, "tools/golive.cjs"));
  execFileSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: repo,
    env: { ...gitEnv(repo), GOLIVE_TODAY: "2027-02-03" },
  });
  return repo;
}

function expectPages(dir: string): void {
  const page = readFileSync(join(dir, "index.html"), "utf8");
  expect(page).toContain('<svg id="burnup"');
  expect(page).toContain('<div id="forecast"');
  expect(readFileSync(join(dir, "launch.html"), "utf8")).toContain("<h1>Launch report: ");
}

describe("docs/ci.md: the page on GitHub Pages", { tags: ["process"] }, () => {
  const workflow = recipe("github-pages");
  const steps = workflow.jobs.page.steps as {
    run?: string;
    uses?: string;
    with?: Record<string, unknown>;
    id?: string;
  }[];

  it("runs on every push to main and each weekday, with the Pages permissions only", () => {
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(workflow.on.schedule[0].cron).toMatch(/1-5$/);
    expect(workflow.permissions).toEqual({ contents: "read", pages: "write", "id-token": "write" });
    expect(workflow.jobs.page.environment.name).toBe("github-pages");
  });

  it("builds the site, uploads it and deploys it", () => {
    expect(steps.map((s) => s.uses ?? "run")).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "run",
      "actions/upload-pages-artifact@v3",
      "actions/deploy-pages@v4",
    ]);
    expect(steps[3]!.with).toEqual({ path: "site" });
    expect(workflow.jobs.page.environment.url).toBe(
      `$\{{ steps.${steps[4]!.id}.outputs.page_url }}`,
    );
  });

  it("its run step writes the page and the launch report into site/", () => {
    const repo = runInShop(steps[2]!.run!);
    expectPages(join(repo, "site"));
  });
});

describe("docs/ci.md: the page on GitLab Pages", { tags: ["process"] }, () => {
  const job = recipe("gitlab-pages").pages;

  it("is the job GitLab publishes: named pages, public/ as its artefact, on the default branch", () => {
    expect(job.artifacts).toEqual({ paths: ["public"] });
    expect(job.rules).toEqual([{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }]);
  });

  it("its script writes the page and the launch report into public/", () => {
    const repo = runInShop((job.script as string[]).join("\n"));
    expectPages(join(repo, "public"));
  });
});
