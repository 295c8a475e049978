import type { z } from 'zod';
import type { AuditQueries } from '../core/audit-queries';
import type { RecordedEvent } from '../core/envelope';
import { accountDecider } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import type { bankTotalsAtSchema } from './schemas';

export const ACCOUNT_EVENT_TYPES: AccountEvent['type'][] = ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'];
const BATCH = 2_000;

export type BankTotalsAt = z.infer<typeof bankTotalsAtSchema>;

/**
 * The bank's totals as the books stood at a moment: every account's events
 * recorded by then, folded by the domain's own `evolve`, then summed. Read from
 * the events, never from today's read models. `upcast` brings stored events to
 * the shapes `evolve` reads.
 */
export const bankTotalsAt = async (audit: AuditQueries, upcast: (event: RecordedEvent) => RecordedEvent, at: Date): Promise<BankTotalsAt> => {
  const accounts = new Map<string, AccountState>();
  const to = new Date(at.getTime() + 1);
  let cursor: number | undefined;
  let position = 0;
  let folded = 0;
  for (;;) {
    const batch = await audit.queryEvents({ category: 'account', types: ACCOUNT_EVENT_TYPES, to, cursor, order: 'asc', limit: BATCH });
    for (const stored of batch) {
      const event = upcast(stored) as unknown as AccountEvent & RecordedEvent;
      accounts.set(stored.streamId, accountDecider.evolve(accounts.get(stored.streamId) ?? accountDecider.initialState(), event));
      position = stored.globalPosition;
      folded += 1;
    }
    if (batch.length < BATCH) break;
    cursor = position;
  }
  const byStatus = { open: 0, closed: 0 };
  const byCurrency = new Map<string, { currency: string; balance: number; accounts: number }>();
  for (const state of accounts.values()) {
    if (state.status === 'none') continue;
    byStatus[state.status] += 1;
    const total = byCurrency.get(state.currency) ?? { currency: state.currency, balance: 0, accounts: 0 };
    total.balance += state.balance;
    total.accounts += 1;
    byCurrency.set(state.currency, total);
  }
  return {
    at: at.toISOString(),
    position,
    eventsFolded: folded,
    accountsByStatus: byStatus,
    totalsByCurrency: [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
};
