/** GOLIVE_GIT_TIMEOUT (io/git.ts gitTimeoutMs): seconds as people write them, else 20. */
import { expect, test } from "vitest";
import { gitTimeoutMs } from "../../src/io/git.js";

test("GOLIVE_GIT_TIMEOUT reads decimal seconds up to an hour; anything else is the default 20 s", () => {
  const ms = (value: string) => gitTimeoutMs({ GOLIVE_GIT_TIMEOUT: value });
  expect([ms("5"), ms(" 5 "), ms("1.5"), ms("3600")]).toEqual([5_000, 5_000, 1_500, 3_600_000]);
  // Number() alone reads hexadecimal, exponents and binary: 16 s, 1000 s, 1 s.
  for (const odd of ["0x10", "1e3", "0b1", "", "0", "-1", "3601", "1e309", "Infinity", "abc"])
    expect(ms(odd), odd).toBe(20_000);
  expect(gitTimeoutMs({})).toBe(20_000);
});
