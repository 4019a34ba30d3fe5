/**
 * APP-17 and a password written inside a URL (a broker's, a database's, a search cluster's
 * DSN), under any key: in PHP configuration, deploy files and committed .env files. The value
 * is never shown; a reference or a placeholder in the password's place is not a literal.
 */
import { describe, expect, test } from "vitest";
import { connectionPasswords, isWrittenPassword } from "../../src/verify/connection-strings.js";
import { found, shop, verdict } from "../helpers/shop.js";

const PW = "Zq8vRt2mLx7wNp4k";

/** APP-17's findings other than passes in a shop with `files` added; PW is in none of them. */
function app17(files: Record<string, string>) {
  const v = verdict("APP-17", { ...shop(), ...files });
  expect(JSON.stringify(v)).not.toContain(PW);
  return found(v)
    .filter((f) => f.result !== "pass")
    .map((f) => [f.code, f.file, f.line, f.result]);
}

/** A production deploy file whose image's environment holds `lines`, from line 5 on. */
function prodDeploy(lines: readonly string[], eol = "\n"): string {
  return [
    "version: '0.1'",
    "environment: docker.prod",
    "image:",
    "  environment:",
    ...lines,
    "",
  ].join(eol);
}

test("the passwords a value's connection strings hold", () => {
  expect(connectionPasswords(`amqp://spryker:${PW}@broker:5672/%2f`)).toEqual([PW]);
  expect(connectionPasswords(`redis://:${PW}@redis:6379/0`)).toEqual([PW]);
  expect(
    connectionPasswords(`{"DE": "mysql://shop:a1@db/de", "AT": "mysql://shop:b2@db/at"}`),
  ).toEqual(["a1", "b2"]);
  for (const none of [
    "https://www.de.shop.example/path?x=1",
    "mysql://root:@db/shop",
    "mailto:ops@shop.example",
    "https://user@host.example",
    "no url at all",
    "http://host:8080/path@v1",
    "https://host/@user?email=a@b.example",
    "docker://registry:5000/image@sha256:0123",
    "git@github.com:org/repo.git",
  ])
    expect(connectionPasswords(none)).toEqual([]);
  // The attack's shapes: a user that is an e-mail address, a fail-over list, JSON's escapes,
  // a long token as the password, a connection string's parameters.
  expect(connectionPasswords(`smtp://noreply@shop.example:${PW}@smtp.example:587`)).toEqual([PW]);
  expect(connectionPasswords(`amqp://guest@a:5672,amqp://shop:${PW}@b:5672`)).toEqual([PW]);
  expect(connectionPasswords(`{"url":"amqp:\\/\\/shop:${PW}@broker"}`)).toEqual([PW]);
  expect(connectionPasswords(`{"url":"redis://:${PW}\\u0040redis"}`)).toEqual([PW]);
  expect(connectionPasswords(`wss://t:${PW.repeat(20)}@push.example/ws`)).toEqual([PW.repeat(20)]);
  expect(connectionPasswords(`tcp://redis:6379?auth=${PW}`)).toEqual([PW]);
  expect(connectionPasswords(`mysql:host=db;dbname=shop;user=app;password=${PW}`)).toEqual([PW]);
});

test("a reference or a template's slot in the password's place is not written", () => {
  for (const slot of [
    `$\{BROKER_PASSWORD}`,
    "%env(BROKER_PASSWORD)%",
    "$BROKER_PASSWORD",
    "%s",
    "%2$s",
    "{password}",
    "{{ password }}",
  ])
    expect(isWrittenPassword(slot), slot).toBe(false);
  for (const written of [PW, `$\{SALT}Zq8v`, `Zq8v$\{SUFFIX}`, "guest"])
    expect(isWrittenPassword(written), written).toBe(true);
});

describe("a URL with a literal password fails", () => {
  test("in PHP configuration, under any key, and in a constant", () => {
    const php = [
      "<?php",
      `$config[X::RABBITMQ_DSN] = 'amqp://spryker:${PW}@broker:5672/%2f';`,
      `$config[X::SEARCH] = ['hosts' => ['https://elastic:${PW}@search:9200']];`,
      `define('QUEUE_URL', 'redis://:${PW}@redis:6379');`,
      "$config[X::FROM_ENV] = 'amqp://spryker:' . getenv('BROKER_PASSWORD') . '@broker';",
      "$config[X::PLAIN] = 'https://www.de.shop.example';",
      "",
    ].join("\n");
    expect(app17({ "config/Shared/config_default.php": php })).toEqual([
      ["secret-url-password", "config/Shared/config_default.php", 2, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 3, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 4, "fail"],
    ]);
  });

  test("in a PHP file golive cannot read as PHP, read as text", () => {
    // The statement lacks its `;` and runs on into the next: only the text reader sees it.
    const php = `<?php\n$config[X::BROKER] = 'amqp://spryker:${PW}@broker'\n$x = 1;\n`;
    expect(app17({ "config/Shared/config_default.php": php })).toEqual([
      ["secret-url-password", "config/Shared/config_default.php", 2, "fail"],
      ["php-unreadable", "config/Shared/config_default.php", 3, "unknown"],
    ]);
  });

  test("in a deploy file, under any key; a reference in the password's place passes", () => {
    const deploy = prodDeploy([
      `    SPRYKER_BROKER_DSN: 'amqp://spryker:${PW}@broker:5672/%2f'`,
      `    SPRYKER_SEARCH_DSN: https://elastic:$\{SEARCH_PASSWORD}@search:9200`,
      `    SPRYKER_QUEUES: '{"DE": "redis://:${PW}@redis:6379"}'`,
    ]);
    expect(app17({ "deploy.shop-prod.yml": deploy })).toEqual([
      ["secret-url-password", "deploy.shop-prod.yml", 5, "fail"],
      ["secret-url-password", "deploy.shop-prod.yml", 7, "fail"],
    ]);
  });

  test("in a committed .env file; in a local deploy file it warns; a placeholder warns", () => {
    expect(
      app17({
        ".env": `DATABASE_URL=mysql://shop:${PW}@db/shop\nBROKER_URL=amqp://shop:CHANGE_ME@broker\n`,
        "deploy.dev.yml": `version: '0.1'\nimage:\n  environment:\n    BROKER: 'amqp://spryker:${PW}@broker'\n`,
      }),
    ).toEqual([
      ["secret-url-password", ".env", 1, "fail"],
      ["secret-placeholder", ".env", 2, "warn"],
      ["secret-url-password", "deploy.dev.yml", 4, "warn"],
    ]);
  });
});

describe("wherever a file holds it (the attack's shapes)", () => {
  test("a deploy file: a block scalar, a list item, JSON over several lines", () => {
    const deploy = prodDeploy([
      "    BROKER_URL: |",
      `      amqp://shop:${PW}@broker`,
      "    BROKER_HOSTS:",
      `      - amqp://shop:${PW}@a`,
      "    SPRYKER_DB: '{",
      `      "region": {"user": "shop", "password": "${PW}"}}'`,
    ]);
    expect(app17({ "deploy.shop-prod.yml": deploy })).toEqual([
      ["secret-url-password", "deploy.shop-prod.yml", 6, "fail"],
      ["secret-url-password", "deploy.shop-prod.yml", 8, "fail"],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 10, "fail"],
    ]);
  });

  test("PHP: a fallback, a call, a returned array, putenv; named by the assignment when there is one", () => {
    const v = verdict("APP-17", {
      ...shop(),
      "config/Shared/config_default.php": [
        "<?php",
        `$config[X::BROKER_URL] = getenv('BROKER_URL') ?: 'amqp://shop:${PW}@broker';`,
        `$config[X::REDIS] = new Client('redis://:${PW}@redis:6379');`,
        `putenv('SEARCH_URL=https://elastic:${PW}@search:9200');`,
        "",
      ].join("\n"),
      "config/Shared/broker.php": `<?php\nreturn ['url' => 'amqp://shop:${PW}@broker'];\n`,
    });
    expect(JSON.stringify(v)).not.toContain(PW);
    expect(found(v).map((f) => [f.code, f.file, f.line, f.subject])).toEqual([
      ["secret-url-password", "config/Shared/broker.php", 2, "a string in the file"],
      ["secret-url-password", "config/Shared/config_default.php", 2, "$config[X::BROKER_URL]"],
      ["secret-url-password", "config/Shared/config_default.php", 3, "$config[X::REDIS]"],
      ["secret-url-password", "config/Shared/config_default.php", 4, "a string in the file"],
    ]);
  });

  test("templates of a connection string pass: PHP, deploy files, .env", () => {
    expect(
      app17({
        "config/Shared/config_default.php": [
          "<?php",
          "$config[X::DSN_PATTERN] = 'amqp://%s:%s@%s:%d/%s';",
          "$config[X::POSITIONAL] = 'amqp://%1$s:%2$s@%3$s';",
          "$config[X::URL_TEMPLATE] = 'https://{user}:{password}@api.example.com';",
          "",
        ].join("\n"),
        "deploy.shop-prod.yml": prodDeploy(["    DSN: 'amqp://%s:%s@%s'"]),
        ".env": "BROKER_DSN_TEMPLATE='amqp://{user}:{password}@broker'\n",
      }),
    ).toEqual([]);
  });
});

describe("deploy and .env files saved with other line breaks", () => {
  const prod = (eol: string) =>
    prodDeploy([`    SPRYKER_DB_PASSWORD: ${PW}`, `    NOTE: "a\u2028b"`], eol);

  test.each([
    ["\\r\\n", "\r\n"],
    ["\\r", "\r"],
  ])("%s: judged as with \\n, at the same lines (it crashed, or passed)", (_name, eol) => {
    expect(
      app17({
        "deploy.shop-prod.yml": prod(eol),
        ".env": [`DB_PASSWORD=${PW}`, `BROKER_URL=amqp://shop:${PW}@broker`, ""].join(eol),
      }),
    ).toEqual([
      ["secret-env-literal", ".env", 1, "fail"],
      ["secret-url-password", ".env", 2, "fail"],
      ["secret-deploy-literal", "deploy.shop-prod.yml", 5, "fail"],
    ]);
  });
});

test("a key that is the password itself is not the finding's subject: withheld", () => {
  const withheld = "(looks like a credential: not shown)";
  const v = verdict("APP-17", {
    ...shop(),
    "deploy.shop-prod.yml": prodDeploy([
      "    BROKERS:",
      `      '${PW}': amqp://shop:${PW}@broker`,
      "    PASSWORDS:",
      `      '${PW}': ${PW}`,
    ]),
    ".env": `${PW}=amqp://u:${PW}@b\n`,
    "config/Shared/config_default.php": `<?php\n$config[X::BROKERS]['${PW}'] = 'amqp://shop:${PW}@broker';\n$config[X::PASSWORDS]['${PW}'] = '${PW}';\n`,
  });
  expect(JSON.stringify(v)).not.toContain(PW);
  const subjects = found(v)
    .filter((f) => f.result !== "pass")
    .map((f) => [f.file, f.line, f.subject]);
  expect(subjects).toEqual([
    [".env", 1, withheld],
    ["config/Shared/config_default.php", 2, withheld],
    ["config/Shared/config_default.php", 3, withheld],
    ["deploy.shop-prod.yml", 6, withheld],
    ["deploy.shop-prod.yml", 8, withheld],
  ]);
});

describe("the second attack's shapes", () => {
  test("flags, words and patterns in a password's place: pass, or warn as placeholders", () => {
    expect(
      app17({
        "config/Shared/config_default.php": [
          "<?php",
          "$config[X::WIDGET] = 'https://widgets.example.com/reviews.js?auth=1';",
          "$config[X::SSO] = 'https://sso.example.com/login?auth=oauth2&client=shop';",
          "$config[X::HELP] = 'Expected format: amqp://user:password@host:5672/vhost';",
          "$config[X::MAILER_FORMAT] = 'smtp://USERNAME:PASSWORD@smtp.example.com:587';",
          "$config[X::PATTERN] = '/^amqp:\\/\\/[a-z0-9]+:[^@]{12,}@[a-z.]+$/';",
          "$config[X::FROM_ENV] = sprintf('amqp://%s:%s@%s', getenv('U'), getenv('P'), 'broker');",
          "",
        ].join("\n"),
        ".env": 'DATABASE_URL="mysql://app:!ChangeMe!@127.0.0.1:3306/app"\n',
      }),
    ).toEqual([
      ["secret-placeholder", ".env", 1, "warn"],
      ["secret-placeholder", "config/Shared/config_default.php", 4, "warn"],
      ["secret-placeholder", "config/Shared/config_default.php", 5, "warn"],
    ]);
  });

  test("a template filled with a literal, a connection string without a scheme, a quote in the password, a default", () => {
    expect(
      app17({
        "config/Shared/config_default.php": [
          "<?php",
          `$config[X::BROKER_URL] = sprintf('amqp://%s:%s@%s', 'shop', '${PW}', 'broker');`,
          `$config[X::SEARCH_URL] = str_replace('{password}', '${PW}', 'https://elastic:{password}@search');`,
          `$config[X::ERP] = 'Server=erp.internal;Database=shop;User Id=shop;Password=${PW};';`,
          `$config[X::REDIS_URL] = 'redis://:Zq8v\\'Rt2mLx7@redis:6379';`,
          "",
        ].join("\n"),
        ".env": `BROKER_URL=amqp://shop:\${BROKER_PASSWORD:-${PW}}@broker\n`,
        "deploy.shop-prod.yml": prodDeploy([
          `    REDIS_URL: redis://:\${REDIS_PASSWORD-${PW}}@redis`,
        ]),
      }),
    ).toEqual([
      ["secret-url-password", ".env", 1, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 2, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 3, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 4, "fail"],
      ["secret-url-password", "config/Shared/config_default.php", 5, "fail"],
      ["secret-url-password", "deploy.shop-prod.yml", 5, "fail"],
    ]);
  });

  test("a key that is the password percent-encoded, or decoded, is withheld", () => {
    const v = verdict("APP-17", {
      ...shop(),
      "config/Shared/config_default.php": `<?php\n$config[X::BROKERS]['Zq8v!Rt2mLx7'] = 'amqp://shop:Zq8v%21Rt2mLx7@broker';\n$config[X::OTHERS]['Zq8v%21Rt2mLx7'] = 'amqp://shop:Zq8v!Rt2mLx7@broker';\n`,
    });
    expect(found(v).map((f) => f.subject)).toEqual([
      "(looks like a credential: not shown)",
      "(looks like a credential: not shown)",
    ]);
  });
});

test("a deploy line's finding is named by the line's own key, a flow map's entry included", () => {
  const v = verdict("APP-17", {
    ...shop(),
    "deploy.shop-prod.yml": prodDeploy([
      `    BROKER: { urls: 'amqp://guest@a:5672,amqp://shop:${PW}@b:5672' }`,
    ]),
  });
  expect(found(v).map((f) => [f.code, f.line, f.subject])).toEqual([
    ["secret-url-password", 5, "image.environment.BROKER.urls"],
  ]);
});

describe("the review's shapes", () => {
  test("a value shared through variables is walked once: 12 copies, 8 deep, answers at once", () => {
    const lines = ["<?php", "$a0 = f('amqp://u:%s@h', 'x');"];
    for (let d = 1; d <= 8; d++)
      lines.push(
        `$a${d} = f(${Array(12)
          .fill(`$a${d - 1}`)
          .join(", ")});`,
      );
    lines.push("$config['BROKER'] = $a8;", "");
    const started = performance.now();
    expect(app17({ "config/Shared/config_default.php": lines.join("\n") })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("a password of 50,000 `${` is read once, not once for each", () => {
    const started = performance.now();
    app17({ ".env": `A=x://u:${"${".repeat(50_000)}@h\n` });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("only the argument that fills the password: a host beside it is none", () => {
    expect(
      app17({
        "config/Shared/config_default.php": `<?php\n$config[X::DB_URL] = sprintf('mysql://%s:%s@%s/%s', 'shop', getenv('DB_PASSWORD'), 'rds-prod-eu1', 'shop');\n`,
      }),
    ).toEqual([]);
  });

  test("a public key in ?token= passes; a password in capitals fails; a short one hides no name", () => {
    const v = verdict("APP-17", {
      ...shop(),
      "deploy.shop-prod.yml": prodDeploy([
        "    WIDGET_URL: https://widgets.example.com/w.js?token=pub42",
        "    BROKER_URL: amqp://user:ALLCAPSREALPASS@broker",
        "    CACHE_URL: redis://:e@cache",
      ]),
    });
    expect(found(v).map((f) => [f.code, f.line, f.subject])).toEqual([
      ["secret-url-password", 6, "BROKER_URL"],
      ["secret-url-password", 7, "CACHE_URL"],
    ]);
  });

  test("keys beside a per-store map's that are no store codes", () => {
    expect(
      app17({
        "config/Shared/config_default.php": `<?php\n$config[X::PAYMENT_CREDENTIALS] = ['IS_SANDBOX' => 'false', 'ID' => 'shop-frontend', 'secret' => getenv('S')];\n`,
      }),
    ).toEqual([]);
  });
});

describe("a password a command writes, in a deploy file's hook", () => {
  const PW = "Zq8vT3kLm9pX";
  const app17 = (line: string) => {
    const v = verdict("APP-17", { ...shop(), "deploy.shop-prod.yml": prodDeploy([line]) });
    expect(JSON.stringify(v)).not.toContain(PW);
    return found(v).filter((f) => f.result !== "pass");
  };

  test("a variable named for one, --password and a MySQL client's -p fail, named by the first", () => {
    const hook = (command: string) => `    SPRYKER_HOOK_INSTALL: "${command}"`;
    for (const [command, name] of [
      [`mysql -uroot -p${PW} shop < dump.sql && MYSQL_PWD=${PW} vendor/bin/install`, "MYSQL_PWD"],
      [`PGPASSWORD='${PW}' psql -h db shop`, "PGPASSWORD"],
      [`mysqldump --password=${PW} shop > dump.sql`, "--password"],
      [`mariadb -u shop -p${PW} -h db shop`, "-p"],
    ])
      expect(app17(hook(command!)), command).toEqual([
        expect.objectContaining({
          code: "secret-deploy-literal",
          result: "fail",
          line: 5,
          subject: `SPRYKER_HOOK_INSTALL "${name}"`,
        }),
      ]);
    // Unquoted, the same.
    expect(app17(`    SPRYKER_HOOK_INSTALL: mysql -uroot -p${PW} shop`)).toHaveLength(1);
  });

  test("a reference, a prompt, another command's -p and a placeholder pass or warn", () => {
    for (const command of [
      "PGPASSWORD=$DB_PASSWORD psql -h db shop",
      'MYSQL_PWD="${DB_PASSWORD}" mysql -uroot shop',
      "mysql -uroot -p shop",
      "tar -pzcf backup.tgz data && vendor/bin/install -r EU/production",
      "mysqldump --password=$DB_PASSWORD shop",
    ])
      expect(app17(`    SPRYKER_HOOK_INSTALL: "${command}"`), command).toEqual([]);
    expect(app17('    SPRYKER_HOOK_INSTALL: "MYSQL_PWD=changeme mysql shop"')).toEqual([
      expect.objectContaining({ code: "secret-placeholder", result: "warn" }),
    ]);
  });
});
