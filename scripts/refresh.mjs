#!/usr/bin/env node
// Compares the shipped Spryker catalogue with Spryker's page, read as a file (the Markdown
// source of docs/ca/dev/preparation-for-going-live.md): IDs, titles, categories, phases and
// links. Prints one line per difference and exits 1 when there is any, 0 when none.
//
//   node scripts/refresh.mjs path/to/preparation-for-going-live.md [checklists/spryker-cloud.yaml]
//       [--docs path/to/spryker-docs]
//
// A link is the same page under any of its addresses: the page may link an old address that
// the site redirects (a `redirect_from` entry in the target page's front matter), the
// catalogue the page's own. The redirects come from the docs repository the page lies in, or
// the one `--docs` names; a versioned folder (`202410.0/`) is read as `latest`, as the site
// serves it.
//
// It changes nothing: the summaries are golive's own words, so a person edits the catalogue.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parse } from "yaml";

const DOCS = "https://docs.spryker.com";

/** The page's items: ID, category, name, phase heading and every link, in page order. */
export function readPage(text) {
  const items = [];
  let heading;
  for (const line of text.split("\n")) {
    const h = /^## (.+?)\s*$/.exec(line);
    if (h) heading = h[1];
    const cells = line.startsWith("|")
      ? line
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim())
      : [];
    if (cells.length < 4 || !/^[A-Z]+-\d+$/.test(cells[0])) continue;
    // The site renders {{site.version}} as "latest".
    const links = [
      ...cells
        .slice(3)
        .join(" ")
        .matchAll(/\]\(([^)\s]+)\)/g),
    ].map((m) => {
      const url = m[1].replaceAll("{{site.version}}", "latest");
      return url.startsWith("/") ? DOCS + url : url;
    });
    items.push({ id: cells[0], category: cells[1], title: cells[2], heading, links });
  }
  return items;
}

const plain = (s) => s.replace(/`/g, "").replace(/\s+/g, " ").replace(/\.$/, "").trim();
const bare = (url) => url.replace(/#.*$/, "").replace(/\/$/, "");
/** A versioned docs folder (`/202410.0/`) is served as `/latest/` too. */
const latest = (url) => url.replace(/\/\d{6}\.\d+\//, "/latest/");

/** The addresses a page's front matter lists under `redirect_from`. */
export function redirectsOf(text) {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  if (!front) return [];
  const block = /^redirect_from:[ \t]*\r?\n((?:[ \t]*-[^\n]*\r?\n?)+)/m.exec(front)?.[1] ?? "";
  return [...block.matchAll(/^[ \t]*-[ \t]*['"]?([^'"\s#]+)['"]?/gm)].map((m) => m[1]);
}

/**
 * Every redirect of a spryker-docs checkout: old address -> the page's address, both as full
 * URLs without `.html` differences left (the site serves `x.md` as `x.html`).
 */
export function readRedirects(root) {
  const map = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) {
        const aliases = redirectsOf(readFileSync(path, "utf8"));
        if (aliases.length === 0) continue;
        const page = latest(
          `${DOCS}/${relative(root, path).split(sep).join("/").replace(/\.md$/, ".html")}`,
        );
        for (const alias of aliases)
          map.set(latest(bare(alias.startsWith("/") ? DOCS + alias : alias)), page);
      }
    }
  };
  walk(join(root, "docs"));
  return map;
}

/** Every difference between the page's items and the catalogue's, as lines. */
export function differences(page, catalogue, redirects = new Map()) {
  const address = (url) => {
    const u = latest(bare(url));
    return redirects.get(u) ?? u;
  };
  const out = [];
  const byName = new Map();
  for (const item of catalogue.items) {
    for (const name of [item.id, ...(item.aliases ?? [])]) byName.set(name, item);
  }
  const category = new Map(catalogue.categories.map((c) => [c.id, c.title]));
  const phase = new Map(catalogue.phases.map((p) => [p.id, p.title]));
  const seen = new Set();
  for (const up of page) {
    const item = byName.get(up.id);
    if (!item) {
      out.push(`${up.id}: on the page, not in the catalogue ("${up.title}")`);
      continue;
    }
    seen.add(item.id);
    if (item.id !== up.id) out.push(`${up.id}: the catalogue calls it ${item.id}`);
    if (plain(item.title) !== plain(up.title)) {
      out.push(`${item.id}: title: catalogue "${item.title}", page "${up.title}"`);
    }
    if (category.get(item.category) !== up.category) {
      out.push(
        `${item.id}: category: catalogue ${category.get(item.category)}, page ${up.category}`,
      );
    }
    const title = phase.get(item.phase) ?? "";
    if (!up.heading || !title.toLowerCase().startsWith(up.heading.toLowerCase())) {
      out.push(`${item.id}: phase: catalogue "${title}", page "${up.heading}"`);
    }
    const ours = new Set((item.links ?? []).map((l) => address(l.url)));
    const theirs = new Set(up.links.map(address));
    for (const url of theirs)
      if (!ours.has(url)) out.push(`${item.id}: link on the page only: ${url}`);
    for (const url of ours)
      if (!theirs.has(url)) out.push(`${item.id}: link in the catalogue only: ${url}`);
  }
  for (const item of catalogue.items) {
    if (!seen.has(item.id)) out.push(`${item.id}: in the catalogue, not on the page`);
  }
  return out;
}

/** The docs repository a page lies in (`<root>/docs/ca/dev/x.md`), if it lies in one. */
function docsRootOf(pagePath) {
  const at = pagePath.lastIndexOf(`${sep}docs${sep}`);
  if (at === -1) return undefined;
  try {
    return statSync(join(pagePath.slice(0, at), "docs")).isDirectory()
      ? pagePath.slice(0, at) || sep
      : undefined;
  } catch {
    return undefined;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const docsAt = args.indexOf("--docs");
  const docs = docsAt === -1 ? undefined : args.splice(docsAt, 2)[1];
  const [pagePath, cataloguePath = new URL("../checklists/spryker-cloud.yaml", import.meta.url)] =
    args;
  if (!pagePath || (docsAt !== -1 && !docs)) {
    process.stderr.write(
      "usage: node scripts/refresh.mjs PAGE.md [CATALOGUE.yaml] [--docs SPRYKER_DOCS_DIR]\n",
    );
    process.exit(2);
  }
  const root = docs ?? docsRootOf(resolve(pagePath));
  const lines = differences(
    readPage(readFileSync(pagePath, "utf8")),
    parse(readFileSync(cataloguePath, "utf8")),
    root ? readRedirects(root) : new Map(),
  );
  process.stdout.write(lines.map((l) => `${l}\n`).join(""));
  // Without a docs checkout no redirect is known: a page linking an old address of the page the
  // catalogue links reads as two different links.
  if (!root && lines.some((l) => l.includes(": link "))) {
    process.stderr.write(
      "note: links compared by address only: the page is not inside a spryker-docs checkout; " +
        "--docs DIR follows the redirect_from entries of its pages\n",
    );
  }
  process.exitCode = lines.length > 0 ? 1 : 0;
}
