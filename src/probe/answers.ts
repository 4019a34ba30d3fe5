/** Reading the door's answers: failures, headers, a host's origin, an unreachable subject. */
import type { HttpAnswer } from "./net.js";
import type { ProbeFinding, ProbeHost } from "./types.js";

export const failed = (a: unknown): a is { error: string } =>
  typeof a === "object" && a !== null && "error" in a;

export function origin(h: ProbeHost): string {
  const def = h.scheme === "https" ? 443 : 80;
  return `${h.scheme}://${h.host}${h.port === def ? "" : `:${h.port}`}`;
}

/** The string form of a header, whether Node gave one value or many. */
export function header(a: HttpAnswer, name: string): string | undefined {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

export function unreachable(subject: string, error: string): ProbeFinding {
  return { code: "unreachable", result: "unknown", subject, found: error };
}
