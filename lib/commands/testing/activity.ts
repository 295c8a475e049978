import type { EventStore } from '../../core/event-store';
import { dispatchAccountCommand } from '../account-commands';

/** Opens accounts and moves money around through the real command path. */
export const generateActivity = async (store: EventStore, accounts: number, movements: number, tag = 'a'): Promise<string[]> => {
  const actor = 'test';
  const ids: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const { accountId } = await dispatchAccountCommand(store, 'open', `${tag}-${i}`, { owner: `Owner ${i}`, currency: i % 2 ? 'EUR' : 'USD', overdraftLimit: 100 }, { actor });
    ids.push(accountId);
  }
  for (let n = 0; n < movements; n++) {
    const accountId = ids[n % ids.length]!;
    const name = n % 3 === 2 ? 'withdraw' : 'deposit';
    await dispatchAccountCommand(store, name, accountId, { amount: 100 + n }, { actor }).catch(() => undefined);
  }
  return ids;
};
