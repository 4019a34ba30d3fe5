/**
 * Tracker references on an item (`golive link`): a Jira key such as `SHOP-123`, made a link
 * through the state file's `tracker.jira`, or an https URL (a GitHub issue, any tracker). Pure.
 */

/** A Jira issue key: the project key (a capital letter, then capitals, digits or _), a dash, a number. */
export const JIRA_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}$/;

/** One reference as shown: what was written, and the URL it opens (null: a key with no tracker). */
export interface TicketLink {
  ref: string;
  url: string | null;
}

/** Why `text` is not a reference golive takes, or undefined when it is one. */
export function ticketProblem(text: string): "not-a-ticket" | "not-https" | undefined {
  if (JIRA_KEY.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not-a-ticket";
  }
  // Only https: a javascript: or data: link would run in the HTML page, and http leaks.
  if (url.protocol !== "https:" || url.hostname === "") return "not-https";
  return undefined;
}

/** `tracker.jira` is the site (https://shop.atlassian.net); a key opens at its /browse/KEY. */
export function ticketUrl(ref: string, jira: string | undefined): string | null {
  if (JIRA_KEY.test(ref)) {
    return jira === undefined
      ? null
      : `${jira.replace(/\/+$/, "").replace(/\/browse$/, "")}/browse/${ref}`;
  }
  return ticketProblem(ref) === undefined ? ref : null;
}

export function ticketLinks(
  refs: readonly string[] | undefined,
  jira: string | undefined,
): TicketLink[] {
  return (refs ?? []).map((ref) => ({ ref, url: ticketUrl(ref, jira) }));
}

/**
 * Text with the user info of every URL in it cut out: `https://x-access-token:ghp_...@host/x`
 * is shown as `https://host/x`. A remote's URL may carry a token; no format shows it. The user
 * info ends at the last `@` before the host (as URL parsing reads `https://u:p@ss@host/x`), so
 * a raw `@` in a password does not leave its tail behind.
 */
export function withoutUserInfo(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^/\s]{0,1024}@/gi, "$1");
}
