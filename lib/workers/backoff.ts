/** How long to wait before another try, after `failures` failures in a row. */
export type Backoff = { baseMs: number; maxMs: number };

/**
 * Exponential, capped, with ±20 % jitter so that processes that failed together do not retry
 * together. `random` is passed in by tests.
 */
export const backoffDelay = (failures: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number => {
  const exponential = baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 16);
  return Math.min(maxMs, exponential) * (0.8 + random() * 0.4);
};
