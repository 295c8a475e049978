import { eraseCustomerData, type ErasureResult } from '../audit/erasure/customer-erasure';
import { accountsOfCustomer } from '../audit/erasure/customer-accounts';
import { scrubCustomerReadModels } from '../read/personal-data-scrub';
import type { Runtime } from './runtime';

/**
 * Erasing a customer in this runtime: their streams are the accounts their AccountOpened events
 * name them in, and their users; after the key is destroyed, the read models, snapshots and this process's
 * cached states that were folded from their plain text are cleared too.
 */
export const eraseCustomer = (runtime: Runtime, input: { customerId: string; reason: string; actor: string }): Promise<ErasureResult> =>
  eraseCustomerData(
    {
      store: runtime.store,
      keys: { status: (customerId) => runtime.personalData.status(customerId), erase: (customerId) => runtime.personalData.erase(customerId) },
      customerStreams: async (customerId) => {
        const users = (await runtime.users.list()).filter((user) => user.customerId === customerId).map((user) => `user-${user.userId}`);
        return [...(await accountsOfCustomer(runtime.store, customerId)), ...users];
      },
      afterErasure: async (customerId, streams) => {
        await scrubCustomerReadModels(runtime.readDb, customerId, streams);
        for (const streamId of streams) {
          await runtime.snapshots?.delete(streamId);
          const aggregate = runtime.aggregates.ofStream(streamId);
          if (aggregate) runtime.loader(aggregate.name).forget(streamId);
        }
      },
    },
    input,
  );
