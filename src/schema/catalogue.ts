/**
 * The catalogue format: the checklist items, their phases and their timing.
 * Shipped catalogues live in `checklists/`; teams can write their own.
 */
import * as z from "zod/mini";
import { CheckSchema } from "./checks.js";

/** Item and category IDs: a prefix of capitals, a dash, a number (`CLO-14`, `GEN-9`). */
export const ITEM_ID = /^[A-Z][A-Z0-9]*-\d+$/;

/** Offsets are whole calendar days relative to the go-live day (T): -14 is two weeks before. */
const Offset = z.int().check(z.minimum(-3660), z.maximum(3660));

const Link = z.strictObject({
  /** What the link points to, as a person would name it. */
  title: z.string().check(z.minLength(1)),
  /** An absolute https URL. */
  url: z.url({ protocol: /^https$/ }),
});

const Reminder = z.strictObject({
  /** How many days before the item's window opens the reminder falls due. */
  days: z.int().check(z.minimum(1), z.maximum(365)),
  /** What to do by then, for example "tell Spryker about the load test". */
  text: z.string().check(z.minLength(1)),
});

const AnswerValue = z
  .string()
  .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case answer like yes"));
const AppliesWhen = z.record(
  z.string(),
  z.union([AnswerValue, z.array(AnswerValue).check(z.minLength(1))]),
);

/** A question a team answers once (`golive init`, `golive answer`), deciding which items apply. */
export const QuestionSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case slug like old-shop")),
  question: z.string().check(z.minLength(1)),
  /** The possible answers, e.g. [yes, no]. */
  answers: z.array(AnswerValue).check(z.minLength(2)),
  /** The answer assumed until the team gives one; one of `answers`. */
  default: AnswerValue,
});

/** What an extending catalogue may change of an item it inherits. */
export const OverrideSchema = z.strictObject({
  phase: z.optional(z.string().check(z.minLength(1))),
  opens: z.optional(Offset),
  due: z.optional(Offset),
  optional: z.optional(z.boolean()),
  reminder: z.optional(Reminder),
  checks: z.optional(z.array(CheckSchema).check(z.minLength(1))),
  appliesWhen: z.optional(AppliesWhen),
});

export const CatalogueItemSchema = z.strictObject({
  /** The item's ID, the only key: titles may repeat. */
  id: z.string().check(z.regex(ITEM_ID, "expected an ID like CLO-14")),
  /** One of the catalogue's category IDs. */
  category: z.string().check(z.minLength(1)),
  /** One of the catalogue's phase IDs. */
  phase: z.string().check(z.minLength(1)),
  title: z.string().check(z.minLength(1)),
  /** True when the item only applies to some projects ("if applicable", "optional"). */
  optional: z.optional(z.boolean()),
  /** Former IDs, still accepted on the command line and in state files. */
  aliases: z.optional(z.array(z.string().check(z.regex(ITEM_ID, "expected an ID like CLO-14")))),
  /** Overrides the phase's opening offset for this item. */
  opens: z.optional(Offset),
  /** Overrides the phase's due offset for this item. */
  due: z.optional(Offset),
  /** An advance notice the item needs, dated before its window opens. */
  reminder: z.optional(Reminder),
  /** What to do, in a sentence or three. */
  summary: z.string().check(z.minLength(1)),
  /** How to tell the item is really done. */
  criteria: z.optional(z.array(z.string().check(z.minLength(1)))),
  links: z.optional(z.array(Link)),
  /** How `golive verify` answers the item from the repository's files; none: manual. */
  checks: z.optional(z.array(CheckSchema).check(z.minLength(1))),
  /**
   * The answers the item applies under, by question ID (`{ old-shop: yes }`, or a list of
   * answers); when one does not hold, the item is not applicable until the answer changes.
   */
  appliesWhen: z.optional(AppliesWhen),
});

export const PhaseSchema = z.strictObject({
  /** Used on the command line (`--phase two-weeks`) and in reports. */
  id: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case slug like two-weeks")),
  title: z.string().check(z.minLength(1)),
  /** When the phase's work can start, in days relative to go-live. */
  opens: Offset,
  /** When the phase's work is due, in days relative to go-live. */
  due: Offset,
});

export const CategorySchema = z.strictObject({
  id: z.string().check(z.regex(/^[A-Z][A-Z0-9]*$/, "expected capital letters like CLO")),
  title: z.string().check(z.minLength(1)),
});

const CatalogueRefText = z.string().check(z.minLength(1));

export const CatalogueSchema = z.strictObject({
  /** The catalogue format version this file is written in. */
  format: z.literal(1),
  /** A short name, used by state files to refer to a shipped catalogue. */
  name: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9-]*$/, "expected a lower-case slug like spryker-cloud")),
  title: z.string().check(z.minLength(1)),
  /** The catalogue's version, recorded in state files. */
  version: z.string().check(z.minLength(1)),
  /** Where the checklist comes from, and the date of the text it follows. */
  source: z.optional(
    z.strictObject({
      title: z.string().check(z.minLength(1)),
      url: z.url(),
      revised: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")),
    }),
  ),
  /**
   * Catalogues this one builds on: a shipped name or a path relative to this file, or a list.
   * Their categories, phases, questions and items come first; this file's are added to them.
   */
  extends: z.optional(z.union([CatalogueRefText, z.array(CatalogueRefText).check(z.minLength(1))])),
  /** Changes to inherited items, by item ID. */
  overrides: z.optional(z.record(z.string(), OverrideSchema)),
  /** What the team is asked once, to leave out the items that do not apply to it. */
  questions: z.optional(z.array(QuestionSchema)),
  /** At least one, unless the catalogue extends another. */
  categories: z.optional(z.array(CategorySchema)),
  phases: z.optional(z.array(PhaseSchema)),
  items: z.optional(z.array(CatalogueItemSchema)),
});

/** A catalogue as written in its file; `extends` not yet resolved. */
export type CatalogueSource = z.infer<typeof CatalogueSchema>;
/** A catalogue with everything it extends merged in: every list present. */
export type CatalogueFile = Omit<
  CatalogueSource,
  "categories" | "phases" | "items" | "questions" | "extends" | "overrides"
> & {
  categories: Category[];
  phases: Phase[];
  items: CatalogueItem[];
  questions?: Question[];
  /** The catalogues merged in, in order: how each was named, and its name and version. */
  bases?: CatalogueBase[];
};
export interface CatalogueBase {
  /** As written in `extends`. */
  ref: string;
  name: string;
  version: string;
}
export type Question = z.infer<typeof QuestionSchema>;
export type Override = z.infer<typeof OverrideSchema>;
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type Category = z.infer<typeof CategorySchema>;
