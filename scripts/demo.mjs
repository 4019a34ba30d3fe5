// `npm run demo`: a throw-away repository with the Spryker checklist, a few weeks into the
// work, and its standup view. Shows what golive does without touching your files.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_GO_LIVE, DEMO_NAME, DEMO_TODAY, demoSteps } from "./demo-steps.mjs";

const bin = new URL("../dist/golive.cjs", import.meta.url).pathname;
/** The installed command, as a clone has it. */
const cli = fileURLToPath(new URL("../bin/golive.cjs", import.meta.url));
const repo = mkdtempSync(join(tmpdir(), "golive-demo-"));
const env = { ...process.env, GOLIVE_TODAY: DEMO_TODAY };
const run = (args, show = false) =>
  execFileSync(process.execPath, [bin, ...args], {
    cwd: repo,
    env,
    stdio: show ? "inherit" : "pipe",
  });

execFileSync("git", ["init", "-q"], { cwd: repo });
console.log(`$ cd ${repo}`);
console.log(`$ golive init --date ${DEMO_GO_LIVE} --name "${DEMO_NAME}"`);
run(["init", "--date", DEMO_GO_LIVE, "--name", DEMO_NAME], true);
const eightWeeks = JSON.parse(run(["list", "--phase", "eight-weeks", "--json"])).items.map(
  (i) => i.id,
);
for (const step of demoSteps(eightWeeks)) run(step);
console.log("\n$ golive status   # (pretending today is 2027-02-10)");
run(["status"], true);
// The next command works as printed from where the demo ran, before golive is on PATH.
const quote = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`);
const near = relative(process.cwd(), cli);
const golive = `node ${quote(near.startsWith("..") ? cli : near)}`;
console.log(
  `\nThe state file is ${join(repo, "golive.yaml")}. Next, try:\n  ${golive} --file ${quote(join(repo, "golive.yaml"))} --today ${DEMO_TODAY} show TES-05`,
);
