/**
 * APP-17 reads what a cloud deploy file imports (the Docker SDK's `imports:` of templates in
 * config/deploy-templates/) as that deploy file: a literal secret there fails; the importer's
 * `%parameters%` are references.
 */
import { describe, expect, test } from "vitest";
import { importedTemplates, templateFiles } from "../../src/verify/deploy-imports.js";
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
      "deploy.shop-prod.yml": `${HEAD}imports:\n  services.yml:\n`,
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

  test("a name that leaves the templates' folder imports nothing", () => {
    for (const name of ["../../config/Shared/x.yml", "/etc/passwd", "a//b.yml", "./../x.yml"])
      expect(
        templateFiles(name, ["config/Shared/x.yml", "config/deploy-templates/a/b.yml"]),
      ).toEqual([]);
    expect(templateFiles("./a/b.yml", ["config/deploy-templates/a/b.yml"])).toEqual([
      "config/deploy-templates/a/b.yml",
    ]);
    // A parameter nobody gives stands for one folder's names, not for deeper paths.
    expect(
      templateFiles("env/%env%/x.yml", [
        "config/deploy-templates/env/prod/x.yml",
        "config/deploy-templates/env/a/b/x.yml",
      ]),
    ).toEqual(["config/deploy-templates/env/prod/x.yml"]);
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
    expect([...imported].sort()).toEqual(files);
    // A plain cycle ends at once, with only what it imports.
    trees.set("config/deploy-templates/loop.yml", parseYamlTree("imports:\n  loop.yml:\n").tree);
    expect([...importedTemplates(["deploy.shop-prod.yml"], files, (f) => trees.get(f))]).toEqual([
      "config/deploy-templates/loop.yml",
    ]);
  });
});
