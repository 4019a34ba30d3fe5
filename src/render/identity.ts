/**
 * What `golive rename` and `golive close` report, and the words for a project's life
 * (live, closed) that status, check and the portfolio share.
 */
import type { Board } from "../core/board.js";
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
