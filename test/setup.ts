// Run before each test file (vitest.config.ts: setupFiles), with or without module isolation.
import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers/cli.js";

// Temporary repositories go when the test file that made them is done, whatever the outcome.
afterAll(removeTempDirs);
