/** Run as a separate process by the cache test: withdraws from an account through its own store. */
import { dispatchAccountCommand } from '../account-commands';
import { databaseConfig } from '../database-config';
import { createEventStore } from '../event-store';

const [accountId, amount] = process.argv.slice(2);
const store = createEventStore(databaseConfig());
try {
  const result = await dispatchAccountCommand(store, 'withdraw', accountId, { amount: Number(amount) }, { actor: 'other-process' });
  console.log(JSON.stringify(result));
} finally {
  await store.close();
}
