/**
 * APP-17 reads what a cloud deploy file imports (the Docker SDK's `imports:` of templates in
 * config/deploy-templates/) as that deploy file: a literal secret there fails; the importer's
 * `%parameters%` are references.
 */
import { describe, expect, test } from "vitest";
import { importedTemplates, templateFile } from "../../src/verify/deploy-imports.js";
import { verifyRepository } from "../../src/verify/index.js";
import { parseYamlTree } from "../../src/verify/yaml-tree.js";
import { sprykerCatalogue } from "../helpers/catalogue.js";
import { memoryRepo } from "../helpers/repo.js";
import { BEFORE_GO_LIVE, found, SECRET, shop, verdict } from "../helpers/shop.js";

const HEAD = 'version: "1.0"\nnamespace: shop-prod\nenvironment: docker.prod\n';

/** A production deploy file importing as `imports` says, beside the templates given. */
function app17(imports: string, templates: Record<string, string>, name = "deploy.shop-prod.yml") {
  const files: Record<string, string | Uint8Array> = {
    ...shop(),
    [name]: `${HEAD}imports:\n${imports}`,
  };
  for (const [path, text] of Object.entries(templates))
    files[`config/deploy-templates/${path}`] = text;
  const v = verdict("APP-17", files);
  expect(JSON.stringify(v)).not.toContain(SECRET);
  return found(v).filter((f) => f.result !== "pass");
}

const LITERAL = `services:\n  database:\n    password: ${SECRET}\n`;

describe("a template a production deploy file imports", () => {
  test("by name, by `template:`, as a list item, and through another template: its literal fails", () => {
    const expected = (file: string) => [
      expect.objectContaining({
        code: "secret-deploy-literal",
        result: "fail",
        file: `config/deploy-templates/${file}`,
        line: 3,
        subject: "services.database.password",
      }),
    ];
    expect(app17("  secrets.yml:\n", { "secrets.yml": LITERAL })).toEqual(expected("secrets.yml"));
    expect(app17("  db:\n    template: db.yml\n", { "db.yml": LITERAL })).toEqual(
      expected("db.yml"),
    );
    expect(app17("  - template: db.yml\n", { "db.yml": LITERAL })).toEqual(expected("db.yml"));
    expect(
      app17("  base:\n    template: base.yml\n    parameters:\n      env: prod\n", {
        "base.yml": "imports:\n  env/%env%/services.yml:\n",
        "env/prod/services.yml": LITERAL,
        "env/dev/services.yml": LITERAL.replace("database", "broker"),
      }),
    ).toEqual(expected("env/prod/services.yml"));
  });

  test("the importer's parameters are references: in a value, in a URL's password (secretlint's rules too)", async () => {
    const template =
      "services:\n  database:\n    password: '%db_password%'\n  broker:\n    url: amqp://shop:%broker_password%@broker:5672/shop\n  search:\n    url: mysql://shop:%db_password%@db/shop\n    backup: mysql://shop:%db_password|lower%@db/backup\n";
    const files = {
      ...shop(),
      "deploy.shop-prod.yml": `${HEAD}imports:\n  services.yml:\n    parameters:\n      db_password: '\${DB_PASSWORD}'\n      broker_password: '%env(BROKER_PASSWORD)%'\n`,
      "config/deploy-templates/services.yml": template,
    };
    const item = sprykerCatalogue().items.find((i) => i.id === "APP-17")!;
    // With secretlint, as a real run: its connection rules read `%db_password%` as a password.
    const [v] = await verifyRepository([item], memoryRepo(files), BEFORE_GO_LIVE);
    expect(found(v!).filter((f) => f.result !== "pass")).toEqual([]);
  });

  test("a parameter the importer writes as a literal fails in the importer", () => {
    const imports = `  base:\n    template: base.yml\n    parameters:\n      db_password: ${SECRET}\n`;
    expect(
      app17(imports, { "base.yml": "services:\n  database:\n    password: '%db_password%'\n" }),
    ).toEqual([expect.objectContaining({ file: "deploy.shop-prod.yml", line: 8, result: "fail" })]);
  });

  test("a template only a local deploy file imports, or none, is not production's", () => {
    const local = `version: "1.0"\nnamespace: shop\nenvironment: docker.dev\nimports:\n  secrets.yml:\n`;
    const files = {
      ...shop(),
      "deploy.dev.yml": local,
      "config/deploy-templates/secrets.yml": LITERAL,
      "config/deploy-templates/unused.yml": LITERAL,
    };
    expect(found(verdict("APP-17", files)).filter((f) => f.result === "fail")).toEqual([]);
  });

  test("a name is the folder's path joined with it: one that leaves the repository imports nothing", () => {
    const files = new Set(["config/Shared/x.yml", "config/deploy-templates/a/b.yml"]);
    for (const name of ["../../../x.yml", "/etc/passwd", "a/../../../../x.yml"])
      expect(templateFile(name, files), name).toBeUndefined();
    // Out of the folder but in the repository: the SDK reads it too.
    expect(templateFile("../../config/Shared/x.yml", files)).toBe("config/Shared/x.yml");
    for (const name of ["./a/b.yml", "././a/b.yml", "a//b.yml", "a/./b.yml", "c/../a/b.yml"])
      expect(templateFile(name, files), name).toBe("config/deploy-templates/a/b.yml");
    // A parameter nobody gives stays as written: no file has that name.
    expect(templateFile("%env%/b.yml", files)).toBeUndefined();
  });

  test("templates that import themselves end: with other parameters each time, every template counts", () => {
    // loop.yml imports itself 12 times, each adding a parameter of its own: every subset of
    // the 12 is another set of parameters, 4,096 of them, if followed without a bound.
    const loop = `imports:\n${Array.from(
      { length: 12 },
      (_, i) => `  k${i}:\n    template: loop.yml\n    parameters:\n      p${i}: x\n`,
    ).join("")}`;
    const files = ["config/deploy-templates/loop.yml", "config/deploy-templates/other.yml"];
    const trees = new Map([
      ["deploy.shop-prod.yml", parseYamlTree(`${HEAD}imports:\n  loop.yml:\n`).tree],
      ["config/deploy-templates/loop.yml", parseYamlTree(loop).tree],
    ]);
    const started = performance.now();
    const imported = importedTemplates(["deploy.shop-prod.yml"], files, (f) => trees.get(f));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect([...imported.keys()].sort()).toEqual(files);
    // A plain cycle ends at once, with only what it imports.
    trees.set("config/deploy-templates/loop.yml", parseYamlTree("imports:\n  loop.yml:\n").tree);
    expect([
      ...importedTemplates(["deploy.shop-prod.yml"], files, (f) => trees.get(f)).keys(),
    ]).toEqual(["config/deploy-templates/loop.yml"]);
  });
});

describe("the import shapes of an attack on the first version", () => {
  const FAIL = (file: string, line: number) => [
    expect.objectContaining({ code: "secret-deploy-literal", result: "fail", file, line }),
  ];

  test("the SDK's forms: a file that only imports, a quoted or escaped key, `?` in a template's name, `template` among the parameters", () => {
    const only = {
      ...shop(),
      "deploy.shop-prod.yml": "version: '0.1'\nimports:\n  base.yml:\n",
      "config/deploy-templates/base.yml": LITERAL,
    };
    expect(found(verdict("APP-17", only)).filter((f) => f.result !== "pass")).toEqual(
      FAIL("config/deploy-templates/base.yml", 3),
    );
    for (const key of ['"imports"', "'imports'", '"\\x69mports"', "!!str imports"]) {
      const files = {
        ...shop(),
        "deploy.shop-prod.yml": `${HEAD}${key}:\n  db.yml:\n`,
        "config/deploy-templates/db.yml": LITERAL,
      };
      expect(
        found(verdict("APP-17", files)).filter((f) => f.result !== "pass"),
        key,
      ).toEqual(FAIL("config/deploy-templates/db.yml", 3));
    }
    expect(
      app17("  a.yml:\n", { "a.yml": "imports:\n  'x?db.yml':\n", "db.yml": LITERAL }),
    ).toEqual(FAIL("config/deploy-templates/db.yml", 3));
    expect(
      app17("  a.yml:\n    parameters:\n      template: db.yml\n", {
        "a.yml": "services: {}\n",
        "db.yml": LITERAL,
      }),
    ).toEqual(FAIL("config/deploy-templates/db.yml", 3));
  });

  test("parameters as the SDK reads them: dotted names, filters, a literal beside a parameter", () => {
    // A dotted parameter is one (`%([^%\s]+)%`): a reference.
    expect(
      app17("  db.yml:\n    parameters:\n      db.password: '${DB_PW}'\n", {
        "db.yml":
          "services:\n  database:\n    password: '%db.password%'\n    url: mysql://shop:%db.password%@db/shop\n",
      }),
    ).toEqual([]);
    // A name filled from a dotted parameter with a filter.
    expect(
      app17("  a.yml:\n    parameters:\n      stage.name: PROD\n", {
        "a.yml": "imports:\n  '%stage.name|lower%-db.yml':\n",
        "prod-db.yml": LITERAL,
      }),
    ).toEqual(FAIL("config/deploy-templates/prod-db.yml", 3));
    // A literal with a parameter beside it, or a `%` that is no parameter, is written.
    for (const value of [`'${SECRET}-%store%'`, `'Zq8v%R3%${SECRET}'`])
      expect(
        app17("  db.yml:\n", { "db.yml": `services:\n  database:\n    password: ${value}\n` }),
        value,
      ).toEqual(FAIL("config/deploy-templates/db.yml", 3));
  });

  test("a parameter in the root's own import names is not filled: no template matches it", () => {
    const files = {
      ...shop(),
      "deploy.shop-prod.yml": `${HEAD}imports:\n  '%region%.yml':\n`,
      "deploy.dev.yml": `version: "1.0"\nnamespace: shop\nenvironment: docker.dev\nimports:\n  dev.yml:\n`,
      "config/deploy-templates/dev.yml": LITERAL,
    };
    expect(found(verdict("APP-17", files)).filter((f) => f.result === "fail")).toEqual([]);
  });

  test("a chain deeper than the walk follows counts every template: failed, not passed", () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 40; i++) chain[`t${i}.yml`] = `imports:\n  t${i + 1}.yml:\n`;
    chain["t40.yml"] = LITERAL;
    expect(app17("  t0.yml:\n", chain)).toEqual(FAIL("config/deploy-templates/t40.yml", 3));
  });

  test("an importing file YAML cannot read is unknown for APP-17, with its place", () => {
    const files = {
      ...shop(),
      "deploy.shop-prod.yml": `${HEAD}imports:\n  db.yml:\nnamespace: again\n`,
      "config/deploy-templates/db.yml": LITERAL,
    };
    const v = verdict("APP-17", files);
    expect(v.result).toBe("unknown");
    expect(found(v).filter((f) => f.result !== "pass")).toEqual([
      expect.objectContaining({ code: "deploy-invalid", file: "deploy.shop-prod.yml", line: 6 }),
    ]);
  });

  test("crafted names, parameter floods and thousands of templates end in time", () => {
    // Twelve unknown parameters in one name, beside a long template name (backtracking).
    const many = Object.fromEntries(
      Array.from({ length: 2_000 }, (_, i) => [`t${i}-${"x".repeat(40)}.yaml`, "services: {}\n"]),
    );
    const started = performance.now();
    expect(app17(`  '${"%a%".repeat(12)}.yml':\n`, many)).toEqual([]);
    // 20,000 parameters given to a template that imports 200 others.
    const flood = Array.from({ length: 20_000 }, (_, i) => `      p${i}: v\n`).join("");
    const fan = Object.fromEntries(
      Array.from({ length: 200 }, (_, i) => [`f${i}.yml`, "services: {}\n"]),
    );
    fan["a.yml"] = `imports:\n${Array.from({ length: 200 }, (_, i) => `  f${i}.yml:\n`).join("")}`;
    expect(app17(`  a.yml:\n    parameters:\n${flood}`, fan)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe("a literal an importer passes into a template's secret", () => {
  test("fails where the importer wrote it: a parameter of any name, through a template, in a URL", () => {
    expect(
      app17(`  db.yml:\n    parameters:\n      value: ${SECRET}\n`, {
        "db.yml": "services:\n  database:\n    password: '%value%'\n",
      }),
    ).toEqual([
      expect.objectContaining({
        code: "secret-deploy-literal",
        result: "fail",
        file: "deploy.shop-prod.yml",
        line: 7,
        subject: "parameter value for config/deploy-templates/db.yml: services.database.password",
      }),
    ]);
    expect(
      app17("  a.yml:\n", {
        "a.yml": `imports:\n  db.yml:\n    parameters:\n      mysql_pw: '${SECRET}'\n`,
        "db.yml": "services:\n  database:\n    password: '%mysql_pw%'\n",
      }),
    ).toEqual([
      expect.objectContaining({ file: "config/deploy-templates/a.yml", line: 4, result: "fail" }),
    ]);
    expect(
      app17(`  db.yml:\n    parameters:\n      dbp: '${SECRET}'\n`, {
        "db.yml": "image:\n  environment:\n    DATABASE_URL: 'mysql://shop:%dbp%@db/shop'\n",
      }),
    ).toEqual([expect.objectContaining({ file: "deploy.shop-prod.yml", line: 7, result: "fail" })]);
  });

  test("a key an import names a secret makes the template's literal under it fail", () => {
    expect(
      app17("  env.yml:\n    parameters:\n      k: SPRYKER_DB_PASSWORD\n", {
        "env.yml": `image:\n  environment:\n    '%k%': '${SECRET}'\n    '%k%_HINT': '%k%'\n`,
      }),
    ).toEqual([
      expect.objectContaining({
        code: "secret-deploy-literal",
        result: "fail",
        file: "config/deploy-templates/env.yml",
        line: 3,
        // A key a parameter wrote is withheld like the parameter's value: it may be one.
        subject: "(looks like a credential: not shown)",
      }),
    ]);
  });

  test("a reference passed in passes; a value passed into no secret passes", () => {
    const template = "services:\n  database:\n    password: '%value%'\n    host: '%host%'\n";
    expect(
      app17(
        "  db.yml:\n    parameters:\n      value: '${DB_PASSWORD}'\n      host: db.internal\n",
        {
          "db.yml": template,
        },
      ),
    ).toEqual([]);
  });
});

describe("the second attack's shapes", () => {
  const at = (file: string, line: number, result = "fail") => [
    expect.objectContaining({ file, line, result }),
  ];
  const passing = (name: string, value = SECRET) =>
    `  t.yml:\n    parameters:\n      ${name}: '${value}'\n`;

  test("a literal passed into a key, a command, ?auth=, JSON: fails on the importer's line", () => {
    for (const template of [
      "image:\n  environment:\n    '%name%': '%value%'\n",
      "image:\n  environment:\n    SPRYKER_HOOK_INSTALL: 'MYSQL_PWD=%value% mysql -u shop shop'\n",
      "image:\n  environment:\n    SPRYKER_REDIS_DSN: 'redis://redis:6379?auth=%value%'\n",
      `image:\n  environment:\n    SPRYKER_OAUTH_CLIENT_CONFIGURATION: '[{"identifier":"fe","secret":"%value%"}]'\n`,
    ]) {
      const imports = `  t.yml:\n    parameters:\n      name: SPRYKER_DB_PASSWORD\n      value: '${SECRET}'\n`;
      expect(app17(imports, { "t.yml": template }), template).toEqual(
        at("deploy.shop-prod.yml", 8),
      );
    }
  });

  test("a placeholder on the importer's line hides no literal beside it", () => {
    const imports = `  t.yml: { parameters: { a: 'CHANGE_ME', b: '${SECRET}' } }\n`;
    const template =
      "image:\n  environment:\n    SPRYKER_BROKER_PASSWORD: '%a%'\n    SPRYKER_DB_PASSWORD: '%b%'\n";
    expect(app17(imports, { "t.yml": template }).map((f) => f.result)).toContain("fail");
  });

  test("past a bound, a passed literal is not taken for a reference", () => {
    const many = Array.from({ length: 1_001 }, (_, i) => `      p${i}: v${i}\n`).join("");
    const imports = `${passing("value")}  g.yml:\n    parameters:\n${many}`;
    const found = app17(imports, {
      "t.yml": "image:\n  environment:\n    SPRYKER_DB_PASSWORD: '%value%'\n",
      "g.yml": "services: {}\n",
    });
    expect(found.map((f) => f.result)).toContain("fail");
  });

  test("names the generator reads: a list item by its template parameter, x?a?b, template: 'x?t.yml'", () => {
    const tpl = { "t.yml": LITERAL };
    expect(
      app17("  b.yml:\n", {
        ...tpl,
        "b.yml": "imports:\n  - parameters:\n      template: t.yml\n",
      }),
    ).toEqual(at("config/deploy-templates/t.yml", 3));
    expect(
      app17("  b.yml:\n", { ...tpl, "b.yml": "imports:\n  x?t.yml?other.yml:\n", "other.yml": "" }),
    ).toEqual(at("config/deploy-templates/t.yml", 3));
    expect(
      app17("  b.yml:\n", { ...tpl, "b.yml": "imports:\n  db:\n    template: 'x?t.yml'\n" }),
    ).toEqual(at("config/deploy-templates/t.yml", 3));
    // The root's own name must be a template: the SDK imports nothing for a missing one.
    expect(app17("  missing.yml:\n    parameters:\n      template: t.yml\n", tpl)).toEqual([]);
  });

  test("a file that only imports, written as a flow mapping or with !!str", () => {
    for (const root of ["{imports: {db.yml: }}\n", "!!str imports:\n  db.yml:\n"]) {
      const files = {
        ...shop(),
        "deploy.shop-prod.yml": root,
        "config/deploy-templates/db.yml": LITERAL,
      };
      expect(
        found(verdict("APP-17", files)).filter((f) => f.result === "fail"),
        root,
      ).toEqual(at("config/deploy-templates/db.yml", 3));
    }
  });

  test("references stay references: two parameters in a URL, text beside a parameter", () => {
    expect(
      app17(
        "  t.yml:\n    parameters:\n      a: '${DB_PW_A}'\n      b: '${DB_PW_B}'\n      token: '%env(API_TOKEN)%'\n",
        {
          "t.yml": "image:\n  environment:\n    SPRYKER_API_TOKEN: 'Bearer %token%'\n",
        },
      ),
    ).toEqual([]);
  });

  test("a literal forwarded through a template fails where it was first written", () => {
    expect(
      app17(passing("value"), {
        "t.yml": "imports:\n  b.yml:\n    parameters:\n      pw: '%value%'\n",
        "b.yml": "services:\n  database:\n    root:\n      password: '%pw%'\n",
      }),
    ).toEqual(at("deploy.shop-prod.yml", 7));
  });

  test("a parameter nobody gives is a placeholder; a password in % signs is written", () => {
    expect(
      app17("  t.yml:\n", { "t.yml": "services:\n  database:\n    password: '%db_password%'\n" }),
    ).toEqual(at("config/deploy-templates/t.yml", 3, "warn"));
    expect(
      app17("  t.yml:\n", { "t.yml": "services:\n  database:\n    password: '%K9#mQ2$vL!xR7%'\n" }),
    ).toEqual(at("config/deploy-templates/t.yml", 3));
  });

  test("a template named like a deploy file is no deploy file of its own", () => {
    const files = {
      ...shop(),
      "deploy.dev.yml": `version: "0.1"\nnamespace: shop\nenvironment: docker.dev\nimports:\n  deploy.base.yml:\n    parameters: { db_password: '%env(DB_PW)%' }\n`,
      "config/deploy-templates/deploy.base.yml": `version: "0.1"\nservices:\n  database:\n    root:\n      password: '%db_password%'\n`,
    };
    expect(found(verdict("APP-17", files)).filter((f) => f.result === "fail")).toEqual([]);
  });

  test("a value that fills itself, and large parameters on many imports, end in time", () => {
    const started = performance.now();
    expect(
      app17("  self.yml:\n    parameters: { x: abcdefghabcdefghabcdefghabcdefgh }\n", {
        "self.yml": "imports:\n  self.yml:\n    parameters: { x: '%x%%x%' }\n",
      }),
    ).toEqual([]);
    const big = Array.from({ length: 500 }, (_, i) => `      p${i}: '${"v".repeat(400)}'\n`).join(
      "",
    );
    const fan = `imports:\n${Array.from({ length: 990 }, (_, i) => `  x${i}: {template: b.yml, parameters: {n: '${i}'}}\n`).join("")}`;
    expect(
      app17(`  a.yml:\n    parameters:\n${big}`, { "a.yml": fan, "b.yml": "namespace: shop\n" }),
    ).toEqual([]);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe("the third attack's shapes", () => {
  test("a value that closes the template's quotes or breaks its line is still a literal", () => {
    for (const [value, template] of [
      [`"$DB_PASSWORD' #'${SECRET}"`, "services:\n  database:\n    password: '%a%'\n"],
      [`'$DB_PASSWORD" #"${SECRET}'`, 'services:\n  database:\n    password: "%a%"\n'],
      [`"$DB_PASSWORD'\\n    x: '${SECRET}"`, "services:\n  database:\n    password: '%a%'\n"],
    ]) {
      const found = app17(`  db.yml:\n    parameters:\n      a: ${value}\n`, {
        "db.yml": template!,
      });
      expect(found, value).toEqual([
        expect.objectContaining({ file: "deploy.shop-prod.yml", line: 7, result: "fail" }),
      ]);
    }
    // A reference with a quote in it stays one.
    expect(
      app17(`  db.yml:\n    parameters:\n      a: "\${DB_'PW}"\n`, {
        "db.yml": "services:\n  database:\n    password: '%a%'\n",
      }).filter((f) => f.result === "fail"),
    ).toEqual([]);
  });

  test("a name that leaves the folder but not the repository is read, as the SDK reads it", () => {
    const files = {
      ...shop(),
      "deploy.shop-prod.yml": `${HEAD}imports:\n  ../deploy-common/db.yml:\n`,
      "config/deploy-common/db.yml": LITERAL,
    };
    expect(found(verdict("APP-17", files)).filter((f) => f.result === "fail")).toEqual([
      expect.objectContaining({ file: "config/deploy-common/db.yml", line: 3 }),
    ]);
  });

  test("no value a parameter put in a key is shown, in any case", () => {
    const found = app17(`  db.yml:\n    parameters:\n      a: '${SECRET}'\n`, {
      "db.yml": "secrets:\n  '%a|upper%': '%a%'\n  '%a|lower%': x\n",
    });
    const text = JSON.stringify(found);
    for (const form of [SECRET, SECRET.toUpperCase(), SECRET.toLowerCase()])
      expect(text).not.toContain(form);
    expect(found.map((f) => f.result)).toContain("fail");
  });

  test("a large template imported many times is read within a budget, then unknown", () => {
    // 62 KiB read 40 times with other parameters: past the 2 MiB read in all.
    const lines = Array.from({ length: 2_500 }, (_, i) => `  s${i}:\n    engine: '%n%'\n`).join("");
    const imports = Array.from(
      { length: 40 },
      (_, i) => `  t${i}:\n    template: db.yml\n    parameters:\n      n: 'h${i}'\n`,
    ).join("");
    const found = app17(imports, { "db.yml": `services:\n${lines}` });
    expect(found).toEqual([
      expect.objectContaining({
        code: "file-unreadable",
        result: "unknown",
        file: "config/deploy-templates/db.yml",
      }),
    ]);
  });
});
