import type { JournalEntry } from '../core/command-journal';

/*
 * A burst of commands that did not become events: at least BURST_COUNT refusals or version
 * conflicts on one stream within BURST_WINDOW_SECONDS (a retry loop, a client hammering a closed
 * account, writers racing). Read from the command journal, oldest first.
 */

export const BURST_COUNT = 5;
export const BURST_WINDOW_SECONDS = 60;

export type CommandBurst = {
  /** The first and last entry of the densest window found. */
  from: Date;
  to: Date;
  count: number;
  conflicts: number;
  refusals: number;
  /** The most frequent refusal code in it. */
  topCode: string;
  /** The stream version the first command of the burst was decided on. */
  version: number;
};

/** The densest window of at least `minimum` entries within `windowSeconds`, or null. Two pointers over entries sorted by time. */
export const findCommandBurst = (
  entries: ReadonlyArray<Pick<JournalEntry, 'at' | 'outcome' | 'code' | 'decidedAtVersion'>>,
  minimum = BURST_COUNT,
  windowSeconds = BURST_WINDOW_SECONDS,
): CommandBurst | null => {
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  let best: { start: number; end: number } | null = null;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]!.at.getTime() - sorted[start]!.at.getTime() > windowSeconds * 1000) start++;
    const size = end - start + 1;
    if (size >= minimum && (!best || size > best.end - best.start + 1)) best = { start, end };
  }
  if (!best) return null;
  const burst = sorted.slice(best.start, best.end + 1);
  const codes = new Map<string, number>();
  for (const entry of burst) codes.set(entry.code, (codes.get(entry.code) ?? 0) + 1);
  const topCode = [...codes].sort((a, b) => b[1] - a[1])[0]![0];
  const conflicts = burst.filter((entry) => entry.outcome === 'conflicted').length;
  return {
    from: burst[0]!.at,
    to: burst.at(-1)!.at,
    count: burst.length,
    conflicts,
    refusals: burst.length - conflicts,
    topCode,
    version: burst[0]!.decidedAtVersion,
  };
};
