// The bulk of a demo-shop-sized repository: `n` files of the size and shape of a Spryker
// project's own code (PHP classes, Twig views, TypeScript components), by path. Shared by the
// benchmark's verify row and the test that a 30,000-file repository verifies.

/** @param {number} i */
function php(i) {
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

/**
 * @param {number} n
 * @returns {Generator<[string, string]>}
 */
export function* shopCode(n) {
  for (let i = 0; i < n; i++) {
    const kind = i % 10;
    if (kind < 7) {
      yield [`src/Pyz/Zed/Module${i % 500}/Business/Model${i % 7}/Facade${i}.php`, php(i)];
    } else if (kind < 9) {
      yield [
        `src/Pyz/Yves/Module${i % 300}/Theme/default/views/page${i % 5}/view${i}.twig`,
        `{# ${i} #}\n<div>{{ data.item${i} }}</div>\n`,
      ];
    } else {
      yield [`frontend/components/c${i % 200}/c${i}.ts`, `export const c${i} = ${i};\n`];
    }
  }
}
