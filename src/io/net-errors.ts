/** An error as a short code: Node's code, never its message (which may quote the server). */
export function netErrorCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string" && /^[A-Z][A-Z0-9_]{0,40}$/.test(err.code)) return err.code;
  if (err?.message === "timeout" || err?.message === "run-timeout") return err.message;
  if (typeof err?.message === "string" && /^[a-z][a-z0-9-]{0,40}$/.test(err.message))
    return err.message;
  return "failed";
}
