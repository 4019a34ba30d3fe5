/**
 * `golive link ID TICKET...`: attach tracker references to an item (a Jira key or an https
 * URL); `--remove` takes them off. The references are data; the links are made when shown.
 */
import { echo } from "../core/escape.js";
import { ticketProblem } from "../core/links.js";
import { GoliveError } from "../errors.js";
import { renderLinked } from "../render/change.js";
import { type Context, type Output, output } from "../work/context.js";
import { updateItems } from "../work/edit-items.js";

export interface LinkOptions {
  remove?: boolean;
}

export async function link(
  ctx: Context,
  id: string,
  tickets: string[],
  options: LinkOptions,
): Promise<Output> {
  if (tickets.length === 0) {
    throw new GoliveError("usage", "no ticket given", {
      hint: "golive link ID SHOP-123, or golive link ID https://github.com/org/repo/issues/7",
    });
  }
  const refs = tickets.map((t) => t.trim());
  if (!options.remove) {
    for (const ref of refs) {
      const problem = ticketProblem(ref);
      if (problem === undefined) continue;
      const shown = echo(ref);
      throw new GoliveError(
        "bad-ticket",
        problem === "not-https"
          ? `"${shown}" is not an https URL`
          : `"${shown}" is neither a Jira key nor a URL`,
        { hint: "give a Jira key like SHOP-123 or an https:// URL" },
      );
    }
  }
  const [result] = await updateItems(ctx, [id], (item, before) => {
    const current = before.links ?? [];
    const next = options.remove
      ? current.filter((r) => !refs.includes(r))
      : [...current, ...refs.filter((r, i) => !current.includes(r) && refs.indexOf(r) === i)];
    const same = next.length === current.length && next.every((r, i) => r === current[i]);
    const summary = { id: item.id, title: item.title, links: next, changed: !same };
    if (same) return { after: undefined, result: summary };
    // Like evidence, links leave `by` and `at` alone: those record the status and its history.
    const after = { ...before };
    if (next.length > 0) after.links = next;
    else delete after.links;
    return { after, result: summary };
  });
  return output(renderLinked(ctx.style, result!, options.remove === true));
}
