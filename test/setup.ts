// Run before each test file (vitest.config.ts: setupFiles), with or without module isolation.
import { afterAll } from "vitest";
import { loadPhpParser } from "../src/verify/php-ast.js";
import { removeTempDirs } from "./helpers/cli.js";

// Temporary repositories go when the test file that made them is done, whatever the outcome.
afterAll(removeTempDirs);

// Rules read PHP with php-parser, which verify loads before its rules run (verify/index.ts);
// tests call the rules directly.
await loadPhpParser();
