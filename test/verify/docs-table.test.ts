/**
 * docs/verify.md's table of checks is the catalogue's: one row per checked item, naming the
 * rule kinds the item's checks use, and every named Spryker rule documented.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { SPRYKER_RULES } from "../../src/schema/checks.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";

const DOC = readFileSync(resolve(import.meta.dirname, "../../docs/verify.md"), "utf8");

function table(): Map<string, string[]> {
  const section = /^## The checks of the Spryker catalogue$([\s\S]*?)^## /m.exec(DOC)?.[1] ?? "";
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const id = /^([A-Z]{2,3}-\d+)\b/.exec(cells[1] ?? "")?.[1];
    if (!id) continue;
    rows.set(
      id,
      [...(cells[2] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    );
  }
  return rows;
}

describe("docs/verify.md's table of checks", () => {
  const items = sprykerCatalogue().items.filter((i) => i.checks);
  test("has one row per checked item, naming its rule kinds in order", () => {
    const rows = table();
    expect([...rows.keys()].sort()).toEqual(items.map((i) => i.id).sort());
    for (const item of items)
      expect(rows.get(item.id), item.id).toEqual(item.checks!.map((c) => c.kind));
  });
  test("every named Spryker rule is used by the catalogue, so documented there", () => {
    const used = new Set(items.flatMap((i) => i.checks!.map((c) => c.kind)));
    expect(SPRYKER_RULES.filter((r) => !used.has(`spryker/${r}`))).toEqual([]);
  });
});
