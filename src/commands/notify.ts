/**
 * `golive notify --to slack|teams|json`: posts the standup digest to a chat webhook. The URL
 * comes from an environment variable or a file, never from golive.yaml, and is never printed.
 * `--dry-run` prints the payload instead of sending it.
 */
import { resolve } from "node:path";
import { buildDigest, digestEmpty } from "../core/digest.js";
import { GoliveError } from "../errors.js";
import { readTextFile } from "../io/text-file.js";
import { postJson } from "../io/webhook.js";
import { renderJson } from "../render/json.js";
import { type ChatTarget, deliveryMessage, digestFormats } from "../render/notify.js";
import { plural } from "../render/text.js";
import { type Context, type Output, output } from "../work/context.js";
import { type DateOrAge, sinceDate } from "../work/dates.js";
import { openState } from "../work/workspace.js";

export interface NotifyOptions {
  to: ChatTarget;
  /** The variable holding the webhook URL (cli/ gives the default, GOLIVE_WEBHOOK_URL). */
  webhookEnv: string;
  webhookFile?: string;
  dryRun?: boolean;
  /** Post a digest with nothing in it too (a quiet day's "all clear"). */
  postEmpty?: boolean;
  /** cli/ gives the default, a day ago. */
  since: DateOrAge;
  title?: string;
  /** Seconds per attempt, 1 to 300 (cli/options.ts checks it and gives the default). */
  timeout: number;
  /** 0 to 10, the default from cli/options.ts too. */
  retries: number;
  /** Post even though the project is closed. */
  force?: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The webhook's URL; errors say where it came from, never what it is. */
function webhookUrl(ctx: Context, options: NotifyOptions): string {
  let raw: string | undefined;
  let from: string;
  if (options.webhookFile !== undefined) {
    from = `the file ${options.webhookFile}`;
    raw = readTextFile(resolve(ctx.cwd, options.webhookFile), "webhook file").trim();
  } else {
    const name = options.webhookEnv;
    from = `$${name}`;
    raw = ctx.env?.[name]?.trim();
    if (!raw) {
      throw new GoliveError("usage", `${from} is not set`, {
        hint: "set it to the webhook's URL (a CI secret), or give --webhook-file FILE; --dry-run shows the payload without sending",
      });
    }
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new GoliveError("usage", `${from} does not hold a URL`, {
      hint: "it should hold the webhook's URL only, https://...",
    });
  }
  // http only to this machine (a local relay, the tests): anywhere else the URL is a secret in clear.
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new GoliveError("usage", `${from} is not an https URL`, {
      hint: "chat webhooks are https://; golive sends nothing in clear text",
    });
  }
  return url.href;
}

export async function notify(ctx: Context, options: NotifyOptions): Promise<Output> {
  const { workspace, board } = openState(ctx).board();
  const closed = board.life.closed;
  // A closed project's channel stops getting digests: the schedule that posts them daily
  // usually outlives the project.
  const stopped = closed !== undefined && !options.force;
  if (stopped && !options.dryRun) {
    return output(
      `The project was closed on ${closed.on}: no digest posted (--force posts one anyway).\n`,
    );
  }
  const since = sinceDate(ctx, options.since);
  const digest = buildDigest(board, since);
  const title = options.title ?? board.title;
  const payload = digestFormats({ title, chat: workspace.state.chat })[options.to](digest);
  const empty = digestEmpty(digest) && !options.postEmpty;
  const quiet = `Nothing overdue, due this week, blocked, missed, expiring or changed since ${since}: `;
  if (options.dryRun) {
    // A dry run says what the real run would do, and shows what --force would post.
    const why = stopped
      ? `The project was closed on ${closed.on}: golive notify would not post (--force posts one anyway).\n`
      : empty
        ? `${quiet}golive notify would not post this digest (--post-empty posts it).\n`
        : "";
    return output(renderJson(payload), why);
  }
  // A channel that gets an empty digest every morning learns to skip the real ones.
  if (empty) return output(`${quiet}nothing posted (--post-empty posts it anyway).\n`);
  const url = webhookUrl(ctx, options);
  const result = await postJson(url, payload, {
    timeoutMs: options.timeout * 1000,
    retries: options.retries,
    backoffMs: 1000,
    maxWaitMs: 60_000,
  });
  if (!result.ok) {
    throw new GoliveError("delivery-failed", deliveryMessage(result), {
      hint:
        result.status !== undefined && result.status < 500 && result.status !== 429
          ? "the service refused the payload or the URL: check the webhook (the URL is not shown)"
          : "the service is down, slow or throttling: try again later, or raise --timeout / --retries",
    });
  }
  const sections = digest.overdue.length + digest.dueThisWeek.length + digest.blocked.length;
  return output(
    `Posted the digest to ${options.to} (${plural(sections, "item")} overdue, due or blocked; ${plural(result.attempts, "attempt")}).\n`,
  );
}
