import { describe, expect, test } from "vitest";
import { CURRENT, checkedIds, shop, verdict } from "../helpers/shop.js";

describe("the Spryker-shaped fixture", () => {
  test("passes every shipped check", () => {
    const files = shop();
    const results = Object.fromEntries(
      checkedIds().map((id) => [id, verdict(id, files, CURRENT).result]),
    );
    expect(results).toEqual(Object.fromEntries(checkedIds().map((id) => [id, "pass"])));
  });

  test("the catalogue checks exactly the items the issues name", () => {
    expect(checkedIds().sort()).toEqual(
      [
        "APP-01",
        "APP-02",
        "APP-03",
        "APP-04",
        "APP-05",
        "APP-07",
        "APP-08",
        "APP-09",
        "APP-14",
        "APP-16",
        "APP-17",
        "APP-24",
        "APP-28",
        "CLO-05",
        "CLO-10",
        "CLO-11",
        "CLO-17",
        "SEO-03",
        "SEO-04",
        "SEO-06",
        "DAT-02",
      ].sort(),
    );
  });
});
