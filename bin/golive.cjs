#!/usr/bin/env node
// The `golive` command: Node's own compile cache (Node 22.1 and newer), then the CLI.
require("node:module").enableCompileCache?.();
require("../dist/golive.cjs");
