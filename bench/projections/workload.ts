import type { AccountEvent } from '../../lib/domain/account/events';

/** What a bench child reports for one rebuild. */
export type RebuildResult = { projection: string; events: number; ms: number; eventsPerSec: number; batches?: number; partial?: boolean };

export type TargetReport = {
  target: 'chronicle' | 'emmett';
  backend: 'sqlite' | 'postgresql';
  events: number;
  seedMs: number;
  rebuilds: RebuildResult[];
  /** All projections rebuilt at once: events folded (events × projections) per second overall. */
  together?: RebuildResult & { projections: number };
  /** After the rebuilds went live: events appended during the rebuild, and how long the live generations took to reach the head. */
  catchUp?: { events: number; ms: number };
  peakRssMb: number;
  notes: string[];
};

/** Events per account stream: one opening, then movements (a plausible busy account). */
export const EVENTS_PER_ACCOUNT = 100;
const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
const DAY_MS = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');

/**
 * The n-th event of account `a` (n from 0): an opening, then deposits,
 * withdrawals and now and then interest, spread over days so the daily flows
 * have many rows. About 200–250 bytes of JSON each, like the app's events.
 */
export const accountEvent = (a: number, n: number): AccountEvent => {
  const accountId = `acct-${a.toString().padStart(7, '0')}`;
  const currency = CURRENCIES[a % CURRENCIES.length]!;
  const at = new Date(START + n * (DAY_MS / 8) + a * 1000).toISOString();
  if (n === 0) {
    return {
      type: 'AccountOpened',
      data: { accountId, holder: { name: `Customer ${a}`, kind: 'person' }, customerId: `customer-${a}`, currency, overdraftLimit: 50_000, openedAt: at },
    };
  }
  if (n % 25 === 0) {
    return {
      type: 'InterestApplied',
      data: { accountId, amount: 10 + (n % 7), currency, rateBasisPoints: 125, periodStart: at, periodEnd: at, appliedAt: at },
    };
  }
  const amount = 100 + ((a * 31 + n * 17) % 9_900);
  return n % 3 === 0
    ? { type: 'MoneyWithdrawn', data: { accountId, amount: Math.floor(amount / 2), currency, description: `Card payment ${n} at Corner Shop Ltd`, withdrawnAt: at } }
    : { type: 'MoneyDeposited', data: { accountId, amount, currency, description: `Salary transfer ${n} from ACME Corporation`, depositedAt: at } };
};

/**
 * The append plan for `total` events: accounts take turns appending chunks
 * of their stream, so the log interleaves accounts as a live bank's does.
 */
export function* appendPlan(total: number, chunk = 50): Generator<{ account: number; from: number; events: AccountEvent[] }> {
  const accounts = Math.max(1, Math.ceil(total / EVENTS_PER_ACCOUNT));
  const written = new Array<number>(accounts).fill(0);
  let remaining = total;
  while (remaining > 0) {
    for (let a = 0; a < accounts && remaining > 0; a++) {
      const size = Math.min(chunk, EVENTS_PER_ACCOUNT - written[a]!, remaining);
      if (size <= 0) continue;
      const from = written[a]!;
      yield { account: a, from, events: Array.from({ length: size }, (_, i) => accountEvent(a, from + i)) };
      written[a] = from + size;
      remaining -= size;
    }
  }
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
