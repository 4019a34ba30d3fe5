// `npm run demo`: a throw-away repository with the Spryker checklist, a few weeks into the
// work, and its standup view. Shows what golive does without touching your files.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = new URL("../dist/golive.cjs", import.meta.url).pathname;
const repo = mkdtempSync(join(tmpdir(), "golive-demo-"));
const env = { ...process.env, GOLIVE_TODAY: "2027-02-10" };
const run = (args, show = false) =>
  execFileSync(process.execPath, [bin, ...args], {
    cwd: repo,
    env,
    stdio: show ? "inherit" : "pipe",
  });

execFileSync("git", ["init", "-q"], { cwd: repo });
console.log(`$ cd ${repo}`);
console.log("$ golive init --date 2027-03-01");
run(["init", "--date", "2027-03-01"], true);
const eightWeeks = JSON.parse(run(["list", "--phase", "eight-weeks", "--json"])).items.map(
  (i) => i.id,
);
run(["done", ...eightWeeks.slice(0, 36), "--by", "Alex"]);
run(["skip", "APP-04", "--reason", "already on MariaDB", "--by", "Alex"]);
run(["assign", "TES-02", "Priya"]);
run(["start", "TES-02", "--by", "Priya"]);
run(["assign", "CLO-12", "Sam"]);
run([
  "block",
  "CLO-12",
  "--reason",
  "waiting for the registrar to delegate the domain",
  "--by",
  "Sam",
]);
run(["assign", "APP-09", "Jo"]);
run(["done", "GEN-02", "CLO-08", "APP-26", "--by", "Jo"]);
console.log("\n$ golive status   # (pretending today is 2027-02-10)");
run(["status"], true);
console.log(`\nThe state file is ${join(repo, "golive.yaml")}; try \`golive show TES-05\` there.`);
