import { describe, expect, it } from "vitest";
import { findItem, idKey } from "../../src/core/ids.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";

const catalogue = sprykerCatalogue();

describe("finding items as people type them", () => {
  it.each([
    ["CLO-14", "CLO-14"],
    ["clo-14", "CLO-14"],
    ["app-3", "APP-03"],
    ["APP-003", "APP-03"],
    ["GEN-09", "GEN-9"],
    ["gen-10", "GEN-10"],
    ["GEN-8", "GEN-08"],
    ["gen-08", "GEN-08"],
    ["tr-1", "TR-01"],
    [" SEO-04 ", "SEO-04"],
    ["clo14", "CLO-14"],
    ["GEN8", "GEN-08"],
  ])("%s finds %s", (typed, id) => {
    const found = findItem(catalogue, typed);
    expect(found.ok && found.item.id).toBe(id);
  });

  it.each(["hello!", "", "CLO", "14", "CLO--14", "x".repeat(10_000)])(
    "%s is not an ID",
    (typed) => {
      expect(findItem(catalogue, typed)).toMatchObject({ ok: false, reason: "malformed" });
    },
  );

  it("suggests the closest IDs for an unknown one", () => {
    expect(findItem(catalogue, "CLO-41")).toMatchObject({ ok: false, reason: "unknown" });
    const found = findItem(catalogue, "CLO-41");
    expect(!found.ok && found.suggestions).toContain("CLO-01");
    const typo = findItem(catalogue, "COL-14");
    expect(!typo.ok && typo.suggestions[0]).toBe("CLO-14");
    const extra = findItem(catalogue, "clo-141");
    expect(!extra.ok && extra.suggestions[0]).toBe("CLO-14");
  });

  it("normalises keys", () => {
    expect(idKey("app-0003")).toBe("APP-3");
    expect(idKey("not an id")).toBeUndefined();
  });
});
