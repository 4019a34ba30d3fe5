/**
 * APP-17 on what cloud deploy files import (verify/deploy-imports.ts): each imported template
 * read as the Docker SDK's generator fills it, once for each set of parameters it is imported
 * with, as that deploy file. A literal a parameter put on a line is reported where the
 * importer wrote it; the template's own, on its line.
 */
import type { DeployKind } from "./deploy.js";
import {
  filled,
  importedTemplates,
  type Parameters,
  parameterNames,
  TEMPLATE_FOLDER,
} from "./deploy-imports.js";
import type { Facts } from "./facts.js";
import { isWritten, type SecretHit, yamlLiterals } from "./secret-literals.js";
import { withoutSecrets } from "./secret-names.js";
import { textLines } from "./yaml-lines.js";
import { parseYamlTree, type Tree } from "./yaml-tree.js";

/**
 * A file that may import templates: `imports` in its text, or an escape that may spell it
 * (`"\x69mports"`). Only such a file is parsed for its imports.
 */
const IMPORTS = /mports|\\/;

/** Bytes of filled templates read at most in one run. */
const MAX_READ_BYTES = 2 * 1024 * 1024;

/** A parameter's name left unfilled: `%db_password%`, `%store|upper%`. */
const UNFILLED = /%([A-Za-z_][\w.-]*(?:\|\w+)?)%/g;

export interface ImportedSecrets {
  /** The templates cloud deploy files import: read here, not as templates. */
  imported: Set<string>;
  /** Deploy-named files that hold only `imports:` (no other rule reads them), by kind. */
  roots: Map<string, DeployKind>;
  /** The findings, by the file they are on. */
  byFile: Map<string, SecretHit[]>;
}

/**
 * The secrets in what the cloud deploy files among `kinds` import. `treeOf` parses a deploy
 * file once (and reports one YAML cannot read). `classify` gives a deploy-named file's kind.
 */
export function importedSecrets(
  facts: Facts,
  kinds: ReadonlyMap<string, DeployKind>,
  treeOf: (file: string) => Tree | undefined,
  classify: (file: string) => DeployKind,
): ImportedSecrets {
  const mayImport = (file: string) => IMPORTS.test(facts.text(file) ?? "");
  const roots = new Map<string, DeployKind>();
  for (const file of facts.files) {
    if (kinds.has(file) || file.startsWith(TEMPLATE_FOLDER) || !/deploy[^/]*\.ya?ml$/i.test(file))
      continue;
    // Parsed once, through `treeOf`'s cache, like every deploy file; one YAML cannot read
    // imports nothing, and is no deploy file to report.
    if (!mayImport(file) || !("tree" in facts.deployFile(file))) continue;
    const tree = treeOf(file);
    if (tree?.kind === "map" && tree.entries.has("imports")) roots.set(file, classify(file));
  }
  const cloud = (file: string, kind: DeployKind | undefined) =>
    !file.startsWith(TEMPLATE_FOLDER) && kind !== "local" && kind !== "ci" && kind !== "template";
  const imported = importedTemplates(
    [...kinds, ...roots].filter(([file, kind]) => cloud(file, kind)).map(([file]) => file),
    facts.files,
    (file) => (mayImport(file) ? treeOf(file) : undefined),
  );
  const byFile = new Map<string, SecretHit[]>();
  const add = (hit: SecretHit) => {
    const list = byFile.get(hit.file) ?? [];
    if (list.some((h) => h.line === hit.line && h.subject === hit.subject)) return;
    list.push(hit);
    byFile.set(hit.file, list);
  };
  // Each set of parameters is another text to read: past this many bytes in all, the rest is
  // unknown (a 200 KiB template imported 300 times took 76 s).
  let budget = MAX_READ_BYTES;
  for (const [template, imports] of imported) {
    const raw = facts.text(template);
    if (raw === undefined) continue;
    const rawLines = textLines(raw);
    const read = new Set<string>();
    for (const parameters of imports) {
      // A parameter no import gives stays as written: a name in `%` is a placeholder there.
      const text = filled(raw, parameters, isWritten).replace(UNFILLED, "<$1>");
      if (read.has(text)) continue;
      read.add(text);
      budget -= text.length;
      if (budget < 0) {
        add({ code: "file-unreadable", result: "unknown", file: template, line: 1 });
        break;
      }
      const found: SecretHit[] = [];
      // A template YAML cannot read is reported once, as the file it is.
      const tree = () => parseYamlTree(text).tree ?? treeOf(template);
      yamlLiterals(template, text, false, found, tree);
      for (const hit of found) add(relocated(hit, rawLines, parameters, template));
    }
  }
  return { imported: new Set(imported.keys()), roots, byFile };
}

/** A hit on a line a written parameter filled: at the line where the importer wrote it. */
function relocated(
  hit: SecretHit,
  lines: readonly string[],
  parameters: Parameters,
  template: string,
): SecretHit {
  // The parameters in the line's value: one in its key (`'%k%': ...`) names, writes nothing.
  const body = (lines[hit.line - 1] ?? "").replace(/^\s*(?:-\s+)*/, "");
  const colon = /:(?:\s|$)/.exec(body);
  const value = colon ? body.slice(colon.index) : body;
  // No value a parameter put on the line is shown, nor its upper- or lower-case form.
  const hidden = parameterNames(body).flatMap((name) => {
    const v = parameters.get(name)?.value;
    return v === undefined ? [] : [v, v.toUpperCase(), v.toLowerCase()];
  });
  const subject = withoutSecrets(hit.subject ?? "", hidden);
  for (const name of parameterNames(value)) {
    const given = parameters.get(name);
    if (given === undefined || !isWritten(given.value)) continue;
    return {
      ...hit,
      file: given.file,
      line: given.line,
      subject: withoutSecrets(`parameter ${name} for ${template}: ${subject}`, hidden),
    };
  }
  return { ...hit, subject };
}
