// Bundles the CLI into three minified files, so start-up reads one file instead of hundreds.
// `node scripts/build.mjs --analyze` prints what takes the room in the bundle.
import { createHash } from "node:crypto";
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

/**
 * commander requires node:child_process when it loads, for executable subcommands, which golive
 * does not have. Loading it (and net, stream and more with it) is a good part of start-up, so
 * inside commander it becomes a stand-in that loads the real module on first use.
 */
const lazyChildProcessInCommander = {
  name: "lazy-child-process-in-commander",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/")
        ? { path: "child_process", namespace: "golive-lazy" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "golive-lazy" }, () => ({
      contents:
        'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
      loader: "js",
    }));
  },
};

/**
 * chalk's default instance asks the terminal for colour support when it loads, which pulls in
 * node:tty and node:os. golive never uses that instance: render/text.ts decides the colour level
 * (NO_COLOR, FORCE_COLOR, a terminal or not) and makes its own Chalk. chalk's browser detection
 * (same package, no imports) takes the place of its terminal detection.
 */
const chalkWithoutTerminalProbe = {
  name: "chalk-without-terminal-probe",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes("/node_modules/chalk/")
        ? { path: `${root}node_modules/chalk/source/vendor/supports-color/browser.js` }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // import() of an on-demand file (below) becomes require(): no ES module loader at all.
  supported: { "dynamic-import": false },
  legalComments: "none",
  plugins: [zodSchemasOnly, yamlAsEsm, lazyChildProcessInCommander, chalkWithoutTerminalProbe],
  // The sources are ES modules; in a CommonJS bundle import.meta.url is the bundle's own URL.
  banner: {
    js: 'var __golive_url = require("node:url").pathToFileURL(__filename).href;',
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
    // Imported right here, so an ES module.
    format: "esm",
    supported: {},
    banner: {
      js: "import { createRequire as __golive_createRequire } from 'node:module';\nconst require = __golive_createRequire(import.meta.url);",
    },
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

/**
 * Names this build: the per-user cache of checked state files (src/io/cache.ts) only trusts
 * entries that the same sources, dependencies and catalogues produced.
 */
function buildId() {
  const hash = createHash("sha256");
  // The build itself too: its options (--no-minify) and this script change the output.
  hash.update(process.argv.slice(2).sort().join(" "));
  const files = [
    "package-lock.json",
    "scripts/build.mjs",
    ...readdirSync(`${root}src`, { recursive: true }).map((f) => `src/${f}`),
    ...readdirSync(`${root}checklists`).map((f) => `checklists/${f}`),
  ].sort();
  for (const file of files) {
    if (!statSync(`${root}${file}`).isFile()) continue;
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(`${root}${file}`))
      .update("\0");
  }
  return `${pkg.version}+${hash.digest("hex").slice(0, 16)}`;
}

rmSync(`${root}dist`, { recursive: true, force: true });
/**
 * The CLI is three CommonJS files, run by `golive.cjs`, the executable (src/launch.ts, through
 * a code cache): `main.cjs` holds everything the read commands (status, list, show, check) need; `edit.cjs` the YAML editor, the schemas and the commands
 * that write; `report.cjs` the report formats, export and verify. The sources reach the last two
 * only through `import()` of src/lazy-edit.ts and src/lazy-report.ts, which become `require()`
 * of the file. A module that two files use is in both (GoliveError allows for that).
 *
 * CommonJS, not ES modules, because Node starts an ES module graph several milliseconds slower
 * (measured: an empty .mjs file takes 1.17× bare `node -e 0`, an empty .cjs file 1.01×), and
 * because esbuild splits ES modules by import sets into many small files, each with a cost.
 */
const onDemand = {
  name: "on-demand-files",
  setup(b) {
    b.onResolve({ filter: /\/lazy-(edit|report)\.js$/ }, (args) => ({
      path: `./${/lazy-(edit|report)/.exec(args.path)[1]}.cjs`,
      external: true,
    }));
  },
};
const catalogues = JSON.stringify(await compileShippedCatalogues());
const buildName = JSON.stringify(buildId());
const outputs = {};
const bundles = {};
// The launcher goes last: it carries the content hash of each file it runs (src/io/code-cache.ts).
for (const [name, entry] of [
  ["main", "src/main.ts"],
  ["edit", "src/lazy-edit.ts"],
  ["report", "src/lazy-report.ts"],
  ["golive", "src/launch.ts"],
]) {
  const result = await build({
    entryPoints: { [name]: `${root}${entry}` },
    ...common,
    plugins: [...common.plugins, onDemand],
    outdir: `${root}dist`,
    outExtension: { ".js": ".cjs" },
    // --no-minify keeps names readable in a CPU profile (node --cpu-prof).
    minify: !process.argv.includes("--no-minify"),
    metafile: process.argv.includes("--analyze"),
    define: {
      __GOLIVE_VERSION__: JSON.stringify(pkg.version),
      __GOLIVE_BUILD__: buildName,
      __GOLIVE_CATALOGUES__: catalogues,
      __GOLIVE_BUNDLES__: JSON.stringify(bundles),
      "import.meta.url": "__golive_url",
    },
  });
  Object.assign(outputs, result.metafile?.outputs);
  bundles[name] = createHash("sha256")
    .update(readFileSync(`${root}dist/${name}.cjs`))
    .digest("hex")
    .slice(0, 16);
}

if (process.argv.includes("--analyze")) {
  // Each output file, largest first, with what takes the room in it.
  for (const [path, output] of Object.entries(outputs).sort((a, b) => b[1].bytes - a[1].bytes)) {
    const byPackage = new Map();
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.replace(/^src\//, "");
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
    console.log(`${path.replace(/^.*dist\//, "dist/")}: ${(output.bytes / 1024).toFixed(1)} KiB`);
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 6)) {
      console.log(`  ${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${name}`);
    }
  }
}
