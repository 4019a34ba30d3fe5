/**
 * What `golive setup` (and `golive init`) say about git's merge driver for golive.yaml.
 */
import type { MergeSetup } from "../core/setup.js";
import { hangingLine, wrapText } from "./table.js";
import { type Style, safe } from "./text.js";

/** The reminder every clone needs, and why web merge buttons are not enough. */
export const EACH_CLONE =
  "Every clone needs this once: run `golive setup` after cloning. Hosted merge buttons (GitHub, GitLab) never run merge drivers: merge branches that both changed golive.yaml locally.";

export function renderSetup(style: Style, setup: MergeSetup): string {
  const c = style.chalk;
  const ok = c.green("✓");
  const { attributes, driver } = setup;
  const line = `\`${safe(attributes.line)}\``;
  const bad = c.red("✗");
  // Each line wraps at the width, under its text after the mark.
  const lines = [
    attributes.status === "present"
      ? hangingLine(style.width, `${ok} `, `.gitattributes: ${line}, already there`)
      : attributes.status === "added"
        ? hangingLine(
            style.width,
            `${ok} `,
            `.gitattributes: added ${line}; commit it, so that every clone merges ${safe(setup.path)} with golive`,
          )
        : hangingLine(
            style.width,
            `${bad} `,
            `.gitattributes: ${attributes.added === false ? `has ${line}` : `added ${line}`}, but ${attributes.source ? safe(attributes.source) : "another attributes file"} gives ${safe(setup.path)} another merge attribute; ${attributes.source ? `remove that line from ${safe(attributes.source)}` : `\`git check-attr -a ${safe(setup.path)}\` shows it`}`,
          ),
    hangingLine(
      style.width,
      `${ok} `,
      driver.status === "present"
        ? `merge.golive.driver in this clone's git config: already ${safe(driver.command)}`
        : driver.status === "set"
          ? `merge.golive.driver in this clone's git config: set to ${safe(driver.command)}`
          : `merge.golive.driver in this clone's git config: was ${safe(driver.previous ?? "")}, now ${safe(driver.command)}`,
    ),
    "",
    ...wrapText(EACH_CLONE, style.width),
  ];
  return `${lines.join("\n")}\n`;
}

/** The lines `golive init` adds about merging: what it set up, in words without paths. */
export function renderInitMerge(setup: MergeSetup | undefined): string {
  if (!setup) {
    return "golive.yaml is not in a git repository: once it is, run `golive setup` so that git merges it with golive.";
  }
  const attributes =
    setup.attributes.status === "added"
      ? `added \`${safe(setup.attributes.line)}\` to .gitattributes (commit it too)`
      : `.gitattributes already has \`${safe(setup.attributes.line)}\``;
  return `Merges: ${attributes}, and set this clone's merge driver; every other clone runs \`golive setup\` once.`;
}
