/**
 * Who the project is and where it stands in its life: its name (golive.yaml's `name`), live
 * from go-live day, closed once the team says so (`golive close`). Pure: state and today in.
 */
import type { Closed, StateData } from "../schema/state.js";
import type { CalendarDate } from "./dates.js";

/** The longest name golive.yaml takes (the schema's limit). */
export const MAX_NAME_LENGTH = 200;

/**
 * The name a repository's remote gives a project: the URL's last path segment without `.git`
 * (`https://user:token@host/acme/shop.git` → `shop`, `git@host:acme/shop.git` → `shop`).
 * Undefined when the URL has no path to take a name from.
 */
export function nameFromRemote(url: string): string | undefined {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    // user info and host: the name is in the path only
    const slash = rest.indexOf("/");
    if (slash === -1) return undefined;
    rest = rest.slice(slash);
  } else {
    // scp-like `user@host:path`; a local path has no colon before its first slash
    const colon = rest.indexOf(":");
    const slash = rest.indexOf("/");
    if (colon !== -1 && (slash === -1 || colon < slash)) rest = rest.slice(colon + 1);
  }
  rest = rest.replace(/[?#].*$/, "");
  const segment = rest
    .split(/[/\\]/)
    .filter((s) => s !== "")
    .at(-1);
  const name = segment?.replace(/\.git$/i, "");
  return cleanName(name);
}

/** A name as golive.yaml keeps it: trimmed, one line, within the limit; undefined when empty. */
export function cleanName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const name = oneLine(text);
  if (name === "") return undefined;
  return name.length > MAX_NAME_LENGTH ? name.slice(0, MAX_NAME_LENGTH).trim() : name;
}

/**
 * A name as typed, on one line: control characters and line breaks become spaces, runs of
 * space one, the ends trimmed. Never cut: a name typed too long is refused (cli/options.ts).
 */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The title of every report: the project's name before the catalogue's title, or the
 * catalogue's title alone for a state file without a name (as golive 1.x wrote them).
 */
export function projectTitle(name: string | undefined, catalogueTitle: string): string {
  return name === undefined ? catalogueTitle : `${name}: ${catalogueTitle}`;
}

/**
 * The name the project had first: what calendar UIDs carry, so that a rename does not turn
 * every event into a new one. Undefined when it had none (the UIDs golive 1.x made).
 */
export function originalName(state: Pick<StateData, "name" | "renames">): string | undefined {
  const first = state.renames?.[0];
  return first === undefined ? state.name : first.from;
}

/** Where the project is in its life. */
export type Phase = "planning" | "live" | "closed";

export interface Life {
  phase: Phase;
  /** Present when closed. */
  closed?: Closed;
}

/** Planning before go-live day, live from it, closed once `golive close` recorded it. */
export function lifeOf(state: Pick<StateData, "goLive" | "closed">, today: CalendarDate): Life {
  // A close dated after today (a hand edit; `golive close` writes today) has not happened:
  // the gate goes on judging until that day.
  if (state.closed && state.closed.on <= today) return { phase: "closed", closed: state.closed };
  return { phase: today >= state.goLive ? "live" : "planning" };
}
