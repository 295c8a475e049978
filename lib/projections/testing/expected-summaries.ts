import type { EventStore } from '../../core/event-store';
import { isMigratedCopy } from '../../core/migrated-from';
import type { AccountEvent } from '../../domain/account/events';
import { accountDecider } from '../../domain/account/decider';
import type { ReadDb } from '../../read/read-db';

/** Balance and version of every account by full replay: what the summaries must equal. */
export const replayedSummaries = async (store: EventStore): Promise<Record<string, { balance: number; version: number; status: string }>> => {
  const byStream = new Map<string, AccountEvent[]>();
  for (let from = 0; ; ) {
    const batch = await store.readAll({ fromPosition: from, limit: 1000 });
    if (batch.length === 0) break;
    for (const event of batch) {
      if (!event.streamId.startsWith('account-') || isMigratedCopy(event)) continue;
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event as unknown as AccountEvent]);
    }
    from = batch.at(-1)!.globalPosition;
  }
  const result: Record<string, { balance: number; version: number; status: string }> = {};
  for (const [streamId, events] of byStream) {
    const state = events.reduce(accountDecider.evolve, accountDecider.initialState());
    if (state.status !== 'none') result[streamId.slice('account-'.length)] = { balance: state.balance, version: events.length, status: state.status };
  }
  return result;
};

export const projectedSummaries = async (db: ReadDb): Promise<Record<string, { balance: number; version: number; status: string }>> => {
  const active = (await db.projection.findUnique({ where: { name: 'account-summary' } }))?.activeGeneration;
  const rows = await db.accountSummary.findMany({ where: { generation: active ?? -1 } });
  return Object.fromEntries(rows.map((row) => [row.accountId, { balance: Number(row.balance), version: row.version, status: row.status }]));
};
