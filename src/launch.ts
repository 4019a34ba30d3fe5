#!/usr/bin/env node
/**
 * The `golive` executable: runs the CLI (dist/main.cjs, built from main.ts) through the code
 * cache of io/code-cache.ts. Nothing else happens here.
 */
import { realpathSync } from "node:fs";
import { dirname } from "node:path";
import { loadBundle, nameRuns } from "./io/code-cache.js";

// The real folder: run through a link (an npm bin) with --preserve-symlinks-main, __dirname
// would be the link's.
const main = loadBundle(dirname(realpathSync(__filename)), "main");
nameRuns(() => (main.commandName as (() => string | undefined) | undefined)?.());
