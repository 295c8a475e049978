import { describe, expect, it } from 'vitest';
import { handleCommand } from '../core/command-handler';
import { fold } from '../core/decider';
import { RuleViolation } from '../core/errors';
import type { AccountCommand } from '../domain/account/commands';
import { accountDecider, accountStreamId } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import { testBackends } from '../store/testing/backends';
import { dispatchAccountCommand } from '../commands/account-commands';

const backends = await testBackends();

describe.each(backends)('20 concurrent withdrawals on $name', ({ create }) => {
  it('never pass the overdraft limit; every accepted withdrawal is one event; versions are 1..n', async () => {
    const backend = await create();
    try {
      // Two store instances on one database stand for two server processes racing each other.
      const [first, second] = [backend.open(), backend.open()];
      const actor = 'test';
      const { accountId } = await dispatchAccountCommand(first, 'open', undefined, { owner: 'Ada', currency: 'EUR', overdraftLimit: 50_00 }, { actor });
      await dispatchAccountCommand(first, 'deposit', accountId, { amount: 100_00 }, { actor });
      const streamId = accountStreamId(accountId);

      const withdraw = (i: number) => {
        const command: AccountCommand = {
          type: 'WithdrawMoney',
          data: { accountId, amount: 10_00 },
          metadata: { commandId: `w-${i}`, now: new Date().toISOString(), actor },
        };
        return handleCommand(i % 2 ? first : second, accountDecider, streamId, command);
      };
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => withdraw(i)));

      const accepted = outcomes.filter((o) => o.status === 'fulfilled');
      const rejected = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(rejected.every((reason) => reason instanceof RuleViolation && reason.code === 'insufficient_funds')).toBe(true);
      expect(accepted).toHaveLength(15);

      const events = await first.readStream(streamId);
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'MoneyWithdrawn')).toHaveLength(accepted.length);
      const balances = events.map((_, i) => fold(accountDecider, events.slice(0, i + 1) as unknown as AccountEvent[]));
      for (const state of balances) if (state.status === 'open') expect(state.balance).toBeGreaterThanOrEqual(-50_00);
      expect(balances.at(-1)).toMatchObject({ balance: -50_00 });
    } finally {
      await backend.cleanup();
    }
  });
});
