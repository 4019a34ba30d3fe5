/**
 * The state file (`golive.yaml`): what a team has done, committed in its own repository.
 * `npm run schema` turns this schema into `schema/golive.schema.json` for editors.
 */
import * as z from "zod/mini";
import { GlobSchema, RegexSchema } from "./checks.js";
import { type HistoryField, STATUSES } from "./fields.js";

/** The newest state file format this golive reads and writes. */
export const STATE_VERSION = 2;

/**
 * The format a file declares: 1, until it holds an evidence line (one line of JSON,
 * io/evidence-line.ts), which a golive of format 1 cannot read; then 2, so that such a golive
 * asks to be upgraded instead of calling the line a wrong field (io/state-edit.ts writes it).
 * A file holding no evidence line stays readable by every golive that reads format 1.
 * STATE_VERSION is never below EVIDENCE_LINE_FORMAT (test/unit/evidence-line.test.ts).
 */
export const FIRST_FORMAT = 1;
export const EVIDENCE_LINE_FORMAT = 2;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHEN_SHAPE = "expected a date YYYY-MM-DD or a timestamp";

/**
 * A day that is on the calendar (not 2027-02-30) and, with a time, a time on the clock (not
 * 25:61): every view computes with these, and one that is not a time made them crash.
 */
function realWhen(text: string): boolean {
  const day = text.slice(0, 10);
  const midnight = new Date(`${day}T00:00:00Z`);
  return (
    !Number.isNaN(Date.parse(text)) &&
    !Number.isNaN(midnight.getTime()) &&
    midnight.toISOString().slice(0, 10) === day
  );
}

/** A calendar day, or a full ISO 8601 timestamp as written by the machine's clock. */
const When = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/, WHEN_SHAPE),
    z.refine(realWhen, "expected a real date YYYY-MM-DD or time (not 2027-02-30, not 25:00)"),
  );
const Day = z.string().check(z.regex(DATE, "expected a date YYYY-MM-DD"));
/** The longest text golive.yaml takes in a field people write (a note, a reason). */
export const MAX_TEXT = 10_000;
const Text = z.string().check(z.minLength(1), z.maxLength(MAX_TEXT));

export const StatusSchema = z.enum(STATUSES);

/**
 * Gives a schema the description the JSON Schema shows for its field. The schema is a fresh
 * `z.optional(...)` each time: the registry is keyed by instance, so a shared one would carry
 * one description everywhere it is used.
 */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

export type { Status } from "./fields.js";

/** What a change records about an item; the history keeps earlier values of the same fields. */
const ChangeFields = {
  status: described(z.optional(StatusSchema), "todo when absent"),
  owner: described(z.optional(Text), "who is responsible for the item"),
  note: described(z.optional(Text), "free text: what was done, where to look"),
  reason: described(z.optional(Text), "why the item is blocked or not applicable"),
  by: described(z.optional(Text), "who made the change"),
  at: described(z.optional(When), "when the change was made"),
} satisfies Record<HistoryField, z.ZodMiniType>;

const WaiverFields = {
  /** Why the item may stay open, as agreed. */
  reason: Text,
  /** The last day the waiver holds. */
  until: Day,
  /** Who accepted the risk, when someone other than the author did. */
  approver: z.optional(Text),
};

/**
 * An accepted exception: the team knows the item is late and agreed to go on until `until`.
 * The CI gate does not fail on a waived item until the waiver expires (after `until`).
 */
export const WaiverSchema = z.strictObject({
  ...WaiverFields,
  /** Who recorded the waiver. */
  by: z.optional(Text),
  /** When the waiver was recorded. */
  at: z.optional(When),
});
export type Waiver = z.infer<typeof WaiverSchema>;

/**
 * An earlier state of an item, kept when it changes. An entry with `waiver` is a waiver that
 * was replaced or withdrawn (its `by` and `at` are the waiver's own); one with `unwaived` is
 * a withdrawal (`golive unwaive`), with its reason.
 */
export const HistoryEntrySchema = z.strictObject({
  ...ChangeFields,
  waiver: described(
    z.optional(z.strictObject(WaiverFields)),
    "a waiver that was replaced or withdrawn",
  ),
  unwaived: described(z.optional(Text), "the waiver was withdrawn (golive unwaive), and why"),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const EvidenceArg = z.string().check(z.maxLength(MAX_TEXT));

/**
 * What an item's checks read when its evidence was recorded, so that `status` can tell whether
 * the evidence still holds without running them again (docs/verify.md#recorded-evidence).
 */
export const EvidenceInputsSchema = z.strictObject({
  /** SHA-1 over golive's version, the item's checks and the git blob IDs of what they read. */
  digest: z.string().check(z.regex(/^[0-9a-f]{40}$/, "expected 40 hexadecimal digits")),
  /** Files read or looked for by name, relative to the repository's root. */
  files: z.optional(z.array(EvidenceArg).check(z.maxLength(1000))),
  /** Sets of files gone through: `all`, `deploy` (every deploy file), `glob:PATTERN`. */
  sets: z.optional(z.array(EvidenceArg).check(z.maxLength(1000))),
  /** Values of the run that decided something: today, goLive, allow, latestRelease. */
  context: z.optional(z.array(z.string().check(z.maxLength(64))).check(z.maxLength(16))),
});
export type EvidenceInputs = z.infer<typeof EvidenceInputsSchema>;

/**
 * The same in one line, as golive writes it: the digest, then one token a file (`f:PATH`), set
 * (`s:SET`) or context value (`c:NAME`), the day a date-reading answer holds until
 * (`u:YYYY-MM-DD`), and the digest over the whole work tree (`t:SHA-1`, when it held what
 * git's index said), `%`-escaped where a space, `%` or a control character
 * would be (work/evidence-inputs.ts). One scalar costs status a fraction of a YAML map's parse.
 */
export const EvidenceInputsTextSchema = z
  .string()
  .check(
    z.maxLength(200_000),
    z.regex(
      /^[0-9a-f]{40}(?: [fscut]:[^ ]+)*$/,
      "expected a digest and f:, s:, c:, u: or t: tokens",
    ),
  );

/**
 * What `golive verify --record` found in the repository for an item, and when: the code of the
 * finding that decided the result and its arguments, never words (golive words them when it
 * shows them) and never a secret's value (no finding holds one).
 */
export const EvidenceSchema = z.strictObject({
  result: z.enum(["pass", "warn", "fail", "unknown"]),
  at: When,
  /** The deciding finding's code, like `composer-old` (docs/verify.md lists them). */
  code: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/, "expected a finding code"))),
  /** The deciding finding's arguments: where it is and what was found and expected. */
  args: z.optional(
    z.strictObject({
      file: z.optional(EvidenceArg),
      line: z.optional(z.int().check(z.minimum(1))),
      subject: z.optional(EvidenceArg),
      found: z.optional(EvidenceArg),
      expected: z.optional(EvidenceArg),
    }),
  ),
  /** How many more findings had the same result. */
  more: z.optional(z.int().check(z.minimum(1))),
  /** The finding in words, as golive 1.0 recorded it: read, never written. */
  summary: z.optional(Text),
  /**
   * What the checks read, for telling without running them whether this still holds: one line
   * (a map as golive wrote it until 1.1: still read, rewritten at the next record).
   */
  inputs: z.optional(z.union([EvidenceInputsTextSchema, EvidenceInputsSchema])),
  /** Which command recorded it: `probe` (the live hosts); absent for `verify` (the files). */
  source: z.optional(z.enum(["verify", "probe"])),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A reviewed `golive verify` finding that is not to be reported again. */
export const AllowEntrySchema = z.strictObject({
  /** The file, relative to the repository root: a glob (`*`, `**`, `{a,b}`, `[ab]`; docs/catalogues.md#globs). */
  path: GlobSchema,
  /** Only the finding on this line. */
  line: z.optional(z.int().check(z.minimum(1))),
  /** Only findings whose line matches this regular expression. */
  pattern: z.optional(RegexSchema),
  /** Why the finding is fine: who reviewed it, what it is. */
  reason: Text,
});
export type AllowEntry = z.infer<typeof AllowEntrySchema>;

const WebUrl = z
  .string()
  .check(
    z.maxLength(2_000),
    z.regex(/^https?:\/\/[^\s@]+$/, "expected an http(s) URL without user info"),
  );

/** What `golive probe` asks about besides the deploy file's hosts. */
export const ProbeSettingsSchema = z.strictObject({
  /** The domain the shop sends mail from: its DMARC and SPF records are checked (CLO-15). */
  mailDomain: z.optional(
    z
      .string()
      .check(
        z.maxLength(253),
        z.regex(/^(?:[a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63}$/, "expected a domain like shop.example"),
      ),
  ),
  /** A CSV of old URL, new URL in the repository (SEO-01, SEO-07): each must redirect. */
  redirects: z.optional(z.string().check(z.minLength(1), z.maxLength(1_000))),
  /** The old shop's URL, which should still answer in the 72 hours after go-live (GEN-10). */
  oldSystem: z.optional(WebUrl),
  /** Pages that must answer 2xx besides the storefront's home (TES-12). */
  smoke: z.optional(z.array(WebUrl).check(z.maxLength(100))),
});
export type ProbeSettings = z.infer<typeof ProbeSettingsSchema>;

/** The item's reminder was acted on (`golive ack`): the standup stops showing it. */
export const ReminderAckSchema = z.strictObject({
  by: z.optional(Text),
  at: When,
});
export type ReminderAck = z.infer<typeof ReminderAckSchema>;

export const ItemStateSchema = z.strictObject({
  ...ChangeFields,
  waiver: described(
    z.optional(WaiverSchema),
    "an accepted exception for the CI gate (golive waive)",
  ),
  reminded: described(
    z.optional(ReminderAckSchema),
    "the item's reminder was acted on (golive ack); the standup stops showing it",
  ),
  history: described(z.optional(z.array(HistoryEntrySchema)), "earlier states, oldest first"),
  evidence: described(
    z.optional(EvidenceSchema),
    "the latest result of golive verify --record; it never changes the status",
  ),
  links: described(
    z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(2_000)))),
    "tracker references (golive link): Jira keys like SHOP-123 or https URLs",
  ),
});
export type ItemState = z.infer<typeof ItemStateSchema>;

/** A move of the go-live date. */
export const SlipSchema = z.strictObject({
  from: Day,
  to: Day,
  reason: z.optional(Text),
  by: z.optional(Text),
  at: z.optional(When),
});
export type Slip = z.infer<typeof SlipSchema>;

/** A project's name: shown in every title golive makes (status, reports, calendar, CI). */
export const ProjectNameSchema = z.string().check(z.minLength(1), z.maxLength(200));

/** A change of the project's name (golive rename). */
export const RenameSchema = z.strictObject({
  from: z.optional(ProjectNameSchema),
  to: ProjectNameSchema,
  by: z.optional(Text),
  at: z.optional(When),
});
export type Rename = z.infer<typeof RenameSchema>;

/** An item left open when the project was closed, and why. */
export const LeftOpenSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  reason: Text,
});
export type LeftOpen = z.infer<typeof LeftOpenSchema>;

/** The project ended (golive close): the gate passes and notify stops. */
export const ClosedSchema = z.strictObject({
  /** The day it was closed. */
  on: Day,
  /** Why, in the team's words. */
  reason: z.optional(Text),
  /** Who closed it. */
  by: z.optional(Text),
  /** When it was closed. */
  at: z.optional(When),
  /** Items still open when it closed, each with the reason it was left. */
  left: z.optional(z.array(LeftOpenSchema)),
});
export type Closed = z.infer<typeof ClosedSchema>;

/** A close taken back (golive close --undo): the close as it was, who took it back and when. */
export const ReopenedSchema = z.strictObject({
  was: ClosedSchema,
  by: z.optional(Text),
  at: z.optional(When),
});
export type Reopened = z.infer<typeof ReopenedSchema>;

/** The version of each catalogue the project's catalogue extends, by catalogue name. */
const BaseVersions = z.record(z.string(), z.string());
const BASES =
  "the version of each catalogue it extends, by name, as of init or the last golive upgrade";

export const StateSchema = z.strictObject({
  /** The state file format version. */
  golive: z.int().check(z.minimum(1)),
  /** The project's name, in every title (golive init --name, golive rename); optional. */
  name: z.optional(ProjectNameSchema),
  /** Every change of the name, oldest first. */
  renames: z.optional(z.array(RenameSchema)),
  /** The catalogue this project follows: a shipped one by name, or a file by path. */
  catalogue: z.union([
    z.strictObject({
      name: z.string().check(z.minLength(1)),
      version: z.optional(z.string()),
      extends: described(z.optional(BaseVersions), BASES),
    }),
    z.strictObject({
      /** Relative to the folder that holds the state file. */
      path: z.string().check(z.minLength(1)),
      version: z.optional(z.string()),
      extends: described(z.optional(BaseVersions), BASES),
    }),
  ]),
  /**
   * The team's answers to the catalogue's questions, by question ID (`golive answer`); a
   * question not answered here takes the catalogue's default.
   */
  answers: z.optional(z.record(z.string(), z.string().check(z.minLength(1)))),
  /** The go-live day. */
  goLive: Day,
  settings: z.optional(
    z.strictObject({
      /** Move due dates before go-live that fall on a weekend to the Friday before (default true). */
      weekendShift: z.optional(z.boolean()),
    }),
  ),
  /** Every move of the go-live date, oldest first. */
  slips: z.optional(z.array(SlipSchema)),
  /** Where tracker references (golive link) lead. */
  tracker: z.optional(
    z.strictObject({
      /** The Jira site, e.g. https://shop.atlassian.net: a key SHOP-123 opens at /browse/SHOP-123. */
      jira: z.optional(z.string().check(z.regex(/^https:\/\/[^\s]+$/, "expected an https URL"))),
    }),
  ),
  /** `golive notify`: owners (as written in the items) to chat user IDs, for mentions. */
  chat: z.optional(
    z.strictObject({
      /** Slack member IDs, e.g. `Alex: U024BE7LH`. */
      slack: z.optional(
        z.record(
          z.string(),
          z
            .string()
            .check(z.regex(/^[UW][A-Z0-9]{2,20}$/, "expected a Slack member ID such as U024BE7LH")),
        ),
      ),
      /** Teams users by their UPN (e-mail-like) or Entra object ID. */
      teams: z.optional(
        z.record(
          z.string(),
          z
            .string()
            .check(
              z.minLength(3),
              z.maxLength(200),
              z.regex(/^[^<>\s]+$/, "expected a UPN or object ID"),
            ),
        ),
      ),
    }),
  ),
  /** Settings of `golive verify`. */
  verify: z.optional(z.strictObject({ allow: z.optional(z.array(AllowEntrySchema)) })),
  /** Settings of `golive probe` (docs/probe.md). */
  probe: z.optional(ProbeSettingsSchema),
  /** The project was closed (golive close): the gate passes, notify stops, edits go on. */
  closed: z.optional(ClosedSchema),
  /** Every close taken back (golive close --undo), oldest first. */
  reopened: z.optional(z.array(ReopenedSchema)),
  /** Per item, by ID; items not listed, or listed as `{}`, are `todo`. */
  items: z.optional(z.record(z.string(), z.nullable(ItemStateSchema))),
});
export type StateData = z.infer<typeof StateSchema>;
