import { describe, expect, test } from "vitest";
import type { DeployFile } from "../../src/verify/deploy.js";
import { Facts } from "../../src/verify/facts.js";
import { verifyItems } from "../../src/verify/index.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { countingRepo, memoryRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, leakyFiles } from "../helpers/shop.js";

describe("one verify run", () => {
  // The leaky shop makes every rule go all the way: secrets in deploy and config files.
  const items = sprykerCatalogue().items;
  const SCANS = new Set(["APP-17", "APP-24"]); // secrets and a text-present over globs
  function reads(ids: (id: string) => boolean): Map<string, number> {
    const { repo, reads } = countingRepo(memoryRepo(leakyFiles()));
    verifyItems(
      items.filter((i) => ids(i.id)),
      repo,
      BEFORE_GO_LIVE,
    );
    return reads;
  }
  const readTwice = (r: Map<string, number>, limit = 1) =>
    [...r].filter(([, n]) => n > limit).map(([path]) => path);

  test("rules that read files by name read each once, however many look at it", () => {
    const r = reads((id) => !SCANS.has(id));
    expect(r.get("deploy.shop-prod.yml")).toBe(1);
    expect(r.get("config/install/EU/production.yml")).toBe(1); // APP-28 and DAT-02
    expect(readTwice(r)).toEqual([]);
  });

  test("the secrets scan reads each file once, deploy files and configs included", () => {
    const r = reads((id) => id === "APP-17");
    expect(r.get("config/Shared/config_prod.php")).toBe(1);
    expect(readTwice(r)).toEqual([]);
  });

  test("in a whole run, what rules read by name is read once, before or after the scans", () => {
    const r = reads(() => true);
    for (const file of ["composer.lock", "deploy.shop-prod.yml", "deploy.shop-staging.yml"])
      expect(r.get(file), file).toBe(1);
    // A scan keeps no text (a large shop's would cost more memory than reading again costs
    // time), so a file is read at most once by name and once per scan.
    expect(readTwice(r, 1 + SCANS.size)).toEqual([]);
  });

  test("a deploy file is parsed once, whichever rule asks first", () => {
    const facts = new Facts(memoryRepo(leakyFiles()), BEFORE_GO_LIVE);
    const tree = (file: string) => (facts.deployFile(file) as DeployFile).tree;
    const prod = facts.production().files.find((f) => f.file === "deploy.shop-prod.yml")!;
    expect(tree("deploy.shop-prod.yml")).toBe(prod.tree);
    // A deploy file production does not run (deploy.dev.yml) is parsed once too, when asked.
    expect(tree("deploy.dev.yml")).toBe(tree("deploy.dev.yml"));
  });
});
