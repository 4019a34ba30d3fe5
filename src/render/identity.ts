/**
 * What `golive rename` and `golive close` report, and the words for a project's life
 * (live, closed) that status, check and the portfolio share.
 */
import type { Life } from "../core/identity.js";
import { date, type Style, safe } from "./text.js";

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
