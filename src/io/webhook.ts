/**
 * Posting JSON to a chat webhook, for `golive notify`: a timeout per attempt, and retries with
 * back-off on 429 and 5xx that honour Retry-After. The URL is a secret (it is the credential):
 * it is never put in a result, an error or a log.
 */

import { request } from "./http.js";

export interface PostOptions {
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** The first back-off; doubled each time. */
  backoffMs: number;
  /** No wait is longer than this, whatever Retry-After asks. */
  maxWaitMs: number;
}

export type PostResult =
  | { ok: true; attempts: number; status: number }
  | {
      ok: false;
      attempts: number;
      status?: number;
      reason: string;
      /** What the service answered to a refusal: cut short, the URL taken out. */
      said?: string;
    };

/** The most of a refusal's answer that is shown. */
const SAID_CHARS = 200;

/**
 * The parts of a webhook URL that may be its credential: the whole, its path and query, and
 * each path segment and query value of 6 characters or more (Slack's token is the last segment,
 * a Teams workflow's the `sig` query value), as written and decoded, longest first.
 */
function secretParts(url: string): string[] {
  const parsed = new URL(url);
  const parts = [url, url.replace(/\/$/, ""), parsed.pathname, parsed.search.slice(1), parsed.host];
  for (const segment of parsed.pathname.split("/")) parts.push(segment);
  for (const pair of parsed.search.slice(1).split("&"))
    parts.push(pair.slice(pair.indexOf("=") + 1));
  const decoded = parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return [...new Set([...parts, ...decoded])]
    .filter((p) => p.length >= 6)
    .sort((a, b) => b.length - a.length);
}

/** A service's answer as it may be shown: no part of the webhook URL in it, cut short. */
export function answerShown(text: string, url: string): string {
  let shown = text;
  for (const secret of secretParts(url)) shown = shown.split(secret).join("<webhook>");
  shown = shown.trim();
  return shown.length > SAID_CHARS ? `${shown.slice(0, SAID_CHARS)}...` : shown;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why a request failed, without the URL (undici's messages can carry it). */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "no answer within the timeout";
  }
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === "string" ? `network error ${code}` : "network error";
}

export async function postJson(
  url: string,
  body: unknown,
  options: PostOptions,
): Promise<PostResult> {
  const payload = JSON.stringify(body);
  let last: PostResult = { ok: false, attempts: 0, reason: "not sent" };
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    let wait = options.backoffMs * 2 ** (attempt - 1);
    try {
      const response = await request(
        url,
        {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body: payload,
        },
        { timeoutMs: options.timeoutMs },
      );
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = {
        ok: false,
        attempts: attempt,
        status: response.status,
        reason: `HTTP ${response.status}`,
        ...(answerShown(response.text, url) !== ""
          ? { said: answerShown(response.text, url) }
          : {}),
      };
      if (response.status !== 429 && response.status < 500) return last;
      wait = retryAfterMs(response.headers.get("retry-after"), Date.now()) ?? wait;
    } catch (error) {
      last = { ok: false, attempts: attempt, reason: networkReason(error) };
    }
    if (attempt <= options.retries) await sleep(Math.min(wait, options.maxWaitMs));
  }
  return last;
}
