import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../sse/stream-filter';
import { ownEventFilter } from './own-streams';

/* A customer's live events: their accounts, including one opened for them after they connected. */

const opened = (streamId: string, customerId: string) => ({ streamId, type: 'AccountOpened', data: { accountId: streamId.slice(8), customerId } });
const deposited = (streamId: string) => ({ streamId, type: 'MoneyDeposited', data: { amount: 1 } });

describe("a customer's live event filter", () => {
  it('lets in an account opened for them after they connected, from its opening event on, and no account of anyone else', () => {
    const filter = ownEventFilter(null, new Set(['account-ada-1']), 'ada');
    expect(matchesFilter(filter, 'account-ada-1', deposited('account-ada-1'))).toBe(true);
    expect(matchesFilter(filter, 'account-ada-2', deposited('account-ada-2'))).toBe(false);
    expect(matchesFilter(filter, 'account-bob-1', opened('account-bob-1', 'bob'))).toBe(false);
    expect(matchesFilter(filter, 'account-ada-2', opened('account-ada-2', 'ada'))).toBe(true);
    expect(matchesFilter(filter, 'account-ada-2', deposited('account-ada-2'))).toBe(true);
    expect(matchesFilter(filter, 'account-bob-1', deposited('account-bob-1'))).toBe(false);
  });

  it('follows new accounts only when the account category was asked for (or everything), and not at all without a customer id', () => {
    const oneStream = { streams: new Set(['account-ada-1']), categories: new Set<string>() };
    expect(matchesFilter(ownEventFilter(oneStream, new Set(['account-ada-1']), 'ada'), 'account-ada-2', opened('account-ada-2', 'ada'))).toBe(false);
    const accounts = { streams: new Set<string>(), categories: new Set(['account']) };
    expect(matchesFilter(ownEventFilter(accounts, new Set(), 'ada'), 'account-ada-2', opened('account-ada-2', 'ada'))).toBe(true);
    expect(matchesFilter(ownEventFilter(null, new Set(), undefined), 'account-ada-2', opened('account-ada-2', 'ada'))).toBe(false);
  });
});
