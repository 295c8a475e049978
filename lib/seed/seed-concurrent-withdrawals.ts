import { ConcurrencyError } from '../core/errors';
import type { CommandContext, DispatchResult } from '../commands/dispatch';

type Send = (aggregate: string, command: string, id: string | undefined, input: unknown, context: CommandContext) => Promise<DispatchResult>;

export const CONCURRENT_WITHDRAWALS_ACCOUNT = 'twin-tills';

/**
 * Two tellers withdraw from the same account, both having read it at the same version (If-Match):
 * one withdrawal is written, the other loses the race and is kept in the command journal, so the
 * debugger shows the losing command beside the winning event. Returns whether the race was lost as it should be.
 */
export const seedConcurrentWithdrawals = async (send: Send, at: Date, setTime: (at: Date) => void = () => {}): Promise<boolean> => {
  const id = CONCURRENT_WITHDRAWALS_ACCOUNT;
  // The store records each event at the minute its command was decided, as the journal records the lost one.
  const minute = (n: number) => {
    const time = new Date(at.getTime() + n * 60_000);
    setTime(time);
    return time;
  };
  await send('account', 'open', undefined, { owner: 'Twin Tills Ltd', customerId: 'twin-tills', holderKind: 'organisation', currency: 'EUR' }, { actor: 'teller:ann', id, now: minute(0) });
  const { version } = await send('account', 'deposit', id, { amount: 500_00, description: 'Float' }, { actor: 'teller:ann', now: minute(1) });
  const withdraw = (actor: string) => send('account', 'withdraw', id, { amount: 300_00, description: 'Cash for the till' }, { actor, expectedVersion: version, now: minute(2) });
  const [first, second] = await Promise.allSettled([withdraw('teller:ann'), withdraw('teller:grace')]);
  return first.status === 'fulfilled' && second.status === 'rejected' && second.reason instanceof ConcurrencyError;
};
