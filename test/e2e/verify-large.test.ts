/**
 * A demo-shop-sized repository (30,000 tracked files) verifies without error and gets the
 * same answer as the small shop. How fast is `npm run bench`'s business (its "verify" row,
 * against the 2-second promise): a wall-clock limit here would fail on a busy CI machine.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { golive, tempRepo } from "../helpers/cli.js";
import { shop } from "../helpers/shop.js";

const FILES = 30_000;

function php(i: number): string {
  return `<?php

namespace Pyz\\Zed\\Module${i % 500}\\Business;

use Spryker\\Zed\\Kernel\\Business\\AbstractFacade;

/**
 * @method \\Pyz\\Zed\\Module${i % 500}\\Business\\BusinessFactory getFactory()
 */
class Facade${i} extends AbstractFacade
{
    public function run(array $items): array
    {
        $result = [];
        foreach ($items as $key => $item) {
            $result[$key] = $this->getFactory()->createModel()->process($item, '${"x".repeat(i % 40)}');
        }

        return $result;
    }
}
`;
}

test("30,000 tracked files verify, and every check passes", { timeout: 120_000 }, () => {
  const dir = tempRepo();
  for (const [path, content] of Object.entries(shop())) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const made = new Set<string>();
  for (let i = 0; i < FILES; i++) {
    const kind = i % 10;
    const folder =
      kind < 7
        ? `src/Pyz/Zed/Module${i % 500}/Business/Model${i % 7}`
        : kind < 9
          ? `src/Pyz/Yves/Module${i % 300}/Theme/default/views/page${i % 5}`
          : `frontend/components/c${i % 200}`;
    if (!made.has(folder)) {
      mkdirSync(join(dir, folder), { recursive: true });
      made.add(folder);
    }
    const name = kind < 7 ? `Facade${i}.php` : kind < 9 ? `view${i}.twig` : `c${i}.ts`;
    writeFileSync(
      join(dir, folder, name),
      kind < 7 ? php(i) : `{# ${i} #}\n<div>{{ data.item${i} }}</div>\n`,
    );
  }
  expect(golive(dir, ["init", "--date", "2027-03-01"], { GOLIVE_TODAY: "2027-01-04" }).code).toBe(
    0,
  );
  execFileSync("git", ["add", "-A"], { cwd: dir });

  const r = golive(dir, ["verify", "--json"], { GOLIVE_TODAY: "2027-01-04" });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.repository).toMatchObject({
    files: "git",
    count: FILES + Object.keys(shop()).length + 1,
  });
  expect(report.counts).toEqual({ pass: 17, warn: 0, fail: 0, unknown: 0 });
});
