// Bundles the CLI into one file, so start-up reads one module instead of hundreds.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  entryPoints: ["src/main.ts"],
  outfile: "dist/golive.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: false,
  legalComments: "none",
  define: { __GOLIVE_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __golive_createRequire } from 'node:module';\nconst require = __golive_createRequire(import.meta.url);",
  },
  logLevel: "warning",
});
