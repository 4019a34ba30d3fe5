// The start-up and scaling benchmark: `npm run bench` (it builds first).
//
// Times whole CLI processes (`node bin/golive.cjs ...`, the installed command) against bare
// `node -e 0` of the same Node, alternating the two (A B A B ...) so that a machine getting
// busier or quieter affects both alike, and prints min/median/max wall time, peak memory and
// the median ratio to that Node's baseline.
//
// Start-up is measured three ways, each against its own baseline in the same run:
//   node20 cold  Node 20 (the oldest supported); it has no compile cache.
//   node24 cold  Node 24 with Node's compile cache off (NODE_DISABLE_COMPILE_CACHE=1): a fresh
//                CI runner.
//   node24 warm  Node 24 with the compile cache bin/golive.cjs turns on, filled by a first run
//                (NODE_COMPILE_CACHE points at a folder of the bench's own).
// Every run gets a fresh, empty HOME: golive keeps no cache of its own, so there is nothing
// else to warm. Node 24 comes from npm (`npx -y -p node@24`); without it those rows are left out.
//
// The other cases run on Node 20: synthetic catalogues of 1,000 and 10,000 items (status, check,
// done), 20,000 items all due this week (status, list: tables stay linear), and `verify` on a
// generated shop of 30,000 tracked files.
//
// Peak memory is the child's own peak resident set size (getrusage ru_maxrss, which Node shows
// as process.resourceUsage().maxRSS), reported by the child as it exits through a one-line
// preload given with --import. The preload costs a little time, so memory runs are separate
// from timed runs, which run the plain command.
//
// Unset NODE_EXTRA_CA_CERTS before measuring: it adds tens of milliseconds to every Node start
// (the bench removes it from the children's environment too).
//
// Flags: --quick (tiny sizes, one run, Node 20 only: proves the script works, measures nothing),
//        --startup (only the start-up rows: status, check, done on the Spryker catalogue),
//        --evidence (only status with and without recorded evidence, issue 21),
//        --shop DIR (with --evidence: a clone of the git repository DIR, a real shop such as
//                   spryker-shop/suite, instead of the generated one),
//        --runs N (timed runs per case, default 15), --keep (leave the temporary folder).
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { shopCode } from "./shop-code.mjs";

const BIN = fileURLToPath(new URL("../bin/golive.cjs", import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const runsAt = args.indexOf("--runs");
const shopAt = args.indexOf("--shop");
const SHOP_REPO = shopAt >= 0 ? args[shopAt + 1] : undefined;
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : quick ? 1 : 15;
const MEMORY_RUNS = quick ? 1 : 3;
const SMALL = quick ? 50 : 1_000;
const LARGE = quick ? 200 : 10_000;
const SHOP_FILES = quick ? 300 : 30_000;
const EVIDENCE_FILES = quick ? 300 : 3_400;
const BUSY = quick ? 200 : 20_000;
const PROJECTS = quick ? 5 : 200;
const TODAY = "2027-01-20";
const GO_LIVE = "2027-03-01";

const MAX_RSS_REPORTER = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs';" +
    "process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));",
)}`;

const work = mkdtempSync(join(tmpdir(), "golive-bench-"));
const home = join(work, "home");
mkdirSync(home);
const env = {
  PATH: process.env.PATH ?? "",
  HOME: home,
  NO_COLOR: "1",
  GOLIVE_TODAY: TODAY,
  GIT_CONFIG_NOSYSTEM: "1",
};

/** A Node to measure with: its binary and what its runs add to the environment. */
const NODE20 = { label: "node20 cold", node: process.execPath, env: {} };

function run(cwd, argv, extra = {}) {
  const runtime = extra.runtime ?? NODE20;
  const result = spawnSync(runtime.node, argv, {
    cwd,
    env: { ...env, ...runtime.env, ...extra.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe", ...(extra.memory ? ["pipe"] : [])],
    // 20,000 rows of `list` are more than spawnSync's default 1 MiB of output.
    maxBuffer: 256 * 1024 * 1024,
  });
  return result;
}

/** One timed run: wall milliseconds from spawn to exit. */
function timed(cwd, argv, before, runtime) {
  before?.();
  const start = process.hrtime.bigint();
  const result = run(cwd, argv, { runtime });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${argv.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

/** Peak RSS in MiB of one run, reported by the child itself. */
function peakMiB(cwd, argv, before, runtime) {
  before?.();
  const result = run(cwd, ["--import", MAX_RSS_REPORTER, ...argv], { memory: true, runtime });
  const kib = Number(result.output[3]);
  if (!Number.isFinite(kib) || kib <= 0) throw new Error(`no memory report: ${result.stderr}`);
  return kib / 1024;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs the baseline and the case alternately with one Node; returns both series. The untimed
 * first run makes the OS file cache hot for both (and, for a warm runtime, fills Node's
 * compile cache, as the first command on a developer's machine does).
 */
function measure(cwd, argv, before, runtime = NODE20, runs = RUNS) {
  const base = [];
  const cli = [];
  timed(cwd, ["-e", "0"], undefined, runtime);
  timed(cwd, [BIN, ...argv], before, runtime);
  for (let i = 0; i < Math.min(runs, RUNS); i++) {
    base.push(timed(cwd, ["-e", "0"], undefined, runtime));
    cli.push(timed(cwd, [BIN, ...argv], before, runtime));
  }
  const memory = [];
  for (let i = 0; i < MEMORY_RUNS; i++) {
    memory.push(peakMiB(cwd, [BIN, ...argv], before, runtime));
  }
  return { base, cli, mib: Math.max(...memory) };
}

/** Node 24 from npm, cold and warm; none when npm cannot provide it. */
function node24Runtimes() {
  let node;
  try {
    node = execFileSync("npx", ["-y", "-p", "node@24", "-c", "node -p process.execPath"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 120_000,
    }).trim();
  } catch {
    console.log("(Node 24 could not be had from npm: its rows are left out)");
    return [];
  }
  const cache = join(work, "node-compile-cache");
  return [
    { label: "node24 cold", node, env: { NODE_DISABLE_COMPILE_CACHE: "1" } },
    { label: "node24 warm", node, env: { NODE_COMPILE_CACHE: cache } },
  ];
}

function git(cwd, ...argv) {
  execFileSync("git", argv, { cwd, env, stdio: "ignore" });
}

function repo(name) {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Bench User");
  git(dir, "config", "user.email", "bench@example.com");
  return dir;
}

function golive(cwd, ...argv) {
  const result = run(cwd, [BIN, ...argv]);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`golive ${argv.join(" ")}: ${result.stderr}`);
  }
  return result.stdout;
}

/** The shipped catalogue with a realistic state: a third done, some owners, some notes. */
function sprykerCase() {
  const dir = repo("spryker");
  golive(dir, "init", "--date", GO_LIVE);
  const ids = JSON.parse(golive(dir, "list", "--json")).items.map((item) => item.id);
  const owners = ["Ana Müller", "Bo Chen", "Chidi Okafor", "Dana Levi"];
  owners.forEach((owner, k) => {
    const mine = ids.filter((_, i) => i % 3 === 0 && (i / 3) % 4 === k);
    golive(dir, "done", ...mine, "--by", owner, "--note", `checked, see ticket OPS-${k}`);
  });
  for (let i = 1; i < ids.length; i += 9) golive(dir, "assign", ids[i], owners[i % 4]);
  golive(dir, "start", ids[4], ids[7]);
  golive(dir, "block", ids[10], "--reason", "waiting for the VPN to the ERP");
  const todo = ids.find((_id, i) => i % 3 !== 0 && i !== 4 && i !== 7 && i !== 10);
  return { dir, todo };
}

const CATEGORIES = ["GEN", "CLO", "APP", "TES", "DAT", "SEO", "TR"];
const PHASES = [
  ["eight-weeks", -56, -28],
  ["four-weeks", -28, -14],
  ["two-weeks", -14, -7],
  ["go-live", 0, 0],
];

/** The lines of a synthetic catalogue down to `items:`, with `phases` as [id, opens, due]. */
function catalogueHead(phases) {
  return [
    "format: 1",
    "name: synthetic",
    "title: Synthetic benchmark catalogue",
    'version: "1"',
    "categories:",
    ...CATEGORIES.map((c) => `  - { id: ${c}, title: Category ${c} }`),
    "phases:",
    ...phases.map(
      ([id, opens, due]) => `  - { id: ${id}, title: Phase ${id}, opens: ${opens}, due: ${due} }`,
    ),
    "items:",
  ];
}

/** A catalogue of `n` items and a state file with an entry for each, written as golive writes them. */
function syntheticCase(n, { allDueThisWeek = false, compact = false } = {}) {
  const dir = repo(`synthetic-${n}${allDueThisWeek ? "-due" : ""}`);
  // Today is T-40: a window due at T-36 ends this week.
  const phases = allDueThisWeek ? [["this-week", -56, -36]] : PHASES;
  const catalogue = catalogueHead(phases);
  const state = [
    "# golive state file: who did what on the go-live checklist, and when.",
    "golive: 1",
    "catalogue:",
    "  path: catalogue.yaml",
    '  version: "1"',
    `goLive: ${GO_LIVE}`,
    "settings:",
    "  weekendShift: true",
    "items:",
  ];
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = `${CATEGORIES[i % CATEGORIES.length]}-${i + 1}`;
    ids.push(id);
    const title = compact
      ? `Synthetic item ${i + 1}`
      : `Synthetic item number ${i + 1} with a realistic title`;
    const category = CATEGORIES[i % CATEGORIES.length];
    const phase = phases[i % phases.length][0];
    if (compact) {
      // One short line an item: 20,000 items stay under golive's size limit.
      catalogue.push(
        `  - { id: ${id}, category: ${category}, phase: ${phase}, title: ${title}, summary: Do it. }`,
      );
    } else {
      catalogue.push(
        `  - id: ${id}`,
        `    category: ${category}`,
        `    phase: ${phase}`,
        `    title: ${title}`,
        // One line: 10,000 items stay under golive's size limit (src/io/text-file.ts).
        "    summary: A sentence about what to do, as short as many real summaries are.",
      );
    }
    state.push(`  # ${id} ${title}`);
    if (compact) {
      if (i % 3 === 0)
        state.push(`  ${id}: { status: done, owner: Owner ${i % 17}, at: 2027-01-10 }`);
      else state.push(`  ${id}: {}`);
    } else if (i % 3 === 0) {
      state.push(
        `  ${id}:`,
        "    status: done",
        `    owner: Owner ${i % 17}`,
        `    note: done in ticket OPS-${i}`,
        `    by: Owner ${i % 17}`,
        "    at: 2027-01-10T09:30:00+01:00",
        "    history:",
        "      - { status: in-progress, by: Someone, at: 2027-01-02T10:00:00+01:00 }",
      );
    } else if (i % 5 === 0) {
      state.push(`  ${id}:`, `    owner: Owner ${i % 17}`);
    } else {
      state.push(`  ${id}: {}`);
    }
  }
  writeFileSync(join(dir, "catalogue.yaml"), `${catalogue.join("\n")}\n`);
  writeFileSync(join(dir, "golive.yaml"), `${state.join("\n")}\n`);
  // A todo item in the middle: `done` on it rewrites the whole file.
  const todo = ids.find((_, i) => i >= n / 2 && i % 3 !== 0 && i % 5 !== 0);
  return { dir, todo };
}

/** golive's size limit for the files it reads, as src/io/text-file.ts sets it. */
function sizeLimit() {
  const source = readFileSync(
    fileURLToPath(new URL("../src/io/text-file.ts", import.meta.url)),
    "utf8",
  );
  const m = /MAX_FILE_BYTES = (\d+) \* 1024 \* 1024;/.exec(source);
  if (!m) throw new Error("MAX_FILE_BYTES not found in src/io/text-file.ts");
  return Number(m[1]) * 1024 * 1024;
}

/**
 * golive.yaml just under `bytes`, of `n` items with long histories (a long-lived project's
 * file), and a catalogue of those items: what `done` holds the lock for at the size limit.
 */
function limitCase(bytes, n) {
  const dir = repo("at-limit");
  const catalogue = catalogueHead([["early", -56, -28]]);
  const head = [
    "# golive state file: who did what on the go-live checklist, and when.",
    "golive: 1",
    "catalogue:",
    "  path: catalogue.yaml",
    '  version: "1"',
    `goLive: ${GO_LIVE}`,
    "items:",
  ].join("\n");
  const entry = (k) =>
    `      - { status: ${k % 2 ? "todo" : "in-progress"}, by: Someone ${k % 9}, at: 2027-01-02T10:00:00+01:00 }`;
  const perItem = Math.floor((bytes - head.length - 4096) / n);
  const items = [];
  for (let i = 0; i < n; i++) {
    const id = `${CATEGORIES[i % CATEGORIES.length]}-${i + 1}`;
    const title = `Synthetic item number ${i + 1} with a realistic title`;
    catalogue.push(
      `  - { id: ${id}, category: ${CATEGORIES[i % CATEGORIES.length]}, phase: early, title: ${title}, summary: What to do. }`,
    );
    const lines = [`  # ${id} ${title}`, `  ${id}:`, `    owner: Owner ${i % 17}`, "    history:"];
    let size = lines.join("\n").length + 1;
    for (let k = 0; size + entry(k).length + 1 <= perItem; k++) {
      lines.push(entry(k));
      size += entry(k).length + 1;
    }
    items.push(lines.join("\n"));
  }
  const text = `${head}\n${items.join("\n")}\n`;
  if (Buffer.byteLength(text) > bytes) throw new Error("the limit case is over the limit");
  writeFileSync(join(dir, "catalogue.yaml"), `${catalogue.join("\n")}\n`);
  writeFileSync(join(dir, "golive.yaml"), text);
  const middle = n / 2;
  const todo = `${CATEGORIES[middle % CATEGORIES.length]}-${middle + 1}`;
  return { dir, todo, bytes: Buffer.byteLength(text) };
}

/**
 * A Spryker shop's files that the checks read: enough for every rule to do its work. Nothing
 * deletes from spy_oms_transition_log, so APP-24's text search reads every PHP file: the
 * slow path, as in a shop that has not set up its log rotation yet.
 */
const SHOP = {
  "composer.lock": `${JSON.stringify(
    {
      packages: [
        ["spryker-feature/cart", "202507.0"],
        ["spryker/twig", "3.15.2"],
        ["spryker/flysystem-aws3v3-file-system", "2.1.0"],
        ["spryker/sitemap", "1.2.0"],
      ].map(([name, version]) => ({ name, version, type: "library" })),
      "packages-dev": [],
    },
    null,
    4,
  )}\n`,
  ".git.docker": "1.65.0\n",
  "config/Shared/config_default.php":
    "<?php\n$config[FileSystemConstants::FILESYSTEM_SERVICE] = ['files' => [\n    'sprykerAdapterClass' => Aws3v3FilesystemBuilderPlugin::class,\n    'key' => getenv('SPRYKER_S3_KEY'),\n]];\n",
  "config/install/EU/production.yml":
    'sections:\n  migrate:\n    propel-migrate:\n      command: "vendor/bin/console propel:migrate"\n',
  "config/Zed/cronjobs/jenkins.php":
    "<?php\n$jobs[] = ['name' => 'sitemap', 'command' => 'vendor/bin/console sitemap:generate'];\n",
  "public/Yves/robots.txt": "User-agent: *\nSitemap: https://shop.example/sitemap.xml\n",
  "src/Orm/Propel/Migration_mysql/PropelMigration_1700000000.php": "<?php\n",
};
for (const env of ["prod", "staging"]) {
  SHOP[`deploy.shop-${env}.yml`] = [
    'version: "1.0"',
    "x-real-ip: &real-ip",
    "  real-ip:",
    "    from: [10.0.0.0/8]",
    "image:",
    "  environment:",
    '    SPRYKER_HOOK_INSTALL: "vendor/bin/install -r EU/production"',
    "services:",
    "  database: { engine: mysql, version: mariadb-10.6 }",
    "groups:",
    "  EU:",
    "    applications:",
    "      yves_eu:",
    "        application: yves",
    "        endpoints:",
    "          www.shop.example:",
    "            <<: *real-ip",
    "",
  ].join("\n");
}

/** A demo-shop-sized repository: the shop's files and `n` tracked code files, for `verify`. */
function shopCase(n) {
  const dir = repo(`shop-${n}`);
  const write = (path, content) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(SHOP)) write(path, content);
  for (const [path, content] of shopCode(n)) write(path, content);
  golive(dir, "init", "--date", GO_LIVE);
  git(dir, "add", "-A");
  return dir;
}

/** A clone of the shop repository at `source`, golive.yaml made and staged. */
function clonedShop(source) {
  const dir = join(work, "shop-clone");
  execFileSync("git", ["clone", "-q", source, dir], { env, stdio: "ignore" });
  golive(dir, "init", "--date", GO_LIVE);
  git(dir, "add", "-A");
  return dir;
}

/**
 * A shop whose PHP configuration production loads is `bytes` in all: config_default.php
 * requires eight files, each one long array of secret-named entries read from the environment
 * (the shape APP-17 was quadratic on), under php-parser's 512 KiB a file.
 */
function phpConfigCase(bytes) {
  const dir = repo(`php-${bytes}`);
  const write = (path, content) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of Object.entries(SHOP)) write(path, content);
  const parts = 8;
  const requires = [];
  for (let p = 0; p < parts; p++) {
    const lines = ["<?php", "", `$config['BIG_${p}'] = [`];
    let size = 0;
    for (let i = 0; size < bytes / parts - 200; i++) {
      const line = `    'service_${i}' => ['password' => getenv('SERVICE_${p}_${i}_PASSWORD'), 'host' => 'host-${i}.internal'],`;
      lines.push(line);
      size += line.length + 1;
    }
    lines.push("];", "");
    write(`config/Shared/big/part-${p}.php`, lines.join("\n"));
    requires.push(`require __DIR__ . '/big/part-${p}.php';`);
  }
  write("config/Shared/config_default.php", `<?php\n\n${requires.join("\n")}\n`);
  golive(dir, "init", "--date", GO_LIVE);
  git(dir, "add", "-A");
  return dir;
}

/**
 * `n` repositories, each with the Spryker case's golive.yaml committed, and two lists for
 * `golive portfolio`: their work trees, and their HEAD read with git (no checkout).
 */
function portfolioCase(n, state) {
  const dir = join(work, "portfolio");
  mkdirSync(dir);
  const trees = [];
  const refs = [];
  for (let i = 0; i < n; i++) {
    const shop = join(dir, `shop-${i}`);
    mkdirSync(shop);
    git(shop, "init", "-q", "--template=");
    copyFileSync(state, join(shop, "golive.yaml"));
    git(shop, "add", "golive.yaml");
    git(
      shop,
      "-c",
      "user.name=Bench",
      "-c",
      "user.email=b@example.com",
      "commit",
      "-q",
      "-m",
      "golive",
    );
    trees.push(`  - { name: shop ${i}, path: shop-${i} }`);
    refs.push(`  - { name: shop ${i}, path: shop-${i}, ref: HEAD }`);
  }
  writeFileSync(join(dir, "trees.yaml"), `projects:\n${trees.join("\n")}\n`);
  writeFileSync(join(dir, "refs.yaml"), `projects:\n${refs.join("\n")}\n`);
  return dir;
}

/** `done` changes the file; each run starts from the same file. */
function restoring(dir) {
  const pristine = join(work, `${dir.split("/").pop()}.pristine.yaml`);
  copyFileSync(join(dir, "golive.yaml"), pristine);
  return () => copyFileSync(pristine, join(dir, "golive.yaml"));
}

const fmt = (ms) => ms.toFixed(1).padStart(7);
const rows = [];
function report(label, result, target) {
  const base = median(result.base);
  const mid = median(result.cli);
  const ratio = mid / base;
  const row = {
    label,
    min: Math.min(...result.cli),
    median: mid,
    max: Math.max(...result.cli),
    base,
    ratio,
    mib: result.mib,
  };
  rows.push(row);
  const verdict = target ? (target(row) ? "  ok" : "  MISSED") : "";
  console.log(
    `${label.padEnd(34)}${fmt(row.min)}${fmt(row.median)}${fmt(row.max)}${fmt(base)}${ratio.toFixed(2).padStart(7)}×${row.mib.toFixed(0).padStart(6)} MiB${verdict}`,
  );
  return row;
}

try {
  console.log(
    `golive bench: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${RUNS} alternating runs per case${quick ? " (--quick: figures mean nothing)" : ""}`,
  );
  console.log(
    `${"case (ms)".padEnd(34)}${"min".padStart(7)}${"median".padStart(7)}${"max".padStart(7)}${"node".padStart(7)}${"ratio".padStart(8)}${"peak".padStart(10)}`,
  );

  if (args.includes("--evidence")) evidenceRows();
  else {
    const spryker = sprykerCase();
    const resetSpryker = restoring(spryker.dir);
    // The goals of issue 9: cold on Node 20 at most 3.0x (check), 3.5x (status), 4.0x (done);
    // warm on Node 24 at most 2x.
    const goals = { check: 3.0, status: 3.5, done: 4.0 };
    for (const runtime of [NODE20, ...(quick ? [] : node24Runtimes())]) {
      const warm = runtime.label.endsWith("warm");
      for (const [verb, argv, before] of [
        ["status", ["status"]],
        ["check", ["check"]],
        ["done", ["done", spryker.todo], resetSpryker],
      ]) {
        const goal = warm ? 2.0 : runtime === NODE20 ? goals[verb] : undefined;
        report(
          `spryker ${verb}, ${runtime.label}`,
          measure(spryker.dir, argv, before, runtime),
          goal === undefined ? undefined : (r) => r.ratio <= goal,
        );
      }
    }
    if (!args.includes("--startup")) rest(spryker);
  }
} finally {
  if (args.includes("--keep")) console.log(`\nfiles kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Everything but the start-up rows. */
function rest(spryker) {
  // Issue 13: a portfolio of 200 local repositories in under 5 seconds.
  const many = portfolioCase(PROJECTS, join(spryker.dir, "golive.yaml"));
  report(
    `portfolio: ${PROJECTS} work trees`,
    measure(many, ["portfolio", "--list", "trees.yaml"]),
    (r) => r.median < 5000,
  );
  report(
    `portfolio: ${PROJECTS} refs (git show)`,
    measure(many, ["portfolio", "--list", "refs.yaml"]),
    (r) => r.median < 5000,
  );
  // The promise the docs make: a demo-shop-sized repository verifies in under 2 seconds.
  report(
    `verify: ${SHOP_FILES} files`,
    measure(shopCase(SHOP_FILES), ["verify"]),
    (r) => r.median < 2000,
  );
  evidenceRows();

  // Issue 21: every rule stays linear. APP-17 (and the PHP parser) on 2 and 4 MiB of
  // configuration, and all of verify on half the files: twice the input, about twice the time.
  const MiB = quick ? 64 * 1024 : 2 ** 20;
  const php2 = report(
    `verify APP-17: ${quick ? "128 KiB" : "2 MiB"} of PHP`,
    measure(phpConfigCase(2 * MiB), ["verify", "--item", "APP-17"]),
  );
  const php4 = report(
    `verify APP-17: ${quick ? "256 KiB" : "4 MiB"} of PHP`,
    measure(phpConfigCase(4 * MiB), ["verify", "--item", "APP-17"]),
    (r) => quick || r.median < 10_000,
  );
  const half = report(
    `verify: ${SHOP_FILES / 2} files`,
    measure(shopCase(SHOP_FILES / 2), ["verify"]),
  );
  console.log(
    "\ncost above bare node, twice the input (about 2×: every rule linear; at most 2.6×):",
  );
  for (const [what, small, large] of [
    ["APP-17, PHP", php2, php4],
    ["verify, files", half, rows.find((r) => r.label === `verify: ${SHOP_FILES} files`)],
  ]) {
    const growth = (large.median - large.base) / Math.max(0.1, small.median - small.base);
    console.log(
      `  ${what.padEnd(14)}${(small.median - small.base).toFixed(1).padStart(8)} ms → ${(large.median - large.base).toFixed(1).padStart(8)} ms  ${growth.toFixed(1).padStart(5)}×${quick || growth <= 2.6 ? "" : "  MISSED"}`,
    );
  }

  // Tables stay linear: every item due this week, so every row is in the standup.
  const busy = syntheticCase(BUSY, { allDueThisWeek: true, compact: true });
  report(`${BUSY} items due: status`, measure(busy.dir, ["status"]), (r) => r.median < 2000);
  report(`${BUSY} items due: list`, measure(busy.dir, ["list"]), (r) => r.median < 2000);

  // The size limit is one golive handles: at the limit, an edit (which holds the lock while it
  // reads, changes, checks and writes golive.yaml) ends well within the 10 s a waiting writer
  // waits, under 500 MiB. Few runs: each takes seconds.
  const limit = sizeLimit();
  const big = quick ? limitCase(64 * 1024, 20) : limitCase(limit, 2_000);
  const resetBig = restoring(big.dir);
  const atLimit = `golive.yaml ${(big.bytes / 2 ** 20).toFixed(1)} MiB`;
  const fits = (r) => quick || (r.median < 5000 && r.mib < 500);
  report(`${atLimit}: status`, measure(big.dir, ["status"], undefined, NODE20, 3), fits);
  report(`${atLimit}: done`, measure(big.dir, ["done", big.todo], resetBig, NODE20, 3), fits);

  const scaled = {};
  for (const n of [SMALL, LARGE]) {
    const c = syntheticCase(n);
    const reset = restoring(c.dir);
    const limits = (r) => n < 10_000 || (r.median < 1500 && r.mib < 200);
    scaled[n] = [
      report(`${n} items: status`, measure(c.dir, ["status"]), limits),
      report(`${n} items: check`, measure(c.dir, ["check"]), limits),
      report(`${n} items: done ${c.todo}`, measure(c.dir, ["done", c.todo], reset), limits),
    ];
  }
  console.log(
    `\ncost above bare node, ${SMALL} → ${LARGE} items (at most 12×: no quadratic step):`,
  );
  scaled[SMALL].forEach((small, i) => {
    const large = scaled[LARGE][i];
    const growth = (large.median - large.base) / Math.max(0.1, small.median - small.base);
    const verb = large.label.split(": ")[1].split(" ")[0];
    console.log(
      `  ${verb.padEnd(8)}${(small.median - small.base).toFixed(1).padStart(8)} ms → ${(large.median - large.base).toFixed(1).padStart(8)} ms  ${growth.toFixed(1).padStart(5)}×${quick || growth <= 12 ? "" : "  MISSED"}`,
    );
  });
}

/**
 * Issue 21: status with recorded evidence stays within 1.3x of status without, on a
 * demo-shop-sized repository (3,400 tracked files, as spryker-shop/suite): unchanged evidence
 * is told from its recorded inputs (git's index, one git diff-files), no check runs.
 */
function evidenceRows() {
  const shop = SHOP_REPO ? clonedShop(SHOP_REPO) : shopCase(EVIDENCE_FILES);
  const files = execFileSync("git", ["ls-files"], { cwd: shop, encoding: "utf8" }).split("\n");
  const size = `${files.length - 1} files`;
  // The same shop twice, one with recorded evidence, measured in turn in one loop (node,
  // without, with, node, ...): a machine getting busier or quieter between two separate
  // series showed as ratios from 1.09 to 1.40 on one shop in one hour.
  const recorded = `${shop}-recorded`;
  cpSync(shop, recorded, { recursive: true });
  // A copy's files have other stat data than git's index says: refreshed, as after a clone.
  git(recorded, "update-index", "-q", "--refresh");
  golive(recorded, "verify", "--record");
  // As a team does: the recorded evidence committed (golive.yaml staged is the same to status).
  git(recorded, "add", "golive.yaml");
  const pair = measurePair([shop, recorded], ["status"]);
  const without = report(`status: ${size}, no evidence`, pair[0]);
  const withEvidence = report(`status: ${size}, evidence`, pair[1]);
  const cost = (withEvidence.median - withEvidence.base) / (without.median - without.base);
  // Each round's own ratio, then their median: drift within a round is small.
  const whole = median(pair[1].cli.map((ms, i) => ms / pair[0].cli[i]));
  console.log(
    `  evidence: status ${whole.toFixed(2)}× of status without (median of ${pair[1].cli.length} rounds' ratios; at most 1.3×), ${cost.toFixed(2)}× above bare node${quick || whole <= 1.3 ? "" : "  MISSED"}`,
  );
}

/** `measure` of one command in several folders, in turn within each round, with one baseline. */
function measurePair(folders, argv) {
  const base = [];
  const cli = folders.map(() => []);
  timed(folders[0], ["-e", "0"], undefined, NODE20);
  for (const cwd of folders) timed(cwd, [BIN, ...argv], undefined, NODE20);
  for (let i = 0; i < RUNS; i++) {
    base.push(timed(folders[0], ["-e", "0"], undefined, NODE20));
    for (const [j, cwd] of folders.entries())
      cli[j].push(timed(cwd, [BIN, ...argv], undefined, NODE20));
  }
  return folders.map((cwd, j) => ({
    base,
    cli: cli[j],
    mib: Math.max(...Array.from({ length: MEMORY_RUNS }, () => peakMiB(cwd, [BIN, ...argv]))),
  }));
}
