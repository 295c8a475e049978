import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Decider } from '../core/decider';
import type { AccountCommand } from '../domain/account/commands';
import { accountDecider } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { testBackends } from '../store/testing/backends';
import { dispatchAccountCommand } from '../commands/account-commands';
import { createAccountLoader } from '../commands/aggregate-loaders';
import { handleCommand } from '../core/command-handler';

const run = promisify(execFile);
const backends = await testBackends();

describe.each(backends)('the aggregate cache with another process writing on $name', ({ create }) => {
  it('never decides on stale state: the other process’s withdrawal is folded in first', async () => {
    const backend = await create();
    try {
      const store = backend.open();
      const loader = createAccountLoader(store, null);
      const actor = 'test';
      const { accountId } = await dispatchAccountCommand(store, 'open', undefined, { owner: 'Ada', currency: 'EUR' }, { actor }, loader);
      await dispatchAccountCommand(store, 'deposit', accountId, { amount: 100_00 }, { actor }, loader);
      await loader.load(`account-${accountId}`);
      expect(loader.stats.hits).toBeGreaterThan(0);

      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'lib/server/testing/withdraw-in-another-process.ts', accountId, '8000'], {
        env: { ...process.env, DATABASE_URL: backend.url },
      });
      expect(JSON.parse(stdout)).toMatchObject({ version: 3 });

      const seen: number[] = [];
      const spying: Decider<AccountState, AccountCommand, AccountEvent> = {
        ...accountDecider,
        decide: (command, state) => {
          if (state.status === 'open') seen.push(state.balance);
          return accountDecider.decide(command, state);
        },
      };
      const withdraw: AccountCommand = {
        type: 'WithdrawMoney',
        data: { accountId, amount: 50_00 },
        metadata: { commandId: 'stale-check', now: new Date().toISOString(), actor },
      };
      await expect(
        handleCommand(store, spying, `account-${accountId}`, withdraw, { loader: loader as never }),
      ).rejects.toMatchObject({ code: 'insufficient_funds' });
      expect(seen).toEqual([20_00]);
      expect(loader.stats.hits).toBeGreaterThanOrEqual(2);
    } finally {
      await backend.cleanup();
    }
  });
});
