/**
 * PHP read as PHP (issue 21): the shapes a committed secret takes in PHP, the names that are
 * not secrets, APP-16's switches as production runs them, APP-09 with another adapter than S3,
 * and a parse that stays linear and never quotes the source. Own fixtures, shaped like the
 * configuration of Spryker's demo shops.
 */
import { describe, expect, test } from "vitest";
import { loadPhpParser } from "../../src/verify/php-ast.js";
import { loadConfig } from "../../src/verify/php-config.js";
import { isSecretName, isSecretPath } from "../../src/verify/secret-names.js";
import { codes, found, SECRET, shop, verdict } from "../helpers/shop.js";

const CONFIG = "config/Shared/config_default-docker.prod.php";

/** APP-17's findings other than passes when `file` holds `php`; `hidden` is in none of them. */
function app17In(file: string, php: string, hidden: string) {
  const v = verdict("APP-17", { ...shop(), [file]: `<?php\n${php}\n` });
  expect(JSON.stringify(v)).not.toContain(hidden);
  return found(v).filter((f) => f.result !== "pass");
}

function app17(php: string) {
  return app17In(CONFIG, php, SECRET).map((f) => [f.code, f.line, f.result]);
}

describe("APP-17 finds a literal secret in every PHP shape", () => {
  const P = "$config[OauthConstants::PRIVATE_KEY_PASSWORD]";
  const shapes: [string, string][] = [
    ["plain", `${P} = '${SECRET}';`],
    ["double-quoted", `${P} = "${SECRET}";`],
    ["heredoc", `${P} = <<<EOT\n${SECRET}\nEOT;`],
    ["nowdoc", `${P} = <<<'EOT'\n${SECRET}\nEOT;`],
    ["concatenation", `${P} = 's3cr3t' . '-Hunter2-do-not-print';`],
    ["$_ENV ?? literal", `${P} = $_ENV['X'] ?? '${SECRET}';`],
    ["getenv ?: literal", `${P} = getenv('X') ?: '${SECRET}';`],
    ["getenv ? getenv : literal", `${P} = getenv('X') ? getenv('X') : '${SECRET}';`],
    ["cast", `${P} = (string) '${SECRET}';`],
    ["trim()", `${P} = trim(' ${SECRET} ');`],
    ["sprintf()", `${P} = sprintf('%s', '${SECRET}');`],
    ["a variable", `$pw = '${SECRET}';\n${P} = $pw;`],
    ["define()", `define('DB_PASSWORD', '${SECRET}');`],
    ["a constant used", `const SHOP_DB_PW = '${SECRET}';\n${P} = SHOP_DB_PW;`],
    ["??=", `${P} ??= '${SECRET}';`],
    [".=", `${P} = getenv('X');\n${P} .= '${SECRET}';`],
    ["['value' => ...] under a secret key", `${P} = ['value' => '${SECRET}'];`],
    // A value per store (Spryker's store codes): each is the secret (an attack found it passing).
    ["a map by store under a secret key", `${P} = ['DE' => '${SECRET}', 'AT' => getenv('AT')];`],
    ["a map by store, nested", `${P} = ['US' => ['value' => '${SECRET}']];`],
    // Guzzle's `auth` option: [user, password, type].
    ["Guzzle's auth option", `$config[X::HTTP_OPTIONS] = ['auth' => ['shop', '${SECRET}']];`],
    [
      "Guzzle's auth option set by its key",
      `$config[X::HTTP_OPTIONS]['auth'] = ['shop', '${SECRET}'];`,
    ],
    ["a map by store with suffixes", `${P} = ['DE_B2B' => '${SECRET}'];`],
    ["a map by locale", `${P} = ['de_DE' => '${SECRET}'];`],
    ["a secret entry in an array", `$config[X::Y] = ['password' => '${SECRET}'];`],
    ["parenthesised", `${P} = ('${SECRET}');`],
    ["chained", `$config[A::B] = ${P} = '${SECRET}';`],
    ["inside an if", `if (true) {\n  ${P} = '${SECRET}';\n}`],
    ["in a namespace", `namespace Shop;\n${P} = '${SECRET}';`],
    ["base64_decode()", `${P} = base64_decode('czNjcjN0');`],
    ["implode()", `${P} = implode('', ['s3cr3t', '-x']);`],
    ["nested key", `$config[X::Y]['client_secret'] = '${SECRET}';`],
    ["interpolated", `$a = 's3cr3t';\n${P} = "{$a}-Hunter2";`],
    ["a class constant of a secret name", `class C { const API_TOKEN = '${SECRET}'; }`],
    ["UserConfig-style return", `return [['password' => '${SECRET}']];`],
    ["lower-case key", `$config['db_password'] = '${SECRET}';`],
    ["strval()", `${P} = strval('${SECRET}');`],
    // A variable set in one branch and read after it (the third attack found each passing).
    [
      "if / else",
      `if (getenv('APPLICATION_ENV') === 'production') {\n  $pw = '${SECRET}';\n} else {\n  $pw = getenv('DB');\n}\n${P} = $pw;`,
    ],
    [
      "switch",
      `switch (getenv('APPLICATION_ENV')) {\n  case 'production':\n    $pw = '${SECRET}';\n    break;\n  default:\n    $pw = getenv('DB');\n}\n${P} = $pw;`,
    ],
    ["a ternary whose first branch is empty", `${P} = getenv('DEV') ? '' : '${SECRET}';`],
    [
      "an element set in one branch",
      `$d = [];\nif (getenv('X')) {\n  $d[0] = '${SECRET}';\n} else {\n  $d[0] = getenv('DB');\n}\n${P} = $d[0];`,
    ],
    [
      "an element replaced by an array in a branch, read by its entry",
      `$c = [];\n$c['db'] = 'none';\nif (getenv('X')) { $c['db'] = ['u' => 'root', 'p' => '${SECRET}']; }\n${P} = $c['db']['p'];`,
    ],
    [
      "a property set in one branch",
      `$c = new stdClass();\nif (getenv('X')) {\n  $c->value = '${SECRET}';\n} else {\n  $c->value = getenv('DB');\n}\n${P} = $c->value;`,
    ],
  ];
  test.each(shapes)("%s", (_name, php) => {
    const hits = app17(php);
    expect(hits.length, JSON.stringify(hits)).toBeGreaterThan(0);
    expect(hits.every(([, , result]) => result === "fail")).toBe(true);
  });

  test("a literal written in a branch over another replaces it, as PHP runs it", () => {
    // The later literal is the secret, handed to a call golive cannot see.
    expect(
      app17(
        `$pw = 'dev-db-pass';\nif (getenv('APPLICATION_ENV') === 'production') {\n  $pw = '${SECRET}';\n}\n$config[X::DB_PASSWORD] = Crypto::decrypt($pw);`,
      ).map(([, line, result]) => [line, result]),
    ).toEqual([[4, "fail"]]);
  });

  test("a variable set from the environment in every branch, or overwritten outside one, passes", () => {
    expect(
      app17(
        `if (getenv('X')) {\n  $pw = getenv('A');\n} else {\n  $pw = getenv('B');\n}\n$config[X::DB_PASSWORD] = $pw;`,
      ),
    ).toEqual([]);
    expect(app17(`$pw = 'CHANGE_ME';\n$pw = getenv('A');\n$config[X::DB_PASSWORD] = $pw;`)).toEqual(
      [],
    );
  });

  test("the finding points at the literal's line, not the variable's use", () => {
    expect(app17(`$pw = '${SECRET}';\n\n$config[X::DB_PASSWORD] = $pw;`)).toEqual([
      ["secret-config-literal", 2, "fail"],
    ]);
  });

  test("values from the environment, empty and placeholders are not literals", () => {
    expect(
      app17(
        [
          "$config[X::DB_PASSWORD] = getenv('DB_PASSWORD');",
          "$config[X::API_TOKEN] = (string) getenv('T');",
          "$config[X::A_SECRET] = $_ENV['S'] ?? '';",
          "$config[X::B_SECRET] = '';",
          "$config[X::C_SECRET] = trim(getenv('C'));",
          "$config[X::D_SECRET] = getenv('D') . ':' . getenv('E');",
        ].join("\n"),
      ),
    ).toEqual([]);
    expect(app17("$config[X::DB_PASSWORD] = 'CHANGE_ME';")).toEqual([
      ["secret-placeholder", 2, "warn"],
    ]);
    // One finding a line, the worst: a placeholder first does not hide a real secret.
    expect(
      app17(`$config['RABBITMQ'] = ['api_password' => 'CHANGE_ME', 'password' => '${SECRET}'];`),
    ).toEqual([["secret-array-literal", 2, "fail"]]);
  });

  test("a map by store of values from the environment, and auth options without a literal password, pass", () => {
    expect(
      app17(
        [
          "$config[X::API_KEY] = ['DE' => getenv('DE_KEY'), 'AT' => getenv('AT_KEY')];",
          "$config[X::HOST_MAP] = ['DE' => 'www.de.shop.example', 'AT' => 'www.at.shop.example'];",
          "$config[X::HTTP_OPTIONS] = ['auth' => [getenv('HTTP_USER'), getenv('HTTP_PASSWORD')]];",
          "$config[X::CLIENT] = ['auth' => ['engine' => 'basic'], 'timeout' => 5];",
          "$options['auth'] = ['digest'];",
          // Lists under `auth` that are no [user, password]: routes, methods, roles.
          "$config[X::PUBLIC_ROUTES] = ['auth' => ['/login', '/logout']];",
          "$config[X::AUTH_METHODS] = ['auth' => ['basic', 'oauth2']];",
          "$config[X::ROLES] = ['auth' => ['ROLE_USER', 'ROLE_ADMIN']];",
        ].join("\n"),
      ),
    ).toEqual([]);
    expect(app17("$options = [];\n$options['auth'] = ['shop', 'Zq8vRt2mLx7wNp4k'];")).toEqual([
      ["secret-array-literal", 3, "fail"],
    ]);
  });
});

describe("names that are not secrets", () => {
  test.each([
    "PRODUCT_IMAGE_FOLDER_KEY",
    "CustomerPageConstants::URL_PATH_PASSWORD_RESET",
    "urlPasswordReset",
    "PAYONE_CREDENTIALS_ENCODING",
    "TOKEN_URL",
    "PRIVATE_KEY_PATH",
    "PUBLIC_KEY",
    "STORAGE_KEY",
    "PASSWORD_MIN_LENGTH",
    // Where the secret is kept, and words about secrets that hold none.
    "SPRYKER_DB_PASSWORD_SECRET_ARN",
    "PAYMENT_API_KEY_SSM_PARAMETER",
    "SPRYKER_PASSWORDLESS_LOGIN",
    "SPRYKER_CARD_TOKENIZATION",
    // A password policy's parts, and a pattern used as a key (the second attack's).
    "CUSTOMER_PASSWORD_EXPIRATION_PERIOD",
    "CUSTOMER_PASSWORD_DENY_LIST",
    "CUSTOMER_PASSWORD_CHARACTER_SET",
    "PASSWORD_POLICY_HINT",
    "/([?&;]password=)[^&;]+/i",
  ])("%s", (name) => expect(isSecretName(name)).toBe(false));

  test("a name kept by the display rule is answered apart from APP-17's, asked in either order", () => {
    // `!NAME` is a name of its own, not the strict answer's key.
    expect(isSecretName("!SPRYKER_DB_PASSWORD_VAULT")).toBe(false);
    expect(isSecretName("SPRYKER_DB_PASSWORD_VAULT", true)).toBe(true);
    for (const name of ["SPRYKER_DB_PASSWORD_SECRET_ARN", "SPRYKER_CARD_TOKENIZATION"]) {
      expect([isSecretName(name), isSecretName(name, true), isSecretName(name)]).toEqual([
        false,
        true,
        false,
      ]);
    }
  });

  test.each([
    "SPRYKER_DB_PASSWORD",
    "dbPassword",
    "SPRYKER_OAUTH_KEY_PRIVATE",
    "ENCRYPTION_KEY",
    "NEWRELIC_LICENSE",
    "API_KEY",
    "client_secret",
    "PASSWORD_RESET_SECRET",
    "TOKENIZER_SECRET",
    "VAULT_TOKEN",
    "Pyz\\Shared\\DB_PASSWORD",
    // A policy's words after other secret words, and a path of keys (the review's).
    "API_TOKEN_LIST",
    "WEBHOOK_SECRET_SET",
    "API_KEY_ALLOW_LIST",
    "oauth/client_secret",
    "vault/db/password",
  ])("%s is one", (name) => expect(isSecretName(name)).toBe(true));

  test("docker.newrelic.license is a secret path", () => {
    expect(isSecretPath(["docker", "newrelic", "license"])).toBe(true);
    expect(isSecretPath(["composer", "license"])).toBe(false);
  });

  test("a sort's 'key' entry is not a secret; a key beside a secret is", () => {
    expect(app17("$config[X::SORT] = [['key' => 'name', 'direction' => 'asc']];")).toEqual([]);
    // One finding a line: the key and the secret stand on the same one.
    expect(app17(`$config[X::S3] = [\n'key' => 'AKIAEXAMPLE',\n'secret' => '${SECRET}'];`)).toEqual(
      [
        ["secret-array-literal", 3, "fail"],
        ["secret-array-literal", 4, "fail"],
      ],
    );
  });

  test("a New Relic license in the production deploy file fails", () => {
    const files = shop();
    files["deploy.shop-prod.yml"] =
      `${files["deploy.shop-prod.yml"] as string}\ndocker:\n  newrelic:\n    license: ${SECRET}\n`;
    const v = verdict("APP-17", files);
    expect(found(v).map((f) => [f.code, f.subject])).toContainEqual([
      "secret-deploy-literal",
      "docker.newrelic.license",
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
  });
});

describe("APP-16 reads switches as production runs them", () => {
  const app16 = (defaults: string, prod: string) =>
    verdict("APP-16", {
      ...shop(),
      "config/Shared/config_default.php": `<?php\n${defaults}\n`,
      [CONFIG]: `<?php\n${prod}\n`,
    });
  test("DISPLAY_ERRORS is a debug switch", () => {
    const v = app16("", "$config[ErrorHandlerConstants::DISPLAY_ERRORS] = true;");
    expect(codes(v)).toEqual(["config-debug-on"]);
    expect(found(v)[0]).toMatchObject({ file: CONFIG, line: 2 });
  });
  test("on in config_default.php, off in the environment's file loaded later: off", () => {
    const v = app16(
      "$config[ErrorHandlerConstants::DISPLAY_ERRORS] = true;\n$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = true;",
      "$config[ErrorHandlerConstants::DISPLAY_ERRORS] = false;\n$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG]\n    = $config[ShopApplicationConstants::ENABLE_APPLICATION_DEBUG]\n    = (bool)getenv('SPRYKER_DEBUG_ENABLED');",
    );
    expect(codes(v)).toEqual(["config-production-ok"]);
  });
  test("a variable turned on in a branch is on; a ternary of true and false is not read as on", () => {
    for (const on of ["true", "1", "'1'", "'true'"]) {
      const v = app16(
        "",
        `$debug = false;\nif (getenv('X')) { $debug = ${on}; }\n$config[ErrorHandlerConstants::DISPLAY_ERRORS] = $debug;`,
      );
      expect(codes(v), on).toEqual(["config-debug-on"]);
    }
    for (const off of [
      "$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = getenv('APPLICATION_ENV') === 'development' ? true : false;",
      "$debug = true;\nif (getenv('APPLICATION_ENV') === 'production') { $debug = false; }\n$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = $debug;",
    ])
      expect(codes(app16("", off)), off).toEqual(["config-production-ok"]);
  });
  test("an element replaced by an array in a branch keeps its entries: a switch in it is on", () => {
    const v = app16(
      "",
      "$flags = ['prod' => false];\nif (getenv('SPRYKER_STORE')) {\n  $flags['prod'] = [true, true];\n}\n$config[ApplicationConstants::ENABLE_APPLICATION_DEBUG] = $flags['prod'][0];",
    );
    expect(codes(v)).toEqual(["config-debug-on"]);
  });
  test("off first, on later: on", () => {
    const v = app16(
      "$config[ErrorHandlerConstants::DISPLAY_ERRORS] = false;",
      "$config[ErrorHandlerConstants::DISPLAY_ERRORS] = (bool) '1';",
    );
    expect(codes(v)).toEqual(["config-debug-on"]);
  });
});

describe("APP-09 with another adapter than S3", () => {
  test("an FTP filesystem is named, not 'only local'", () => {
    const v = verdict("APP-09", {
      ...shop(),
      "config/Shared/config_default.php": `<?php
$config[FileSystemConstants::FILESYSTEM_SERVICE] = [
    'sitemap' => ['sprykerAdapterClass' => LocalFilesystemBuilderPlugin::class, 'root' => '/'],
    'files' => [
        'sprykerAdapterClass' => FtpFilesystemBuilderPlugin::class,
        'host' => getenv('FTP_HOST'),
    ],
];
`,
    });
    expect(codes(v)).toEqual(["flysystem-not-s3"]);
    expect(found(v)[0]).toMatchObject({ found: "FtpFilesystemBuilderPlugin", line: 5 });
  });
});

describe("a PHP file golive cannot read", () => {
  test("a syntax error is its line and column, never the source text", () => {
    const v = verdict("APP-17", {
      ...shop(),
      [CONFIG]: `<?php\n$config[X::DB_PASSWORD] = '${SECRET}'\n'${SECRET}';\n`,
    });
    // Read as text, the literals under the secret-named key still fail (hostile-php-2.test.ts).
    expect(found(v)).toEqual([
      expect.objectContaining({ code: "secret-unparsed-literal", file: CONFIG, line: 2 }),
      expect.objectContaining({ code: "secret-unparsed-literal", file: CONFIG, line: 3 }),
      expect.objectContaining({ code: "php-unreadable", result: "unknown", file: CONFIG, line: 3 }),
    ]);
    expect(JSON.stringify(v)).not.toContain(SECRET);
    expect(JSON.stringify(v)).not.toContain("Hunter2");
  });

  test("a literal is a finding's subject only as a key: an argument is a value, never shown", () => {
    // `decrypt('Password...')` names no target: its literal is the secret. The statement without
    // its `;` makes the file unreadable as PHP, so the text reader judges it; the finding it
    // makes of the next line (the statement runs on) names code, never the literal.
    const leak = verdict("APP-17", {
      ...shop(),
      [CONFIG]: `<?php\n$config['DB_PASSWORD'] = Pyz\\Secrets::decrypt('Password${SECRET}')\n$config['DB_HOST'] = 'db.prod.internal';\n`,
    });
    expect(JSON.stringify(leak)).not.toContain(SECRET);
    expect(JSON.stringify(leak)).not.toContain("Password");
    // A key computed by a call, or an array in a call, inside the offset still names the target.
    for (const target of ["constant('REDIS_PASSWORD')", "implode('_', ['REDIS', 'PASSWORD'])"]) {
      const key = verdict("APP-17", {
        ...shop(),
        [CONFIG]: `<?php\n$config[${target}] = '${SECRET}'\n$x = 1;\n`,
      });
      expect(JSON.stringify(key)).not.toContain(SECRET);
      expect(found(key)[0], target).toMatchObject({ code: "secret-unparsed-literal", line: 2 });
      expect(found(key)[0]!.subject, target).toMatch(/PASSWORD/);
    }
  });

  test('the quadratic shape of issue 18 (`"key"` x N) is refused at once, and 4 MiB is not parsed', () => {
    const n = Math.floor((4 * 1024 * 1024) / 5);
    const quadratic = `<?php $x = [${'"key"'.repeat(n / 8)} => 1];`;
    let t0 = performance.now();
    expect(codes(verdict("APP-17", { ...shop(), [CONFIG]: quadratic }))).toEqual([
      "php-unreadable",
    ]);
    expect(performance.now() - t0).toBeLessThan(2000);
    const big = `<?php $x = [${"'a',".repeat(n)}];`;
    t0 = performance.now();
    const v = verdict("APP-17", { ...shop(), [CONFIG]: big });
    expect(found(v)[0]).toMatchObject({ code: "php-unreadable", found: "too-large" });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("APP-17 follows a literal through references, defaults, objects and enums", () => {
  const LITERAL = "Zq8vLm2pXw9r";
  const KEY = "$config[\\Spryker\\Shared\\Propel\\PropelConstants::ZED_DB_PASSWORD]";
  const DEFAULT = "config/Shared/config_default.php";
  /** APP-17's findings on config_default.php holding `php` (line 2 on): code, line, result. */
  function findings(php: string) {
    return app17In(DEFAULT, php, LITERAL).map((f) => [f.code, `${f.file}:${f.line}`, f.result]);
  }
  const fails = (line: number, code = "secret-config-literal") => [
    [code, `${DEFAULT}:${line}`, "fail"],
  ];

  describe("a reference ($ref = &$pw)", () => {
    test("read through the reference", () => {
      expect(findings(`$pw = '${LITERAL}';\n$ref = &$pw;\n${KEY} = $ref;`)).toEqual(fails(2));
    });
    test("written through either name after the reference is made", () => {
      expect(findings(`$ref = &$pw;\n$pw = '${LITERAL}';\n${KEY} = $ref;`)).toEqual(fails(3));
      expect(
        findings(`$pw = getenv('X');\n$ref = &$pw;\n$ref = '${LITERAL}';\n${KEY} = $pw;`),
      ).toEqual(fails(4));
    });
    test("$config[...] = &$pw", () => {
      expect(findings(`$pw = '${LITERAL}';\n${KEY} = &$pw;`)).toEqual(fails(2));
    });
    test("the literal replaced through the reference by the environment passes", () => {
      expect(
        findings(`$pw = '${LITERAL}';\n$ref = &$pw;\n$ref = getenv('X');\n${KEY} = $pw;`),
      ).toEqual([]);
    });
    test("a reference made again to another variable reads that one", () => {
      expect(
        findings(
          `$pw = '${LITERAL}';\n$env = getenv('X');\n$ref = &$pw;\n$ref = &$env;\n${KEY} = $ref;`,
        ),
      ).toEqual([]);
    });
    test("unset($ref) ends the reference: a write to $ref after it leaves $pw as it was", () => {
      expect(
        findings(
          `$pw = '${LITERAL}';\n$ref = &$pw;\nunset($ref);\n$ref = getenv('X');\n${KEY} = $pw;`,
        ),
      ).toEqual(fails(2));
      expect(
        findings(`$x = &$a;\n$a = '${LITERAL}';\nunset($a);\n$a = getenv('X');\n${KEY} = $x;`),
      ).toEqual(fails(3));
    });
    test("a reference made in a function body is the body's own", () => {
      expect(
        findings(
          `function f() { $ref = &$pw; }\n$pw = '${LITERAL}';\n$ref = getenv('X');\n${KEY} = $pw;`,
        ),
      ).toEqual(fails(3));
    });
    test("a by-reference parameter: f($pw) of function f(&$x) { $x = '...'; }", () => {
      expect(
        findings(`function fill(&$x) { $x = '${LITERAL}'; }\nfill($pw);\n${KEY} = $pw;`),
      ).toEqual(fails(2));
      const FILL = `function fill(&$x, $v = '${LITERAL}') { $x = $v; }`;
      expect(findings(`${FILL}\nfill($pw);\n${KEY} = $pw;`)).toEqual(fails(2));
      expect(findings(`${FILL}\nfill($pw, getenv('X'));\n${KEY} = $pw;`)).toEqual([]);
    });
    test("a chain of 40 references (and one of 20,000) is followed in one step a read", () => {
      const chain = (n: number) =>
        Array.from({ length: n }, (_, i) => `$r${i + 1} = &$r${i};`).join("\n");
      expect(findings(`$r0 = '${LITERAL}';\n${chain(40)}\n${KEY} = $r40;`)).toEqual(fails(2));
      const t0 = performance.now();
      expect(findings(`$r0 = '${LITERAL}';\n${chain(20_000)}\n${KEY} = $r20000;`)).toEqual(
        fails(2),
      );
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  });

  describe("a function's default argument", () => {
    const FN = `function dbPassword($fallback = '${LITERAL}') { return getenv('DB_PW') ?: $fallback; }`;
    test("called without the argument: the environment falls back to the default", () => {
      expect(findings(`${FN}\n${KEY} = dbPassword();`)).toEqual(fails(2, "secret-config-fallback"));
    });
    test("a default returned as it is, by a function, a method and a closure", () => {
      expect(findings(`function pw($x = '${LITERAL}') { return $x; }\n${KEY} = pw();`)).toEqual(
        fails(2),
      );
      expect(
        findings(
          `class Db {\n  public static function pw($x = '${LITERAL}') { return $x; }\n}\n${KEY} = Db::pw();`,
        ),
      ).toEqual(fails(3));
      expect(findings(`$pw = fn($x = '${LITERAL}') => $x;\n${KEY} = $pw();`)).toEqual(fails(2));
    });
    test("a named argument binds its own parameter, not the default's", () => {
      const two = `function pw($name = 'DB', $fallback = '${LITERAL}') { return getenv($name) ?: $fallback; }`;
      expect(findings(`${two}\n${KEY} = pw(name: 'PW');`)).toEqual(
        fails(2, "secret-config-fallback"),
      );
      expect(findings(`${two}\n${KEY} = pw(fallback: getenv('PW'));`)).toEqual([]);
    });
    test("a parameter is read as unknown, as before: `$x ?: '...'` falls back to the literal", () => {
      expect(
        findings(`function pw($x) { return $x ?: '${LITERAL}'; }\n${KEY} = pw(getenv('X'));`),
      ).toEqual(fails(2, "secret-config-fallback"));
    });
    test("a default overridden by the environment passes", () => {
      expect(findings(`${FN}\n${KEY} = dbPassword(getenv('X'));`)).toEqual([]);
      expect(findings(`${FN}\n${KEY} = dbPassword(...[getenv('X')]);`)).toEqual([]);
    });
    test("a parameter does not leak out of the body: $fallback outside is the file's own", () => {
      expect(findings(`$fallback = getenv('X');\n${FN}\n${KEY} = $fallback;`)).toEqual([]);
    });
    test("a return nested 6,000 deep is bound to a depth, not through the stack", () => {
      const deep = Array.from({ length: 6000 }, () => "$x = [$x];").join("\n");
      expect(
        findings(`function f($p = '${LITERAL}') {\n$x = $p;\n${deep}\nreturn $x; }\n${KEY} = f();`),
      ).toEqual(fails(2));
    });
    test("calls stay linear: 2,000 calls of a function returning 1,000 parameters, 40 functions each calling the one before twice", () => {
      const lines = (n: number, line: (i: number) => string) =>
        Array.from({ length: n }, (_, i) => line(i)).join("\n");
      let t0 = performance.now();
      const wide = `function f($x = 'a') { return [${lines(1000, (i) => `'k${i}' => $x,`)}]; }`;
      expect(findings(`${wide}\n${lines(2000, (i) => `$y${i} = f('v');`)}`)).toEqual([]);
      expect(performance.now() - t0).toBeLessThan(2000);
      t0 = performance.now();
      const doubling = lines(40, (i) => `function f${i + 1}($x) { return f${i}($x) . f${i}($x); }`);
      expect(
        findings(
          `function f0($x = '${LITERAL}') { return trim($x); }\n${doubling}\n${KEY} = f40(f0());`,
        ),
      ).toEqual(fails(2));
      expect(performance.now() - t0).toBeLessThan(2000);
    });
  });

  describe("a property's default, read from an object `new` makes", () => {
    const CREDS = `class Creds { public $pw = '${LITERAL}'; }`;
    test("(new Creds())->pw and $c = new Creds(); $c->pw", () => {
      expect(findings(`${CREDS}\n${KEY} = (new Creds())->pw;`)).toEqual(fails(2));
      expect(findings(`${CREDS}\n$c = new Creds();\n${KEY} = $c->pw;`)).toEqual(fails(2));
      expect(findings(`${CREDS}\n$c = new \\Shop\\CREDS;\n${KEY} = $c->pw;`)).toEqual(fails(2));
    });
    test("read by a method of the class", () => {
      expect(
        findings(
          `class Creds {\n  private $pw = '${LITERAL}';\n  public function get() { return $this->pw; }\n}\n${KEY} = (new Creds())->get();`,
        ),
      ).toEqual(fails(3));
    });
    test("each object is its own: another one's property set from the environment does not hide it", () => {
      expect(
        findings(
          `${CREDS}\n$a = new Creds();\n$a->pw = getenv('X');\n$b = new Creds();\n${KEY} = $b->pw;`,
        ),
      ).toEqual(fails(2));
    });
    test("a property the constructor, or the code after new, sets from the environment passes", () => {
      expect(
        findings(
          `class Creds {\n  public $pw = '${LITERAL}';\n  public function __construct() { $this->pw = getenv('DB_PW'); }\n}\n${KEY} = (new Creds())->pw;`,
        ),
      ).toEqual([]);
      expect(
        findings(
          `class Creds {\n  public $pw;\n  public function __construct($pw) { $this->pw = $pw; }\n}\n${KEY} = (new Creds(getenv('DB_PW')))->pw;`,
        ),
      ).toEqual([]);
      expect(
        findings(`${CREDS}\n$c = new Creds();\n$c->pw = getenv('X');\n${KEY} = $c->pw;`),
      ).toEqual([]);
    });
    test("a setter does not change what new makes", () => {
      expect(
        findings(
          `class Creds {\n  public $pw = '${LITERAL}';\n  public function use() { $this->pw = getenv('X'); }\n}\n${KEY} = (new Creds())->pw;`,
        ),
      ).toEqual(fails(3));
    });
    test("an anonymous class: new class { ... } is an object of its properties too", () => {
      expect(findings(`${KEY} = (new class { public $pw = '${LITERAL}'; })->pw;`)).toEqual(
        fails(2),
      );
      expect(
        findings(
          `$c = new class(getenv('X')) {\n  public function __construct(public string $pw = '${LITERAL}') {}\n};\n${KEY} = $c->pw;`,
        ),
      ).toEqual([]);
    });
    test("a property or a promoted parameter taken from a parent class or a trait", () => {
      const BASE = `class Base { public function __construct(public string $pw = '${LITERAL}') {} }`;
      expect(findings(`${BASE}\nclass Creds extends Base {}\n${KEY} = (new Creds())->pw;`)).toEqual(
        fails(2),
      );
      expect(
        findings(`${BASE}\nclass Creds extends Base {}\n${KEY} = (new Creds(getenv('X')))->pw;`),
      ).toEqual([]);
      expect(
        findings(
          `trait HasPassword {\n  public $pw = '${LITERAL}';\n  public function pw() { return $this->pw; }\n}\nclass Creds { use HasPassword; }\n${KEY} = (new Creds())->pw();`,
        ),
      ).toEqual(fails(3));
      // Forty generations of five properties each: the first one's is found.
      const chain = (n: number) =>
        Array.from(
          { length: n },
          (_, i) =>
            `class C${i + 1} extends C${i} { ${Array.from({ length: 5 }, (_, j) => `public $p${i}_${j} = 'v';`).join(" ")} }`,
        ).join("\n");
      const BASE0 = `class C0 { public $pw = '${LITERAL}'; }`;
      expect(findings(`${BASE0}\n${chain(40)}\n${KEY} = (new C40())->pw;`)).toEqual(fails(2));
      // 2,000 of them: a class takes at most 1,024 properties from its parent, so the cost is
      // linear (the first one's is then out of reach, by that bound).
      const t0 = performance.now();
      findings(`${BASE0}\n${chain(2000)}\n${KEY} = (new C2000())->pw;`);
      expect(performance.now() - t0).toBeLessThan(3000);
      // A class that extends itself, or two that extend each other, end.
      expect(
        findings(
          `class A extends B {}\nclass B extends A { public $pw = '${LITERAL}'; }\n${KEY} = (new A)->pw;`,
        ),
      ).toEqual(fails(3));
    });
    test("new self() and new static() of a factory, new $class, clone", () => {
      const FACTORY = `class Creds {\n  public $pw = '${LITERAL}';\n  public static function make() { return new static(); }\n  public static function one() { return new self(); }\n}`;
      expect(findings(`${FACTORY}\n${KEY} = Creds::make()->pw;`)).toEqual(fails(3));
      expect(findings(`${FACTORY}\n${KEY} = Creds::one()->pw;`)).toEqual(fails(3));
      expect(findings(`${FACTORY}\n$class = 'Creds';\n${KEY} = (new $class())->pw;`)).toEqual(
        fails(3),
      );
      expect(findings(`${FACTORY}\n$a = new Creds();\n$b = clone $a;\n${KEY} = $b->pw;`)).toEqual(
        fails(3),
      );
      expect(
        findings(
          `${FACTORY}\n$a = new Creds();\n$b = clone $a;\n$b->pw = getenv('X');\n${KEY} = $b->pw;`,
        ),
      ).toEqual([]);
    });
    test("an object of a class of the file is still built from its arguments", () => {
      const VAULT = "class Vault {\n  public function __construct(string $key) {}\n}";
      expect(findings(`${VAULT}\n${KEY} = new Vault('${LITERAL}');`)).toEqual(fails(5));
      expect(findings(`${VAULT}\n${KEY} = (new Vault('${LITERAL}'))->password;`)).toEqual(fails(5));
      expect(findings(`${VAULT}\n${KEY} = (new Vault('${LITERAL}'))->read('db');`)).toEqual(
        fails(5),
      );
    });
    test("a class of 1,000 properties made 1,000 times and read stays linear", () => {
      const props = Array.from({ length: 1000 }, (_, i) => `public $p${i} = 'v${i}';`).join("\n");
      const uses = Array.from({ length: 1000 }, (_, i) => `$x${i} = (new Big())->p${i};`).join(
        "\n",
      );
      const t0 = performance.now();
      expect(findings(`class Big {\n${props}\n}\n${uses}`)).toEqual([]);
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  });

  describe("a promoted constructor parameter's default", () => {
    const CREDS = `class Creds { public function __construct(public string $pw = '${LITERAL}') {} }`;
    test("$c = new Creds(); $c->pw, and (new Creds)->pw", () => {
      expect(findings(`${CREDS}\n$c = new Creds();\n${KEY} = $c->pw;`)).toEqual(fails(2));
      expect(findings(`${CREDS}\n${KEY} = (new Creds)->pw;`)).toEqual(fails(2));
    });
    test("readonly, protected and private promotion, on its own line", () => {
      expect(
        findings(
          `final class Creds {\n  public function __construct(\n    private readonly string $user = 'shop',\n    protected readonly string $pw = '${LITERAL}',\n  ) {}\n}\n$c = new Creds('admin');\n${KEY} = $c->pw;`,
        ),
      ).toEqual(fails(5));
    });
    test("an argument from the environment, by position or by name, overrides it: no literal", () => {
      expect(findings(`${CREDS}\n$c = new Creds(getenv('X'));\n${KEY} = $c->pw;`)).toEqual([]);
      expect(findings(`${CREDS}\n$c = new Creds(pw: getenv('X'));\n${KEY} = $c->pw;`)).toEqual([]);
    });
    test("a literal argument is a literal", () => {
      expect(findings(`${CREDS}\n$c = new Creds('Zq8vLm2pXw9r');\n${KEY} = $c->pw;`)).toEqual(
        fails(3),
      );
    });
    test("read by a getter of the class, with the default or the argument new passed", () => {
      const GETTER = `class Creds {\n  public function __construct(private string $pw = '${LITERAL}') {}\n  public function getPw(): string { return $this->pw; }\n}`;
      expect(findings(`${GETTER}\n$c = new Creds();\n${KEY} = $c->getPw();`)).toEqual(fails(3));
      expect(findings(`${GETTER}\n${KEY} = (new Creds(getenv('DB_PW')))->getPw();`)).toEqual([]);
    });
    test("the constructor's body sets after the promotion: getenv there wins", () => {
      expect(
        findings(
          `class Creds {\n  public function __construct(public string $pw = '${LITERAL}') { $this->pw = getenv('X'); }\n}\n${KEY} = (new Creds())->pw;`,
        ),
      ).toEqual([]);
    });
  });

  describe("a backed enum's case", () => {
    test("Secret::DbPassword->value", () => {
      expect(
        findings(
          `enum Secret: string { case DbPassword = '${LITERAL}'; }\n${KEY} = Secret::DbPassword->value;`,
        ),
      ).toEqual(fails(2));
      expect(
        findings(
          `namespace Shop;\nenum Secret: string {\n  case User = 'shop';\n  case DbPassword = '${LITERAL}';\n}\n$case = \\Shop\\Secret::DbPassword;\n${KEY} = $case->value;`,
        ),
      ).toEqual(fails(5));
    });
    test("a case holding a non-secret word passes: a variable's name, a lookup, another key", () => {
      const ENV =
        "enum Env: string {\n  case DbPassword = 'SPRYKER_DB_PASSWORD';\n  case Engine = 'mysql';\n}";
      expect(findings(`${ENV}\n${KEY} = getenv(Env::DbPassword->value);`)).toEqual([]);
      expect(findings(`${ENV}\n${KEY} = $vault->read(Env::Engine->value);`)).toEqual([]);
      expect(
        findings(`${ENV}\n$config[PropelConstants::ZED_DB_ENGINE] = Env::Engine->value;`),
      ).toEqual([]);
    });
    test("an enum of 1,000 cases, each read, stays linear", () => {
      const cases = Array.from({ length: 1000 }, (_, i) => `case C${i} = 'v${i}';`).join("\n");
      const reads = Array.from({ length: 1000 }, (_, i) => `$x${i} = Big::C${i}->value;`).join(
        "\n",
      );
      const t0 = performance.now();
      expect(
        findings(`enum Big: string {\n${cases}\n}\n${reads}\n${KEY} = getenv($x999);`),
      ).toEqual([]);
      expect(performance.now() - t0).toBeLessThan(3000);
    });
  });

  describe("a function or class declared below its use (PHP declares them first)", () => {
    test("a function, a class, an enum and a static method used above their declaration", () => {
      expect(
        findings(
          `${KEY} = dbPassword();\nfunction dbPassword($fallback = '${LITERAL}') { return getenv('DB_PW') ?: $fallback; }`,
        ),
      ).toEqual(fails(3, "secret-config-fallback"));
      expect(
        findings(`$c = new Creds();\n${KEY} = $c->pw;\nclass Creds { public $pw = '${LITERAL}'; }`),
      ).toEqual(fails(4));
      expect(
        findings(
          `namespace Shop;\n${KEY} = Secret::DbPassword->value;\nenum Secret: string { case DbPassword = '${LITERAL}'; }`,
        ),
      ).toEqual(fails(4));
      expect(
        findings(
          `${KEY} = Db::pw();\nclass Db { public static function pw($x = '${LITERAL}') { return $x; } }`,
        ),
      ).toEqual(fails(3));
    });
    test("overridden from the environment it passes; the declaration is read once", async () => {
      expect(
        findings(
          `${KEY} = dbPassword(getenv('X'));\nfunction dbPassword($fallback = '${LITERAL}') { return getenv('DB_PW') ?: $fallback; }`,
        ),
      ).toEqual([]);
      await loadPhpParser();
      const php = `<?php\nconfigure();\nfunction configure() { global $config; $config[X::DEBUG] = true; }\n`;
      const load = loadConfig((p) => (p === DEFAULT ? php : undefined), undefined);
      expect(load.assignments.map((a) => [a.written, a.line])).toEqual([["[X::DEBUG]", 3]]);
    });
  });
});
