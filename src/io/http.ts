/**
 * The one way golive talks HTTP (notify now, any later feature): a time bound on the whole
 * exchange and a size bound on the answer, which is read only up to `maxBytes` and then cut
 * off, so that a server streaming gigabytes costs neither memory nor time. Every request says
 * who sends it (`User-Agent: golive/VERSION`).
 */
import { VERSION } from "../version.js";

/** The most of an answer golive reads; a chat service's answer is a few bytes. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export const USER_AGENT = `golive/${VERSION}`;

export interface BoundedResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The answer's text, up to the bound (decoded as UTF-8, invalid bytes replaced). */
  text: string;
  /** Whether the answer was longer than the bound and was cut off. */
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of `response`'s body, then cancels the rest. `signal` (the request's
 * time bound) aborts a body that trickles.
 */
export async function readBounded(
  response: Response,
  maxBytes = MAX_RESPONSE_BYTES,
): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: "", truncated: false };
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - length;
      chunks.push(value.length > room ? value.subarray(0, room) : value);
      length += Math.min(value.length, room);
      if (value.length >= room && (value.length > room || !(await atEnd(reader)))) {
        truncated = true;
        break;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { text: new TextDecoder().decode(Buffer.concat(chunks, length)), truncated };
}

async function atEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<boolean> {
  const next = await reader.read();
  return next.done || next.value.length === 0;
}

/** Sends one request with the time and size bounds; network errors are thrown as fetch throws them. */
export async function request(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  options: { timeoutMs: number; maxBytes?: number },
): Promise<BoundedResponse> {
  // One signal for the whole exchange: headers and body alike end when it fires.
  const signal = AbortSignal.timeout(options.timeoutMs);
  const response = await fetch(url, {
    method: init.method,
    headers: { "user-agent": USER_AGENT, ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
    redirect: "error",
    signal,
  });
  const { text, truncated } = await readBounded(response, options.maxBytes);
  return { status: response.status, ok: response.ok, headers: response.headers, text, truncated };
}
