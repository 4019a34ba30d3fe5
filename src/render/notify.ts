/**
 * The digest as each chat service takes it: Slack Block Kit, a Teams Adaptive Card (for a
 * Workflows webhook), or plain JSON. User text is escaped for each target's markup, so a note
 * cannot ping a channel, forge a mention or a link.
 */
import type { ItemView } from "../core/board.js";
import type { Digest } from "../core/digest.js";
import type { Formats, NotifyTarget } from "./formats.js";
import { REPORT_VERSION } from "./json.js";
import { printable, relativeDue, relativeGoLive, safe } from "./text.js";

export type ChatTarget = NotifyTarget;

/** Slack mrkdwn: &, < and > are the control characters (`<!channel>`, `<@U1>`, `<url|x>`). */
export function slackText(text: string): string {
  return printable(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[*_~`]/g, (c) => `\u200b${c}\u200b`);
}

/**
 * Teams (Adaptive Card markdown), without backslash escapes: Teams on phones shows them
 * literally. The characters that make emphasis or code become look-alikes (∗ ＿ ˜ ˋ), a zero-width
 * space after `[` and before `(` keeps `[text](url)` from being a link, a line break becomes
 * " / " (no line of its own to start a list or a heading), and < > become ‹ › so that no `<at>`
 * mention can be forged from a note.
 */
export function teamsText(text: string): string {
  return printable(text)
    .replace(/\r\n|\r|\n/g, " / ")
    .replace(/\*/g, "∗")
    .replace(/_/g, "＿")
    .replace(/~/g, "˜")
    .replace(/`/g, "ˋ")
    .replace(/\[/g, "[\u200b")
    .replace(/\(/g, "\u200b(")
    .replace(/</g, "‹")
    .replace(/>/g, "›");
}

interface Section {
  heading: string;
  lines: { view: ItemView; detail: string }[];
}

function sections(d: Digest): Section[] {
  const due = (v: ItemView) => `${relativeDue(v.daysUntilDue)} (${v.window.due})`;
  return [
    { heading: "Overdue", lines: d.overdue.map((view) => ({ view, detail: due(view) })) },
    { heading: "Due this week", lines: d.dueThisWeek.map((view) => ({ view, detail: due(view) })) },
    {
      heading: "Blocked",
      lines: d.blocked.map((view) => ({ view, detail: view.state.reason ?? "" })),
    },
    {
      heading: "Missed reminders",
      lines: d.missedReminders.map((r) => ({ view: r.view, detail: `${r.date}: ${r.text}` })),
    },
    {
      heading: "Waivers ending this week",
      lines: d.expiringWaivers.map((view) => ({
        view,
        detail: `waived until ${view.state.waiver!.until}: ${view.state.waiver!.reason}`,
      })),
    },
    {
      heading: `Changed since ${d.since}`,
      lines: d.changed.map((view) => ({
        view,
        detail: `${view.status}${view.state.by ? ` by ${view.state.by}` : ""}`,
      })),
    },
  ].filter((s) => s.lines.length > 0);
}

function headline(d: Digest): string {
  return `Go-live ${d.goLive} · ${relativeGoLive(d.daysToGoLive)} · ${d.closed}/${d.total} closed · ${d.overdue.length} overdue`;
}

/** Slack allows 50 blocks and 3,000 characters a text: long lists are cut, saying so. */
const MAX_LINES = 15;

export function slackPayload(d: Digest, title: string, users: Record<string, string>): object {
  const owner = (v: ItemView) => {
    const o = v.state.owner;
    if (!o) return "";
    // A closed item needs nobody: its owner is named, not pinged.
    const id = v.open && Object.hasOwn(users, o) ? users[o] : undefined;
    return id ? ` <@${id}>` : ` (${slackText(o)})`;
  };
  const blocks: object[] = [
    { type: "header", text: { type: "plain_text", text: printable(title).slice(0, 150) } },
    { type: "section", text: { type: "mrkdwn", text: slackText(headline(d)) } },
  ];
  for (const s of sections(d)) {
    const shown = s.lines
      .slice(0, MAX_LINES)
      .map(
        ({ view, detail }) =>
          `• *${slackText(view.item.id)}* ${slackText(view.item.title)}${owner(view)}: ${slackText(detail)}`,
      );
    if (s.lines.length > MAX_LINES) shown.push(`…and ${s.lines.length - MAX_LINES} more`);
    blocks.push({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${slackText(s.heading)} (${s.lines.length})*\n${shown.join("\n")}`.slice(0, 3000),
      },
    });
  }
  // The fallback text is mrkdwn too: a name or --title holding `<!channel>` must not ping.
  return { text: `${slackText(title)}: ${headline(d)}`, blocks };
}

export function teamsPayload(d: Digest, title: string, users: Record<string, string>): object {
  const entities: object[] = [];
  const owner = (v: ItemView) => {
    const o = v.state.owner;
    if (!o) return "";
    const id = v.open && Object.hasOwn(users, o) ? users[o] : undefined;
    if (!id) return ` (${teamsText(o)})`;
    const name = teamsText(o);
    if (!entities.some((e) => (e as { mentioned: { id: string } }).mentioned.id === id)) {
      entities.push({
        type: "mention",
        text: `<at>${name}</at>`,
        mentioned: { id, name: printable(o) },
      });
    }
    return ` <at>${name}</at>`;
  };
  const body: object[] = [
    { type: "TextBlock", size: "Large", weight: "Bolder", wrap: true, text: teamsText(title) },
    { type: "TextBlock", wrap: true, text: teamsText(headline(d)) },
  ];
  for (const s of sections(d)) {
    const shown = s.lines
      .slice(0, MAX_LINES)
      .map(
        ({ view, detail }) =>
          `- **${teamsText(view.item.id)}** ${teamsText(view.item.title)}${owner(view)}: ${teamsText(detail)}`,
      );
    if (s.lines.length > MAX_LINES) shown.push(`- …and ${s.lines.length - MAX_LINES} more`);
    body.push(
      {
        type: "TextBlock",
        weight: "Bolder",
        wrap: true,
        spacing: "Medium",
        text: `${teamsText(s.heading)} (${s.lines.length})`,
      },
      { type: "TextBlock", wrap: true, text: shown.join("\n") },
    );
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          msteams: { width: "Full", entities },
        },
      },
    ],
  };
}

/** The generic webhook: the digest as a versioned report. */
export function jsonPayload(d: Digest, title: string): object {
  const item = (v: ItemView) => ({
    id: v.item.id,
    title: v.item.title,
    owner: v.state.owner ?? null,
    status: v.status,
    due: v.window.due,
    daysUntilDue: v.daysUntilDue,
    reason: v.state.reason ?? null,
  });
  return {
    version: REPORT_VERSION,
    command: "notify",
    title,
    today: d.today,
    goLive: d.goLive,
    daysToGoLive: d.daysToGoLive,
    progress: { closed: d.closed, total: d.total },
    overdue: d.overdue.map(item),
    dueThisWeek: d.dueThisWeek.map(item),
    blocked: d.blocked.map(item),
    missedReminders: d.missedReminders.map((r) => ({
      ...item(r.view),
      reminder: { date: r.date, text: r.text },
    })),
    expiringWaivers: d.expiringWaivers.map((v) => ({
      ...item(v),
      waiver: { until: v.state.waiver!.until, reason: v.state.waiver!.reason },
    })),
    since: d.since,
    changed: d.changed.map((v) => ({ ...item(v), by: v.state.by ?? null, at: v.state.at ?? null })),
  };
}

/** The digest in each chat service's shape: one value, one payload per target. */
export function digestFormats(env: {
  title: string;
  chat?: { slack?: Record<string, string>; teams?: Record<string, string> } | undefined;
}): Formats<ChatTarget, Digest, object> {
  return {
    slack: (d) => slackPayload(d, env.title, env.chat?.slack ?? {}),
    teams: (d) => teamsPayload(d, env.title, env.chat?.teams ?? {}),
    json: (d) => jsonPayload(d, env.title),
  };
}

/** Why delivery failed, in words; never the URL. */
export function deliveryMessage(f: {
  attempts: number;
  status?: number;
  reason: string;
  said?: string;
}): string {
  const said = f.said === undefined ? "" : `; the service said: "${safe(f.said)}"`;
  return `the digest was not delivered after ${f.attempts} attempt${f.attempts === 1 ? "" : "s"}: ${f.reason}${said}`;
}
