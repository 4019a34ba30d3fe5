#!/usr/bin/env node
// Compares the shipped Spryker catalogue with Spryker's page, read as a file (the Markdown
// source of docs/ca/dev/preparation-for-going-live.md): IDs, titles, categories, phases and
// links. Prints one line per difference and exits 1 when there is any, 0 when none.
//
//   node scripts/refresh.mjs path/to/preparation-for-going-live.md [checklists/spryker-cloud.yaml]
//
// It changes nothing: the summaries are golive's own words, so a person edits the catalogue.
import { readFileSync } from "node:fs";
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

/** Every difference between the page's items and the catalogue's, as lines. */
export function differences(page, catalogue) {
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
    const ours = new Set((item.links ?? []).map((l) => bare(l.url)));
    const theirs = new Set(up.links.map(bare));
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const [pagePath, cataloguePath = new URL("../checklists/spryker-cloud.yaml", import.meta.url)] =
    process.argv.slice(2);
  if (!pagePath) {
    process.stderr.write("usage: node scripts/refresh.mjs PAGE.md [CATALOGUE.yaml]\n");
    process.exit(2);
  }
  const lines = differences(
    readPage(readFileSync(pagePath, "utf8")),
    parse(readFileSync(cataloguePath, "utf8")),
  );
  process.stdout.write(lines.map((l) => `${l}\n`).join(""));
  process.exitCode = lines.length > 0 ? 1 : 0;
}
