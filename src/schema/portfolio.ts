/**
 * `portfolio.yaml`, the list `golive portfolio --list` reads: one entry per project, each a
 * local folder (its work tree, or a ref of its repository) or a git remote and ref.
 */
import * as z from "zod/mini";

const Text = z.string().check(z.minLength(1), z.maxLength(1_000));

export const PortfolioProjectSchema = z.strictObject({
  /** How the project is named in the table; default: the folder's or the remote's name. */
  name: z.optional(Text),
  /** A local folder, relative to portfolio.yaml: its work tree is read, or `ref` of its repository. */
  path: z.optional(Text),
  /** A git remote (https://, ssh://, git@host:..., file://): `ref` is fetched, shallow. */
  git: z.optional(Text),
  /** A branch, tag or commit: read with git, without checking it out. Default for a remote: HEAD. */
  ref: z.optional(Text),
  /** The state file inside the project; default golive.yaml. */
  file: z.optional(Text),
});
export type PortfolioProject = z.infer<typeof PortfolioProjectSchema>;

export const PortfolioSchema = z.strictObject({
  projects: z.array(PortfolioProjectSchema).check(z.minLength(1)),
});
export type PortfolioFile = z.infer<typeof PortfolioSchema>;
