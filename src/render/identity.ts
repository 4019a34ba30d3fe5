/**
 * What `golive rename` and `golive close` report, and the words for a project's life
 * (live, closed) that status, check and the portfolio share.
 */
import type { Board } from "../core/board.js";
import { humanDate } from "../core/dates.js";
import type { ProjectChange } from "../core/history.js";
import type { Life } from "../core/identity.js";
import type { Closed } from "../schema/state.js";
import { date, relativeGoLive, type Style, safe } from "./text.js";

export interface RenameResult {
  from: string | undefined;
  to: string;
  changed: boolean;
}

export function renderRename(style: Style, result: RenameResult): string {
  const c = style.chalk;
  if (!result.changed)
    return `The project is already named ${c.bold(safe(result.to))}; nothing changed.\n`;
  const from = result.from === undefined ? "" : ` (was ${safe(result.from)})`;
  return `The project is now named ${c.bold(safe(result.to))}${from}. Every report's title shows it.\n`;
}

/** "live since Mon 1 Mar 2027", "closed on Fri 12 Mar 2027", or nothing while planning. */
export function lifeWords(life: Life, goLive: string): string | undefined {
  if (life.closed) return `closed on ${date(life.closed.on, true)}`;
  if (life.phase === "live") return `live since ${date(goLive, true)}`;
  return undefined;
}

/**
 * The words of every view's headline (status, the Markdown summary, the HTML page): where the
 * project stands (`Go-live`, `Live since`, `Closed on`), the day that goes with it, then the
 * rest of the line. `day` words a date as the view shows dates.
 */
export interface Headline {
  label: "Go-live" | "Live since" | "Closed on";
  day: string;
  rest: string[];
}

export function headline(
  board: Pick<Board, "goLive" | "today" | "daysToGoLive" | "life">,
  day: (d: string) => string,
): Headline {
  const today = `today ${day(board.today)}`;
  const closed = board.life.closed;
  if (closed) {
    // Closed before go-live (a cancelled launch) never went live.
    const live =
      board.goLive <= closed.on
        ? `went live ${day(board.goLive)}`
        : `go-live was ${day(board.goLive)}`;
    return { label: "Closed on", day: day(closed.on), rest: [live, today] };
  }
  const rest = [relativeGoLive(board.daysToGoLive), today];
  if (board.life.phase === "live") return { label: "Live since", day: day(board.goLive), rest };
  return { label: "Go-live", day: day(board.goLive), rest };
}

export type CloseResult =
  | { kind: "closed"; closed: Closed }
  | { kind: "already"; closed: Closed }
  | { kind: "undone"; was?: Closed };

export function renderClose(style: Style, result: CloseResult): string {
  const c = style.chalk;
  switch (result.kind) {
    case "undone":
      return result.was
        ? `The project is open again (it was closed on ${date(result.was.on, true)}).\n`
        : "The project is not closed; nothing changed.\n";
    case "already":
      return `The project was already closed on ${date(result.closed.on, true)}; nothing changed (\`golive close --undo\` reopens it).\n`;
    default: {
      const left = result.closed.left ?? [];
      const lines = [
        `${c.bold(`Closed the project on ${date(result.closed.on, true)}`)}${result.closed.reason ? `: ${safe(result.closed.reason)}` : ""}.`,
        ...(left.length > 0
          ? [`Left open: ${left.map((l) => `${l.id} (${safe(l.reason)})`).join(", ")}.`]
          : []),
        "`golive check` passes from now on and `golive notify` stops; `golive close --undo` takes it back.",
      ];
      return `${lines.join("\n")}\n`;
    }
  }
}

/** Escapes what people wrote for the output at hand. */
type Escape = (text: string) => string;

/** A day (or the day of a timestamp) in words: "Wed 10 Mar 2027". */
export function humanDay(d: string): string {
  return humanDate(d.slice(0, 10));
}

/** " by Dana on Wed 10 Mar 2027", or what of it is known. */
export function whoWords(by: string | undefined, at: string | undefined, esc: Escape): string {
  const parts = [
    by !== undefined ? `by ${esc(by)}` : "",
    at !== undefined ? `on ${humanDay(at)}` : "",
  ];
  const said = parts.filter((p) => p !== "").join(" ");
  return said === "" ? "" : ` ${said}`;
}

/** "go-live moved from Mon 1 Mar 2027 to Mon 15 Mar 2027 by Dana on …: payment provider late". */
export function goLiveMovedWords(
  g: {
    from: string;
    to: string;
    reason?: string | undefined;
    by?: string | undefined;
    at?: string | undefined;
  },
  esc: Escape,
): string {
  const reason = g.reason !== undefined ? `: ${esc(g.reason)}` : "";
  return `go-live moved from ${humanDay(g.from)} to ${humanDay(g.to)}${whoWords(g.by, g.at, esc)}${reason}`;
}

/** "project renamed from Acme to Acme B2B by Dana on Wed 10 Mar 2027". */
export function projectRenamedWords(
  n: {
    from?: string | undefined;
    to?: string | undefined;
    by?: string | undefined;
    at?: string | undefined;
  },
  esc: Escape,
): string {
  const from = n.from === undefined ? "" : ` from ${esc(n.from)}`;
  const to = n.to === undefined ? " (no name)" : ` to ${esc(n.to)}`;
  return `project renamed${from}${to}${whoWords(n.by, n.at, esc)}`;
}

/** "project closed on … by Dana: hypercare over; left open: GEN-10 (…)", or "project reopened …". */
export function projectClosedWords(
  c: { kind: "closed"; closed: Closed } | { kind: "reopened"; was: Closed },
  esc: Escape,
): string {
  if (c.kind === "reopened") return `project reopened (it was closed on ${humanDay(c.was.on)})`;
  const x = c.closed;
  const reason = x.reason !== undefined ? `: ${esc(x.reason)}` : "";
  // The IDs too are text from golive.yaml: a hand edit may write anything there.
  const left = (x.left ?? []).map((l) => `${esc(l.id)} (${esc(l.reason)})`);
  return `project closed on ${humanDay(x.on)}${whoWords(x.by, undefined, esc)}${reason}${left.length > 0 ? `; left open: ${left.join(", ")}` : ""}`;
}

/** A change to the project (`status --since`) in the words `golive diff` uses. */
export function projectChangeWords(change: ProjectChange, esc: Escape): string {
  switch (change.kind) {
    case "renamed":
      return projectRenamedWords(change, esc);
    case "rescheduled":
      return goLiveMovedWords(change, esc);
    case "closed":
      return projectClosedWords({ kind: "closed", closed: change.closed }, esc);
    case "reopened":
      return `${projectClosedWords({ kind: "reopened", was: change.was }, esc)}${whoWords(change.by, change.at, esc)}`;
  }
}
