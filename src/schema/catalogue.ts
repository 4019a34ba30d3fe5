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
  categories: z.array(CategorySchema).check(z.minLength(1)),
  phases: z.array(PhaseSchema).check(z.minLength(1)),
  items: z.array(CatalogueItemSchema).check(z.minLength(1)),
});

export type CatalogueFile = z.infer<typeof CatalogueSchema>;
export type CatalogueItem = z.infer<typeof CatalogueItemSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type Category = z.infer<typeof CategorySchema>;
