/**
 * The `checks` an item may declare in a catalogue: how `golive verify` answers the item from
 * the repository's own files. A few generic rule kinds with parameters, so that a team's own
 * catalogue can use them, and named Spryker rules where the logic needs code.
 */
import * as z from "zod/mini";
import { globProblem, patternProblem, requiresText } from "./pattern.js";

/** What an unmet check reports; `pass` is never a failure's result. */
export const SeveritySchema = z.enum(["fail", "warn", "unknown"]);

/** The named rules golive implements in code (`kind: spryker/<name>`). */
export const SPRYKER_RULES = [
  "ip-tracking",
  "release",
  "composer-lock",
  "database",
  "split-endpoints",
  "deploy-files",
  "docker-sdk",
  "flysystem",
  "secrets",
  "propel-migrations",
  "install-recipe",
  "production-config",
  "production-deploy",
  "scheduler-jobs",
  "backoffice-auth",
  "storefront-auth",
  "sitemap",
  "robots",
  "demo-data",
] as const;
export type SprykerRule = (typeof SPRYKER_RULES)[number];

/** A glob over the repository's tracked paths (verify/glob.ts), bounded as globProblem says. */
export const GlobSchema = z.string().check(
  z.minLength(1),
  z.superRefine((glob, ctx) => {
    const problem = globProblem(glob);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: glob });
  }),
);

const RepoPath = GlobSchema.check(
  z.refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), {
    message: "expected a path inside the repository, like public/Yves/robots.txt",
  }),
);

/**
 * A regular expression in JavaScript's syntax (with the `u` flag) that RE2 can run: no
 * backreferences, no lookaround. Checked when the file is read; see schema/pattern.ts.
 */
export const RegexSchema = z.string().check(
  z.minLength(1),
  z.superRefine((source, ctx) => {
    const problem = patternProblem(source);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem, input: source });
  }),
);

const Globs = z.union([RepoPath, z.array(RepoPath).check(z.minLength(1))]);
const BlobHash = z.string().check(z.regex(/^[0-9a-f]{40}$/, "expected a 40-hex git blob hash"));

const common = {
  /** One line telling how to fix a failure; replaces golive's own hint. */
  hint: z.optional(z.string().check(z.minLength(1))),
};

/** What text-present and text-absent search: lines of the tracked files matching `files`. */
const textSearch = {
  files: Globs,
  pattern: RegexSchema,
  /** Case-insensitive matching (of `contains` too). */
  ignoreCase: z.optional(z.boolean()),
  /**
   * Text every matching line contains: a file without it is passed over before the pattern
   * runs, which in a shop's thousands of files is most of the search's time.
   */
  contains: z.optional(
    z.string().check(z.minLength(1), z.regex(/^[\x20-\x7e]+$/, "expected printable ASCII text")),
  ),
  severity: z.optional(SeveritySchema),
  ...common,
};

/** A `contains` shortcut must be text every match of the pattern holds (see requiresText). */
const containsIsImplied = z.superRefine(
  (
    check: { pattern: string; contains?: string | undefined; ignoreCase?: boolean | undefined },
    ctx,
  ) => {
    if (check.contains === undefined) return;
    if (requiresText(check.pattern, check.contains, check.ignoreCase === true)) return;
    ctx.addIssue({
      code: "custom",
      path: ["contains"],
      message:
        "must be text that every match of pattern holds, written out in each of its alternatives (outside groups and quantifiers): else files that match would be skipped",
    });
  },
);

export const CheckSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    /** Passes when the file is tracked (and, with `nonEmpty`, not empty). */
    kind: z.literal("file-exists"),
    path: RepoPath,
    nonEmpty: z.optional(z.boolean()),
    /** Result when the file is missing (default fail). */
    severity: z.optional(SeveritySchema),
    ...common,
  }),
  z.strictObject({
    /** Passes when no tracked file has this path. */
    kind: z.literal("file-absent"),
    path: RepoPath,
    severity: z.optional(SeveritySchema),
    ...common,
  }),
  z.strictObject({
    /** Passes when the file differs from every known default, compared by git blob hash. */
    kind: z.literal("file-differs"),
    path: RepoPath,
    defaults: z.array(BlobHash).check(z.minLength(1)),
    /**
     * Result when the file is a known default (default warn); `note` reports it and passes
     * (a default Back Office icon is worth knowing, not worth a warning).
     */
    severity: z.optional(z.enum(["fail", "warn", "unknown", "note"])),
    /** Result when the file is missing (default fail); `skip` leaves it out. */
    missing: z.optional(z.enum(["fail", "warn", "unknown", "skip"])),
    ...common,
  }),
  z.strictObject({
    /** Passes when `composer.lock` holds the package at `min` or newer. */
    kind: z.literal("composer"),
    package: z.string().check(z.regex(/^[a-z0-9_.-]+\/[a-z0-9_.-]+$/, "expected vendor/package")),
    min: z.string().check(z.regex(/^v?\d+(\.\d+){0,3}$/, "expected a version like 3.15.2")),
    severity: z.optional(SeveritySchema),
    /** Result when the package is not in composer.lock (default unknown). */
    missing: z.optional(SeveritySchema),
    ...common,
  }),
  z
    .strictObject({
      /**
       * A value in the deploy files: `path` is dot-separated (`services.database.engine`), `*`
       * matches any key; give a list to name keys that hold dots (host names).
       */
      kind: z.literal("deploy-value"),
      path: z.union([
        z.string().check(z.minLength(1)),
        z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
      ]),
      expect: z.enum(["present", "absent", "matches"]),
      /** For `matches` (and required by it): every value found must match. */
      pattern: z.optional(RegexSchema),
      severity: z.optional(SeveritySchema),
      ...common,
    })
    .check(
      z.superRefine((check, ctx) => {
        // Without a pattern, `matches` would pass on any value: a check that cannot fail.
        if (check.expect === "matches" && check.pattern === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["pattern"],
            message:
              "required when expect is matches: the regular expression every value must match",
          });
      }),
    ),
  /** Passes when some tracked file matching `files` has a line matching `pattern`. */
  z.strictObject({ kind: z.literal("text-present"), ...textSearch }).check(containsIsImplied),
  /** Passes when no tracked file matching `files` has a line matching `pattern`. */
  z.strictObject({ kind: z.literal("text-absent"), ...textSearch }).check(containsIsImplied),
  z.strictObject({
    kind: z.enum(SPRYKER_RULES.map((name) => `spryker/${name}` as const)),
    ...common,
  }),
]);

export type Check = z.infer<typeof CheckSchema>;
