/** Bounding how much runs at once (the probe's requests: 8 at a time by default). */

/**
 * A counting gate: at most `n` tasks run at once. A finishing task hands its slot straight to
 * the first waiter, so a task that arrives between the release and the waiter's resume waits
 * too (counting down and up again let it in: n + 1 ran at once).
 */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
