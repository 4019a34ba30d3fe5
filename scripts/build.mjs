// Bundles the CLI into one minified file, so start-up reads one module instead of hundreds.
// `node scripts/build.mjs --analyze` prints what takes the room in the bundle.
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8"));

/**
 * `import { z } from "zod"` pulls in zod's whole namespace: 64 locales, JSON Schema conversion
 * both ways, and more, which is over 60% of the bundle and parsed on every run. The sources only
 * build and run schemas, so inside the bundle `z` is the classic schema module alone (English
 * messages included). Type-only uses of `z` are erased before this matters.
 */
const zodSchemasOnly = {
  name: "zod-schemas-only",
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (args) =>
      args.importer.startsWith(`${root}src`) ? { path: "zod", namespace: "golive-zod" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "golive-zod" }, () => ({
      contents: 'export * as z from "./node_modules/zod/v4/classic/schemas.js";',
      resolveDir: root,
      loader: "js",
    }));
  },
};

/**
 * yaml's "node" export is CommonJS, which a bundler can neither tree-shake nor load lazily; its
 * ESM build (exported for browsers, same code, no browser APIs) can be both.
 */
const yamlAsEsm = {
  name: "yaml-as-esm",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({
      path: `${root}node_modules/yaml/browser/index.js`,
    }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  plugins: [zodSchemasOnly, yamlAsEsm],
  // CommonJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __golive_createRequire } from 'node:module';\nconst require = __golive_createRequire(import.meta.url);",
  },
  logLevel: "warning",
};

/**
 * The shipped catalogues are checked here, at build time, with the same code that checks a
 * team's own catalogue, and embedded as JSON: a run that uses a shipped catalogue then parses
 * no YAML and runs no schema for it. A broken shipped catalogue fails the build.
 */
async function compileShippedCatalogues() {
  const compiler = `${root}dist/.catalogue-compiler.mjs`;
  await build({
    stdin: {
      contents: 'export { loadCatalogueFile } from "./src/io/catalogue.ts";',
      resolveDir: root,
      loader: "ts",
    },
    ...common,
    outfile: compiler,
  });
  try {
    const { loadCatalogueFile } = await import(pathToFileURL(compiler).href);
    const embedded = {};
    for (const name of readdirSync(`${root}checklists`)) {
      if (!name.endsWith(".yaml")) continue;
      const path = `${root}checklists/${name}`;
      const catalogue = loadCatalogueFile(path, `checklists/${name}`);
      // The size guards against a catalogue edited after the build: then the file is read.
      embedded[name.slice(0, -".yaml".length)] = {
        size: statSync(path).size,
        json: JSON.stringify(catalogue.file),
      };
    }
    return embedded;
  } finally {
    rmSync(compiler, { force: true });
  }
}

const result = await build({
  entryPoints: [`${root}src/main.ts`],
  ...common,
  outfile: `${root}dist/golive.js`,
  // --no-minify keeps names readable in a CPU profile (node --cpu-prof).
  minify: !process.argv.includes("--no-minify"),
  metafile: process.argv.includes("--analyze"),
  define: {
    __GOLIVE_VERSION__: JSON.stringify(pkg.version),
    __GOLIVE_CATALOGUES__: JSON.stringify(await compileShippedCatalogues()),
  },
});

if (result.metafile) {
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? "golive";
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  console.log(`dist/golive.js: ${(output.bytes / 1024).toFixed(0)} KiB`);
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
    console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${name}`);
  }
}
