import { auditQueriesOf } from '../../core/audit-queries';
import type { UpcastingEventStore } from '../../core/upcasting-store';

const PAGE = 1_000;

/**
 * The account streams a customer holds, from the events themselves (every AccountOpened, upcast so
 * a legacy holder maps to its customer id), not from a read model that may lag behind an account
 * opened a moment ago. One pass over the accounts' first events: bounded by the number of accounts.
 */
export const accountsOfCustomer = async (store: UpcastingEventStore, customerId: string): Promise<string[]> => {
  const queries = auditQueriesOf(store.stored);
  if (!queries) throw new Error('This store cannot list events by type');
  const streams: string[] = [];
  for (let cursor: number | undefined; ; ) {
    const page = await queries.queryEvents({ category: 'account', types: ['AccountOpened'], order: 'asc', limit: PAGE, cursor });
    for (const event of page) {
      if ((store.upcasters.upcast(event).data as { customerId?: unknown }).customerId === customerId) streams.push(event.streamId);
    }
    if (page.length < PAGE) break;
    cursor = page.at(-1)!.globalPosition;
  }
  return streams;
};
