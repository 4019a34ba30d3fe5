// `npm run docs`: rewrites the marked samples of golive's output in README.md, CONTRIBUTING.md
// and docs/*.md from real runs. test/docs.test.ts holds the scenarios and does the work when
// GOLIVE_DOCS_UPDATE=1; without it the same test fails when a sample is out of date. The
// "Exit codes" tables come from src/errors.ts (test/exit-codes.test.ts), and docs/commands.md's
// per-command reference and contents list from the program (test/reference.test.ts).
// Excerpts (`<!-- excerpt: ... -->`) are not rewritten: edit them by hand.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const result = spawnSync(
  process.execPath,
  [vitest, "run", "test/docs.test.ts", "test/exit-codes.test.ts", "test/reference.test.ts"],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, GOLIVE_DOCS_UPDATE: "1" },
  },
);
process.exitCode = result.status ?? 1;
