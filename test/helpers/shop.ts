/**
 * A small Spryker-shaped repository that passes every check, as an inline file tree. Tests
 * change one file at a time to get a warn or a fail.
 */

import { CONTEXT_CODES, type Finding, type ItemVerdict } from "../../src/core/verdict.js";
import { loadCatalogue } from "../../src/io/catalogue.js";
import { type CatalogueItem, CatalogueSchema } from "../../src/schema/catalogue.js";
import { composerContentHash } from "../../src/verify/composer.js";
import { verifyItems } from "../../src/verify/index.js";
import type { VerifyContext } from "../../src/verify/types.js";
import { memoryRepo } from "./repo.js";

/** The shop's composer.json: composer.lock's content-hash is made from it. */
export const COMPOSER_JSON = `${JSON.stringify(
  {
    name: "shop/b2c",
    require: { php: ">=8.3", "spryker-feature/cart": "202606.0" },
    "minimum-stability": "dev",
    "prefer-stable": true,
    config: { platform: { php: "8.3.0" } },
  },
  null,
  4,
)}\n`;

export function composerLock(
  packages: Record<string, string>,
  dev: Record<string, string> = {},
): string {
  const list = (p: Record<string, string>) =>
    Object.entries(p).map(([name, version]) => ({ name, version, type: "library" }));
  return `${JSON.stringify(
    {
      "content-hash": composerContentHash(COMPOSER_JSON),
      packages: Object.entries(packages).map(([name, version]) => ({
        name,
        version,
        type: "library",
      })),
      "packages-dev": list(dev),
    },
    null,
    4,
  )}\n`;
}

export const PACKAGES = {
  "spryker-feature/cart": "202606.0",
  "spryker-feature/checkout": "202606.0",
  "spryker/twig": "3.15.2",
  "twig/twig": "v3.8.0",
  "spryker/flysystem-aws3v3-file-system": "2.1.0",
  "spryker/sitemap": "1.2.0",
};

export function deployFile(env: string, options: { storefrontAuth?: boolean } = {}): string {
  return `version: "1.0"
namespace: shop-${env}
environment: docker.${env === "prod" ? "prod" : env}

x-real-ip: &real-ip
  real-ip:
    from:
      - 10.0.0.0/8

x-frontend-auth: &frontend-auth
  auth:
    engine: basic
    users:
      - username: \${BASIC_AUTH_USER}
        password: \${BASIC_AUTH_PASSWORD}

image:
  tag: spryker/php:8.3
  environment:
    SPRYKER_HOOK_INSTALL: "vendor/bin/install -r EU/production --no-ansi -vvv"

services:
  database:
    engine: mysql
    version: mariadb-10.6

groups:
  EU:
    region: EU
    applications:
      yves_eu:
        application: yves
        endpoints:
          www.example.com:
            store: DE
${options.storefrontAuth ? "            <<: [*real-ip, *frontend-auth]" : "            <<: *real-ip"}
      glue_eu:
        application: glue
        endpoints:
          glue.example.com:
            store: DE
            <<: *real-ip
      boffice_eu:
        application: backoffice
        endpoints:
          backoffice.example.com:
            store: DE
            <<: [*real-ip, *frontend-auth]
      bgw_eu:
        application: backend-gateway
        endpoints:
          backend-gateway.example.com:
            store: DE
            primal: true
      bapi_eu:
        application: zed
        endpoints:
          backend-api.example.com:
            store: DE
            entry-point: BackendApi
`;
}

/** A favicon of the shop's own: any bytes that are not a Spryker default. */
export const OWN_FAVICON = new Uint8Array([0, 0, 1, 0, 1, 0, 16, 16, 42, 42]);

export function shop(): Record<string, string | Uint8Array> {
  return {
    "composer.json": COMPOSER_JSON,
    "composer.lock": composerLock(PACKAGES),
    "deploy.shop-prod.yml": deployFile("prod"),
    "deploy.shop-staging.yml": deployFile("staging", { storefrontAuth: true }),
    "deploy.dev.yml": deployFile("dev"),
    ".git.docker": "1.65.0\n",
    "config/Shared/config_default.php": `<?php
$config[FileSystemConstants::FILESYSTEM_SERVICE] = [
    'files' => [
        'sprykerAdapterClass' => Aws3v3FilesystemBuilderPlugin::class,
        'key' => getenv('SPRYKER_S3_KEY'),
        'secret' => getenv('SPRYKER_S3_SECRET'),
        'bucket' => getenv('SPRYKER_S3_BUCKET'),
        'region' => 'eu-central-1',
    ],
];
$config[ApplicationConstants::ENCRYPTION_KEY] = getenv('SPRYKER_ENCRYPTION_KEY');
`,
    "public/Backoffice/index.php": "<?php\n",
    "public/BackendGateway/index.php": "<?php\n",
    "public/BackendApi/index.php": "<?php\n",
    "src/Orm/Propel/Migration_mysql/PropelMigration_1700000000.php": "<?php\n",
    "config/install/EU/production.yml": `sections:
  database-migrate:
    propel-migrate:
      command: "vendor/bin/console propel:migrate"
  data-import:
    import:
      command: "vendor/bin/console data:import --config=data/import/production/full_EU.yml"
`,
    "config/Zed/cronjobs/jenkins.php": `<?php
$jobs[] = ['name' => 'sitemap', 'command' => '$PHP_BIN vendor/bin/console sitemap:generate'];
$jobs[] = ['name' => 'oms-condition', 'command' => '$PHP_BIN vendor/bin/console oms:check-condition'];
$jobs[] = ['name' => 'oms-timeout', 'command' => '$PHP_BIN vendor/bin/console oms:check-timeout'];
$jobs[] = ['name' => 'queue', 'command' => '$PHP_BIN vendor/bin/console queue:worker:start'];
$jobs[] = ['name' => 'oms-log', 'command' => 'mysql -e "DELETE FROM spy_oms_transition_log WHERE created_at < NOW() - INTERVAL 30 DAY"'];
`,
    "public/Yves/robots.txt":
      "User-agent: *\nDisallow: /checkout\nSitemap: https://www.example.com/sitemap.xml\n",
    "public/Yves/favicon.ico": OWN_FAVICON,
    "src/Pyz/Zed/User/UserConfig.php": `<?php
class UserConfig {
    public function getInstallerUsers(): array {
        return [['username' => 'ops@shop.example', 'firstName' => 'Ops']];
    }
}
`,
    "data/import/production/customer.csv": "customer_reference,email\nC-1,jane@shop.example\n",
  };
}

const catalogue = loadCatalogue("spryker-cloud", ".").catalogue;

/** Two months before go-live; golive's release list is then stale (see `CURRENT`). */
export const BEFORE_GO_LIVE: VerifyContext = {
  today: "2027-01-04",
  goLive: "2027-03-01",
  allow: [],
};

/** BEFORE_GO_LIVE, told that the newest release is the one the fixture is on. */
export const CURRENT: Partial<VerifyContext> = { latestRelease: "202606.0" };

/** The verdict of one shipped catalogue item on `files`. */
export function verdict(
  id: string,
  files: Record<string, string | Uint8Array>,
  ctx: Partial<VerifyContext> = {},
  submodules: Record<string, string> = {},
): ItemVerdict {
  const item = catalogue.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  const [v] = verifyItems([item], memoryRepo(files, undefined, submodules), {
    ...BEFORE_GO_LIVE,
    ...ctx,
  });
  if (!v) throw new Error(`${id} has no checks`);
  return v;
}

/** The findings, without those that only say what was judged (which deploy files, which config). */
export function found(v: ItemVerdict): Finding[] {
  return v.findings.filter((f) => !CONTEXT_CODES.has(f.code));
}

export function codes(v: ItemVerdict): string[] {
  return found(v).map((f) => f.code);
}

export function checkedIds(): string[] {
  return catalogue.items.filter((i) => i.checks).map((i) => i.id);
}

/** A shop with secrets in a config file, a key file and the production deploy file. */
export const SECRET = "s3cr3t-Hunter2-do-not-print";
export const KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

export function leakyFiles(): Record<string, string | Uint8Array> {
  const files = shop();
  files["config/Shared/config_prod.php"] =
    `<?php\n$config[OauthConstants::PRIVATE_KEY_PASSWORD] = '${SECRET}';\n$config[X_TOKEN] = getenv('X_TOKEN');\n$config[Y_PASSWORD] = '';\n`;
  files["keys/jwt.pem"] =
    `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----\n`;
  files["docs/keys.md"] = "Never commit a `-----BEGIN PRIVATE KEY-----` block.\n";
  files["deploy.shop-prod.yml"] = (files["deploy.shop-prod.yml"] as string)
    .replace(
      "    SPRYKER_HOOK_INSTALL:",
      `    SPRYKER_PAYMENT_SECRET: ${SECRET}\n    SPRYKER_TOKEN_REF: \${PAYMENT_TOKEN}\n    SPRYKER_HOOK_INSTALL:`,
    )
    .replace(/password: \$\{BASIC_AUTH_PASSWORD\}/, `password: ${SECRET}`);
  return files;
}

/** The passing shop with `change` made to its files. */
export function editShop(
  change: (files: Record<string, string | Uint8Array>) => void,
): Record<string, string | Uint8Array> {
  const files = shop();
  change(files);
  return files;
}

/** One item of a catalogue of its own, with `checks`, read by the catalogue schema. */
export function itemWithChecks(checks: unknown[]): CatalogueItem {
  return CatalogueSchema.parse({
    format: 1,
    name: "custom",
    title: "Custom",
    version: "1",
    categories: [{ id: "X", title: "X" }],
    phases: [{ id: "p", title: "P", opens: -10, due: -1 }],
    items: [{ id: "X-1", category: "X", phase: "p", title: "One", summary: "One.", checks }],
  }).items![0]!;
}
