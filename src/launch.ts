#!/usr/bin/env node
/**
 * The `golive` executable: runs the CLI (dist/main.cjs, built from main.ts) through the code
 * cache of io/code-cache.ts. Nothing else happens here.
 */
import { loadBundle } from "./io/code-cache.js";

loadBundle(__dirname, "main");
