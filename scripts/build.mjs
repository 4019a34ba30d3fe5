// Builds dist/golive.cjs: the whole CLI in one self-contained CommonJS file, with the shipped
// catalogues checked and compiled in. It runs wherever it is copied (`node golive.cjs`);
// bin/golive.cjs, the installed command, adds Node's compile cache in front of it.
//
// Why one CommonJS file: Node starts a CommonJS file faster than an ES module (measured here:
// an empty .cjs file takes 1.0x bare `node -e 0`, an empty .mjs file 1.2x), and a single file is
// what a team copies into a repository that has no node_modules. The `import()` of each command
// in src/cli/ stays lazy inside the one file: esbuild wraps each module in a function that
// runs on first import, so `golive status` never runs the YAML editor's or the exports' code.
//
// `node scripts/build.mjs --analyze` prints what takes the room in the bundle;
// `--no-minify` keeps names readable in a CPU profile (node --cpu-prof).
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { recordInputs } from "./build-inputs.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

/**
 * The shipped catalogues, checked with the same code that checks a team's own catalogue
 * (a broken one fails the build), as data to compile into the bundle.
 */
async function compileShippedCatalogues(read) {
  const dir = mkdtempSync(join(tmpdir(), "golive-build-"));
  try {
    const compiler = join(dir, "compiler.cjs");
    const compiled = await build({
      stdin: {
        contents: 'export { readCatalogueFile } from "./src/io/catalogue.ts";',
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "cjs",
      outfile: compiler,
      absWorkingDir: root,
      metafile: true,
      logOverride: { "empty-import-meta": "silent" },
      logLevel: "warning",
    });
    read.push(...Object.keys(compiled.metafile.inputs).filter((path) => !path.startsWith("<")));
    const { readCatalogueFile } = createRequire(import.meta.url)(compiler);
    const catalogues = {};
    for (const name of readdirSync(`${root}checklists`).sort()) {
      if (!name.endsWith(".yaml")) continue;
      const catalogue = readCatalogueFile(`${root}checklists/${name}`, `checklists/${name}`);
      read.push(`checklists/${name}`);
      catalogues[name.slice(0, -".yaml".length)] = catalogue.file;
    }
    return catalogues;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `debug` (which secretlint uses) tries `require("supports-color")` inside a try/catch. golive
 * never turns debug output on, and left as a require it would load whatever `supports-color`
 * lies in a node_modules near the copied file: the bundle answers it with nothing instead.
 */
const noOptionalRequires = {
  name: "no-optional-requires",
  setup(b) {
    b.onResolve({ filter: /^supports-color$/ }, (args) => ({ path: args.path, namespace: "none" }));
    b.onLoad({ filter: /.*/, namespace: "none" }, () => ({ contents: "", loader: "js" }));
  },
};

const startedAt = Date.now();
rmSync(`${root}dist`, { recursive: true, force: true });
const analyze = process.argv.includes("--analyze");
const minify = !process.argv.includes("--no-minify");
// What the build reads, for the test run to tell whether dist/ is current (build-inputs.mjs).
// esbuild's own version too: another one may bundle the same files differently.
const read = [
  "scripts/build.mjs",
  "scripts/build-inputs.mjs",
  "package.json",
  "node_modules/esbuild/package.json",
];
const catalogues = await compileShippedCatalogues(read);
const result = await build({
  entryPoints: [`${root}src/main.ts`],
  outfile: `${root}dist/golive.cjs`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify,
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node" },
  absWorkingDir: root,
  metafile: true,
  plugins: [noOptionalRequires],
  define: {
    __GOLIVE_VERSION__: JSON.stringify(pkg.version),
    __GOLIVE_CATALOGUES__: JSON.stringify(catalogues),
  },
  // src/io/catalogue.ts asks import.meta.url only when run from source, never in the bundle.
  logOverride: { "empty-import-meta": "silent" },
  logLevel: "warning",
});
chmodSync(`${root}dist/golive.cjs`, 0o755);
// Node decodes a file holding one character outside ASCII into two bytes a character: every
// start then reads 4-5 ms slower (measured: 17.5 against 13 ms for this bundle). esbuild
// escapes strings, not every regular expression: write such a character as `\u` in src/.
// (Kept comments of a build without --minify, for profiles, may hold any character.)
const bundled = readFileSync(`${root}dist/golive.cjs`, "utf8");
const outside = bundled.search(/[\u0080-\uffff]/);
if (minify && outside >= 0) {
  const line = bundled.slice(0, outside).split("\n").length;
  const near = JSON.stringify(bundled.slice(Math.max(0, outside - 40), outside + 10));
  console.error(
    `build: dist/golive.cjs:${line}: a character outside ASCII (${near}); write it as an escape in src/`,
  );
  rmSync(`${root}dist`, { recursive: true, force: true });
  process.exit(1);
}
// Plugin namespaces (`none:supports-color`) and stdin are no files.
read.push(...Object.keys(result.metafile.inputs).filter((path) => !/^(<|\w+:)/.test(path)));
recordInputs([...read, "dist/golive.cjs"], process.argv.slice(2), root, startedAt);

if (analyze) {
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    const byPackage = new Map();
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.replace(/^src\//, "");
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
    console.log(`${path}: ${(output.bytes / 1024).toFixed(1)} KiB`);
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${name}`);
    }
  }
}
