/**
 * `golive completion bash|zsh|fish` and what its scripts ask at each tab, `golive __complete`:
 * commands, options, option values and item IDs, the IDs from the golive.yaml found from the
 * current folder (the shipped catalogue's without one). The scripts run in the real shells with
 * the built golive on PATH: bash always, zsh and fish where they are installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, golive, tempDir, tempRepo } from "./helpers/cli.js";

const TODAY = { GOLIVE_TODAY: "2027-02-10" };

const OURS = `format: 1
name: ours
title: Our own checklist
version: "1"
categories:
  - id: OPS
    title: Operations
  - id: SEC
    title: Security
phases:
  - id: month
    title: A month before
    opens: -42
    due: -28
  - id: week
    title: The last week
    opens: -7
    due: -1
items:
  - { id: OPS-01, category: OPS, phase: month, title: Order the servers, summary: s }
  - { id: OPS-02, category: OPS, phase: week, title: Warm the caches, summary: s }
  - { id: SEC-01, category: SEC, phase: week, title: Rotate the keys, summary: s }
`;

/** A repository tracking its own catalogue, with an owner. */
async function project(): Promise<string> {
  const dir = tempRepo({ "ours.yaml": OURS });
  for (const args of [
    ["init", "--date", "2027-03-01", "--catalogue", "ours.yaml"],
    ["assign", "OPS-01", "Sam Taylor"],
    ["done", "OPS-01"],
  ]) {
    const r = await golive(dir, args, TODAY);
    expect(r.code, r.stderr).toBe(0);
  }
  mkdirSync(join(dir, "src/deep"), { recursive: true });
  return dir;
}

/** What `golive __complete -- WORDS` offers, values only. */
async function offered(cwd: string, ...words: string[]): Promise<string[]> {
  const result = await golive(cwd, ["__complete", "--", ...words], TODAY);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  return result.stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t")[0]!);
}

describe("golive __complete", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await project();
  });

  it("completes commands, with their descriptions, and hides itself", async () => {
    expect(await offered(dir, "st")).toEqual(["status", "start"]);
    const all = await offered(dir, "");
    expect(all).toEqual(expect.arrayContaining(["init", "done", "check", "completion", "help"]));
    expect(all).not.toContain("__complete");
    const described = await golive(dir, ["__complete", "--", "sh"]);
    expect(described.stdout).toBe("show\teverything about one item\n");
  });

  it("completes each command's options and the global ones", async () => {
    expect(await offered(dir, "check", "--w")).toEqual(["--warn-within"]);
    expect(await offered(dir, "list", "--")).toEqual(
      expect.arrayContaining([
        "--phase",
        "--status",
        "--unassigned",
        "--file",
        "--today",
        "--help",
      ]),
    );
    // A switch already given is not offered again.
    expect(await offered(dir, "status", "--all", "--a")).toEqual([]);
    expect(await offered(dir, "-")).toEqual(expect.arrayContaining(["--file", "--version"]));
  });

  it("completes item IDs from the golive.yaml found from the current folder", async () => {
    expect(await offered(join(dir, "src/deep"), "done", "")).toEqual([
      "OPS-01",
      "OPS-02",
      "SEC-01",
    ]);
    expect(await offered(dir, "done", "ops")).toEqual(["OPS-01", "OPS-02"]);
    // An item already named is not offered again.
    expect(await offered(dir, "done", "OPS-01", "OPS")).toEqual(["OPS-02"]);
    expect(await offered(dir, "verify", "--item", "S")).toEqual(["SEC-01"]);
    const titled = await golive(dir, ["__complete", "--", "show", "SEC"]);
    expect(titled.stdout).toBe("SEC-01\tRotate the keys\n");
  });

  it("uses the shipped catalogue's IDs where there is no golive.yaml, or --file's", async () => {
    const empty = tempRepo();
    expect(await offered(empty, "show", "CLO-1")).toEqual(
      expect.arrayContaining(["CLO-10", "CLO-14"]),
    );
    const other = join(dir, "golive.yaml");
    expect(await offered(empty, "--file", other, "show", "")).toEqual([
      "OPS-01",
      "OPS-02",
      "SEC-01",
    ]);
    // A golive.yaml that does not read still completes, with the shipped IDs.
    const broken = tempRepo({ "golive.yaml": "golive: [" });
    expect(await offered(broken, "show", "TES-0")).toContain("TES-05");
  });

  it("completes option values: choices, phases, categories, owners, statuses, files", async () => {
    expect(await offered(dir, "check", "--format", "j")).toEqual(["junit", "json"]);
    expect(await offered(dir, "list", "--phase", "")).toEqual(["month", "week"]);
    expect(await offered(dir, "list", "--category", "s")).toEqual(["SEC"]);
    expect(await offered(dir, "status", "--owner", "")).toEqual(["Sam Taylor"]);
    expect(await offered(dir, "list", "--status", "in")).toEqual(["in-progress"]);
    // A list completes after its last comma.
    expect(await offered(dir, "list", "--status", "todo,bl")).toEqual(["todo,blocked"]);
    expect(await offered(dir, "completion", "")).toEqual(["bash", "zsh", "fish"]);
    expect(await offered(dir, "help", "ch")).toEqual(["check"]);
    // zsh and fish keep --opt=value as one word; bash splits it at the "=".
    expect(await offered(dir, "list", "--phase=w")).toEqual(["--phase=week"]);
    expect(await offered(dir, "list", "--phase", "=", "w")).toEqual(["week"]);
    expect(await offered(dir, "list", "--phase", "=")).toEqual(["month", "week"]);
    // A path is the shell's to complete; free text gets nothing at all.
    const files = await golive(dir, ["__complete", "--", "export", "--output", "rep"]);
    expect(files.stdout).toBe(":files\n");
    expect(
      (await golive(dir, ["__complete", "--", "block", "OPS-02", "--reason", ""])).stdout,
    ).toBe("");
  });
});

describe("golive completion", () => {
  it("prints a script for bash, zsh and fish, and refuses another shell", async () => {
    const bash = await golive(tempDir(), ["completion", "bash"]);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain("complete -F _golive_completions golive");
    const zsh = await golive(tempDir(), ["completion", "zsh"]);
    expect(zsh.stdout.startsWith("#compdef golive\n")).toBe(true);
    const fish = await golive(tempDir(), ["completion", "fish"]);
    expect(fish.stdout).toContain("complete -c golive -f -a '(__golive_complete)'");
    for (const script of [bash, zsh, fish]) expect(script.stdout).toContain("__complete --");
    const tcsh = await golive(tempDir(), ["completion", "tcsh"]);
    expect(tcsh.code).toBe(2);
    expect(tcsh.stderr).toContain("(run golive completion --help for usage)");
  });
});

/** A folder with a `golive` command on it: the built one, as an install has it. */
function pathWithGolive(): string {
  const bin = tempDir("golive-path-");
  const golive = join(bin, "golive");
  writeFileSync(golive, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(golive, 0o755);
  return `${bin}:${process.env.PATH ?? ""}`;
}

/** Printed between the answers of several completions run in one shell. */
const CUT = "--8<--";

/** CI installs zsh and fish (.ci/run), so there these tests always run; elsewhere they need the shell. */
function has(shell: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
}

// Real shells, each started once or twice: more than the 20 s default on a loaded machine.
describe("the scripts in their shells", { tags: ["process"], timeout: 60_000 }, () => {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  const script = (shell: string) =>
    execFileSync(process.execPath, [BIN, "completion", shell], { encoding: "utf8" });
  beforeAll(async () => {
    dir = await project();
    writeFileSync(join(dir, "report.html"), "");
    env = { PATH: pathWithGolive(), HOME: dir, NO_COLOR: "1", ...TODAY };
  });

  it("bash: COMPREPLY holds the IDs, values and file names", () => {
    const file = join(dir, "golive.bash");
    writeFileSync(file, script("bash"));
    // One shell for all the lines: each completion starts from an empty COMPREPLY.
    const lines = [
      "golive done ''",
      "golive status --owner S",
      "golive list --phase = w",
      "golive export --output rep",
      "golive sta",
    ];
    const each = lines.map(
      (line) =>
        `COMPREPLY=(); COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _golive_completions; printf '%s\\n' "\${COMPREPLY[@]}" '${CUT}'`,
    );
    const out = execFileSync(
      "bash",
      ["-c", [`source ${file}`, ...each, "complete -p golive"].join("\n")],
      { cwd: dir, env, encoding: "utf8" },
    ).split(`${CUT}\n`);
    expect(out.map((o) => o.trimEnd())).toEqual([
      "OPS-01\nOPS-02\nSEC-01",
      "Sam\\ Taylor",
      "week",
      "report.html",
      "status\nstart",
      "complete -F _golive_completions golive",
    ]);
  });

  it.skipIf(!has("zsh") && process.env.CI !== "true")(
    "zsh: _describe gets value:description pairs",
    () => {
      const folder = join(dir, "zfunc");
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "_golive"), script("zsh"));
      // compinit finds _golive in $fpath; _describe and _files are stood in for, to print. One
      // shell for the three lines. $fpath is our folder and compinit's own: with all of zsh's
      // completion folders compinit reads thousands of files (seconds), none of which _golive uses.
      const each = ["golive show ''", "golive list --phase=m", "golive export --output rep"].map(
        (words) => `words=(${words}); CURRENT=\${#words}; _golive; print -r -- '${CUT}'`,
      );
      const out = execFileSync(
        "zsh",
        [
          "-fc",
          `fpath=(${folder} \${^fpath}/compinit(N:h)); autoload -U compinit && compinit -u -D; ` +
            `[[ \${_comps[golive]} == _golive ]] || exit 3; ` +
            `_describe() { print -rl -- "\${(@P)\${@[-1]}}" }; _files() { print -r -- '<files>' }; ` +
            each.join("; "),
        ],
        { cwd: dir, env, encoding: "utf8" },
      ).split(`${CUT}\n`);
      expect(out.map((o) => o.trimEnd())).toEqual([
        "OPS-01:Order the servers\nOPS-02:Warm the caches\nSEC-01:Rotate the keys",
        "--phase=month:A month before",
        "<files>",
        "",
      ]);
      // Sourced instead of autoloaded, it registers itself with compdef.
      const sourced = execFileSync(
        "zsh",
        [
          "-fc",
          `fpath=(\${^fpath}/compinit(N:h)); autoload -U compinit && compinit -u -D; source ${join(folder, "_golive")}; print -r -- \${_comps[golive]}`,
        ],
        { cwd: dir, env, encoding: "utf8" },
      );
      expect(sourced).toBe("_golive\n");
    },
  );

  it.skipIf(!has("fish") && process.env.CI !== "true")(
    "fish: complete -C offers IDs with their titles",
    () => {
      const file = join(dir, "golive.fish");
      writeFileSync(file, script("fish"));
      // One shell for the four lines.
      const each = [
        "golive done ",
        "golive done sec",
        "golive list --phase=",
        "golive export --output rep",
      ].map((line) => `complete -C'${line}'; echo '${CUT}'`);
      const out = execFileSync(
        "fish",
        ["--no-config", "-c", [`source ${file}`, ...each].join("; ")],
        { cwd: dir, env, encoding: "utf8" },
      ).split(`${CUT}\n`);
      expect(out.map((o) => o.trimEnd())).toEqual([
        "OPS-01\tOrder the servers\nOPS-02\tWarm the caches\nSEC-01\tRotate the keys",
        "SEC-01\tRotate the keys",
        "--phase=month\tA month before\n--phase=week\tThe last week",
        "report.html",
        "",
      ]);
    },
  );
});
