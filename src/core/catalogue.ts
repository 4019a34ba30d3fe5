/**
 * Semantic rules over a schema-valid catalogue, and the lookups every command needs.
 * Pure: the file was read and parsed elsewhere.
 */
import type {
  CatalogueBase,
  CatalogueFile,
  CatalogueItem,
  CatalogueSource,
  Category,
  Phase,
  Question,
} from "../schema/catalogue.js";
import { idKey } from "./ids.js";

/** A rule broken by a catalogue, with the path of the offending field. */
export interface CatalogueFinding {
  code:
    | "duplicate-id"
    | "malformed-id"
    | "unknown-phase"
    | "unknown-category"
    | "window-order"
    | "duplicate-phase"
    | "duplicate-category"
    | "duplicate-question"
    | "unknown-question"
    | "unknown-answer"
    | "unknown-override"
    | "empty";
  path: (string | number)[];
  message: string;
}

export interface Catalogue {
  readonly file: CatalogueFile;
  readonly items: readonly CatalogueItem[];
  readonly phases: readonly Phase[];
  readonly categories: readonly Category[];
  readonly questions: readonly Question[];
  /** The catalogues this one extends, merged in (empty when it extends none). */
  readonly bases: readonly CatalogueBase[];
  /** Item by normalised ID key (see `idKey`), aliases included. */
  readonly byKey: ReadonlyMap<string, CatalogueItem>;
  readonly phaseById: ReadonlyMap<string, Phase>;
  readonly categoryById: ReadonlyMap<string, Category>;
}

/** The opening and due offsets of an item: its phase's, unless the item overrides them. */
export function itemOffsets(item: CatalogueItem, phase: Phase): { opens: number; due: number } {
  const due = item.due ?? phase.due;
  // An item that only moves its due date earlier opens no later than it is due.
  const opens = item.opens ?? Math.min(phase.opens, due);
  return { opens, due };
}

export function checkCatalogue(file: CatalogueFile): CatalogueFinding[] {
  const findings: CatalogueFinding[] = [];
  const phaseIds = new Set<string>();
  file.phases.forEach((phase, i) => {
    if (phaseIds.has(phase.id)) {
      findings.push({
        code: "duplicate-phase",
        path: ["phases", i, "id"],
        message: `phase "${phase.id}" is defined twice`,
      });
    }
    phaseIds.add(phase.id);
    if (phase.opens > phase.due) {
      findings.push({
        code: "window-order",
        path: ["phases", i],
        message: `phase "${phase.id}" opens (T${signed(phase.opens)}) after it is due (T${signed(phase.due)})`,
      });
    }
  });
  const categoryIds = new Set<string>();
  file.categories.forEach((category, i) => {
    if (categoryIds.has(category.id)) {
      findings.push({
        code: "duplicate-category",
        path: ["categories", i, "id"],
        message: `category "${category.id}" is defined twice`,
      });
    }
    categoryIds.add(category.id);
  });
  const questions = new Map<string, Question>();
  (file.questions ?? []).forEach((question, i) => {
    if (questions.has(question.id)) {
      findings.push({
        code: "duplicate-question",
        path: ["questions", i, "id"],
        message: `question "${question.id}" is asked twice`,
      });
    }
    questions.set(question.id, question);
    if (!question.answers.includes(question.default)) {
      findings.push({
        code: "unknown-answer",
        path: ["questions", i, "default"],
        message: `the default "${question.default}" is not one of the answers (${question.answers.join(", ")})`,
      });
    }
  });
  // By normalised key: which item (by index) holds the name. Two items with the very same ID
  // clash like an ID and another item's alias do.
  const seen = new Map<string, number>();
  file.items.forEach((item, i) => {
    const names: [string, (string | number)[]][] = [[item.id, ["items", i, "id"]]];
    item.aliases?.forEach((alias, j) => {
      names.push([alias, ["items", i, "aliases", j]]);
    });
    for (const [name, path] of names) {
      const key = idKey(name);
      if (key === undefined) {
        findings.push({
          code: "malformed-id",
          path,
          message: `ID "${name}" cannot be typed on the command line (at most 9 digits after the dash)`,
        });
        continue;
      }
      const owner = seen.get(key);
      // An alias may differ from its own item's ID only in zero-padding (GEN-8 for GEN-08).
      if (owner !== undefined && owner !== i) {
        findings.push({
          code: "duplicate-id",
          path,
          message: `ID "${name}" is already used by ${file.items[owner]!.id}`,
        });
      } else {
        seen.set(key, i);
      }
    }
    const phase = file.phases.find((p) => p.id === item.phase);
    if (!phase) {
      findings.push({
        code: "unknown-phase",
        path: ["items", i, "phase"],
        message: `unknown phase "${item.phase}" (expected one of: ${[...phaseIds].join(", ")})`,
      });
    } else {
      const { opens, due } = itemOffsets(item, phase);
      if (opens > due) {
        findings.push({
          code: "window-order",
          path: ["items", i],
          message: `item ${item.id} opens (T${signed(opens)}) after it is due (T${signed(due)})`,
        });
      }
    }
    for (const [id, wanted] of Object.entries(item.appliesWhen ?? {})) {
      const question = questions.get(id);
      if (!question) {
        findings.push({
          code: "unknown-question",
          path: ["items", i, "appliesWhen", id],
          message: `unknown question "${id}" (expected one of: ${[...questions.keys()].join(", ") || "none: the catalogue asks no question"})`,
        });
        continue;
      }
      for (const answer of typeof wanted === "string" ? [wanted] : wanted) {
        if (!question.answers.includes(answer)) {
          findings.push({
            code: "unknown-answer",
            path: ["items", i, "appliesWhen", id],
            message: `"${answer}" is not an answer to ${id} (expected one of: ${question.answers.join(", ")})`,
          });
        }
      }
    }
    if (!categoryIds.has(item.category)) {
      findings.push({
        code: "unknown-category",
        path: ["items", i, "category"],
        message: `unknown category "${item.category}" (expected one of: ${[...categoryIds].join(", ")})`,
      });
    }
  });
  return findings;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : `${n}`;
}

/** Builds the lookups; call only on a catalogue that `checkCatalogue` accepted. */
export function indexCatalogue(file: CatalogueFile): Catalogue {
  const byKey = new Map<string, CatalogueItem>();
  for (const item of file.items) {
    for (const name of [item.id, ...(item.aliases ?? [])]) {
      const key = idKey(name);
      if (key !== undefined) byKey.set(key, item);
    }
  }
  return {
    file,
    items: file.items,
    phases: file.phases,
    categories: file.categories,
    questions: file.questions ?? [],
    bases: file.bases ?? [],
    byKey,
    phaseById: new Map(file.phases.map((p) => [p.id, p])),
    categoryById: new Map(file.categories.map((c) => [c.id, c])),
  };
}

/** A catalogue this one extends, already merged and checked, and how `extends` named it. */
export interface BaseCatalogue {
  ref: string;
  file: CatalogueFile;
}

/**
 * Merges a catalogue's own lists onto the catalogues it extends, applies its overrides, and
 * checks the result. Every finding's path points into the extending file: an inherited item
 * that breaks a rule after its override is found under `overrides`.
 */
export function mergeCatalogue(
  own: CatalogueSource,
  bases: readonly BaseCatalogue[],
): { file: CatalogueFile; findings: CatalogueFinding[] } {
  const findings: CatalogueFinding[] = [];
  const firstById = <T extends { id: string }>(lists: readonly (readonly T[])[]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists)
      for (const entry of list) if (!seen.has(entry.id)) seen.set(entry.id, entry);
    return [...seen.values()];
  };
  // A catalogue reached twice (two bases extending one) gives its lists once.
  const baseCategories = firstById(bases.map((b) => b.file.categories));
  const basePhases = firstById(bases.map((b) => b.file.phases));
  const baseQuestions = firstById(bases.map((b) => b.file.questions ?? []));
  const baseItems = firstById(bases.map((b) => b.file.items));
  if (bases.length === 0) {
    for (const list of ["categories", "phases", "items"] as const) {
      if ((own[list] ?? []).length === 0) {
        findings.push({
          code: "empty",
          path: [list],
          message: `${list}: a catalogue needs at least one, unless it extends another catalogue`,
        });
      }
    }
  }
  const overridden = new Map<string, string>();
  const items = baseItems.map((item) => ({ ...item }));
  for (const [key, override] of Object.entries(own.overrides ?? {})) {
    const wanted = idKey(key);
    const at = items.findIndex((item) =>
      [item.id, ...(item.aliases ?? [])].some((name) => idKey(name) === wanted),
    );
    if (wanted === undefined || at < 0) {
      findings.push({
        code: "unknown-override",
        path: ["overrides", key],
        message: `override of ${key}: no catalogue it extends has that item`,
      });
      continue;
    }
    items[at] = { ...items[at]!, ...override };
    overridden.set(items[at]!.id, key);
  }
  const file: CatalogueFile = {
    format: own.format,
    name: own.name,
    title: own.title,
    version: own.version,
    ...(own.source ? { source: own.source } : {}),
    categories: [...baseCategories, ...(own.categories ?? [])],
    phases: [...basePhases, ...(own.phases ?? [])],
    items: [...items, ...(own.items ?? [])],
    ...(baseQuestions.length > 0 || own.questions
      ? { questions: [...baseQuestions, ...(own.questions ?? [])] }
      : {}),
    ...(bases.length > 0
      ? {
          bases: [
            ...new Map(
              bases
                .flatMap((b) => [
                  ...(b.file.bases ?? []),
                  { ref: b.ref, name: b.file.name, version: b.file.version },
                ])
                .map((b) => [b.name, b]),
            ).values(),
          ],
        }
      : {}),
  };
  const offsets = {
    categories: baseCategories.length,
    phases: basePhases.length,
    questions: baseQuestions.length,
    items: items.length,
  };
  for (const finding of checkCatalogue(file)) {
    const [list, index, ...rest] = finding.path;
    if (typeof list === "string" && list in offsets && typeof index === "number") {
      const offset = offsets[list as keyof typeof offsets];
      if (index >= offset) {
        findings.push({ ...finding, path: [list, index - offset, ...rest] });
        continue;
      }
      const item = list === "items" ? file.items[index] : undefined;
      const key = item ? overridden.get(item.id) : undefined;
      if (key !== undefined) {
        findings.push({ ...finding, path: ["overrides", key, ...rest] });
        continue;
      }
    }
    findings.push({ ...finding, path: ["extends"] });
  }
  return { file, findings };
}
