/**
 * GOLIVE_GIT_TIMEOUT: how many seconds one local git command may take (io/git.ts). Seconds as
 * people write them (20, 1.5), from more than 0 up to an hour; `Number` alone would also read
 * 0x10, 1e3 and 0b1, which no setting of golive takes as a number.
 */
export const GIT_TIMEOUT_DEFAULT_SECONDS = 20;

/** The seconds `text` gives, or undefined when it gives none golive takes. */
export function gitTimeoutSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}(\.\d{1,3})?$/.test(trimmed)) return undefined;
  const given = Number(trimmed);
  return given > 0 && given <= 3600 ? given : undefined;
}
