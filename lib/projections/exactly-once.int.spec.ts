import { describe, expect, it } from 'vitest';
import type { EventStore } from '../core/event-store';
import { isMigratedCopy } from '../core/migrated-from';
import { generateActivity } from '../commands/testing/activity';
import type { ReadDb } from '../read/read-db';
import { readSideBackends } from '../read/testing/read-side-backends';
import { accountSummaryProjection, type AccountSummaryDocument } from '../views/account-summary/projection';
import { accountTransactionsProjection } from '../views/account-transactions/projection';
import type { Projection } from './projection';
import { ProjectionManager } from './projection-manager';
import { projectedSummaries, replayedSummaries } from './testing/expected-summaries';

const backends = await readSideBackends();

/** Every money movement in the log, in order: what the ledger must hold, each exactly once. */
const movementsInLog = async (store: EventStore) => {
  const movements: Array<{ position: number; accountId: string }> = [];
  for (let from = 0; ; ) {
    const batch = await store.readAll({ fromPosition: from, limit: 500 });
    if (batch.length === 0) return movements;
    for (const event of batch) {
      if (['MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied'].includes(event.type) && !isMigratedCopy(event)) {
        movements.push({ position: event.globalPosition, accountId: event.streamId.slice('account-'.length) });
      }
    }
    from = batch.at(-1)!.globalPosition;
  }
};

const ledger = async (db: ReadDb) => {
  const generation = (await db.projection.findUnique({ where: { name: 'account-transactions' } }))?.activeGeneration ?? -1;
  const rows = await db.accountTransaction.findMany({ where: { generation }, orderBy: { position: 'asc' } });
  return rows.map((row) => ({ position: Number(row.position), accountId: row.accountId, amount: row.amount, balanceAfter: row.balanceAfter }));
};

/** The ledger's running balances chain: each line's balance is the previous line's plus its amount. */
const brokenChains = (rows: Awaited<ReturnType<typeof ledger>>) => {
  const balances = new Map<string, bigint>();
  return rows.filter((row) => {
    const expected = (balances.get(row.accountId) ?? 0n) + row.amount;
    balances.set(row.accountId, row.balanceAfter);
    return row.balanceAfter !== expected;
  });
};

describe.each(backends)('batched projections apply each event exactly once on $name', ({ create }) => {
  // Batch sizes that do not divide the log, live catch-up then a rebuild: an event applied twice shows as a doubled
  // ledger line (or a refused one) and a wrong balance; one skipped as a missing line and a wrong balance.
  it('holds every movement once in the ledger and every balance equal to a replay, across batches, catch-ups and a rebuild', async () => {
    const { store, db, cleanup } = await create();
    try {
      const projections = [accountSummaryProjection, accountTransactionsProjection];
      await generateActivity(store, 5, 60);
      const first = new ProjectionManager(store, db, projections, { batchSize: 7 });
      await first.catchUp();
      await first.stop(); // hands its leases to the next manager
      await generateActivity(store, 3, 31, 'later');
      const manager = new ProjectionManager(store, db, projections, { batchSize: 13, rebuildBatchSize: 11 });
      await manager.catchUp();
      expect((await manager.status()).map((s) => [s.status, s.lag.events])).toEqual([
        ['live', 0],
        ['live', 0],
      ]);
      const expected = await movementsInLog(store);
      expect((await ledger(db)).map(({ position, accountId }) => ({ position, accountId }))).toEqual(expected);
      expect(brokenChains(await ledger(db))).toEqual([]);
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));

      // Both rebuilt in one pass over the log (each batch read once, folded into each in turn).
      const generations = await Promise.all(projections.map((projection) => manager.startRebuild(projection)));
      await manager.runBuilds(projections.map((projection, i) => ({ projection, generation: generations[i]! })));
      expect(await projectedSummaries(db)).toEqual(await replayedSummaries(store));
      expect((await ledger(db)).map(({ position, accountId }) => ({ position, accountId }))).toEqual(expected);
      expect(brokenChains(await ledger(db))).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  // A folded batch is written as a whole: when the database refuses the write, the engine splits the batch
  // until it finds the event whose document was refused, commits what came before it and stops there.
  it('stops at the event whose write the database refuses, with everything before it committed', async () => {
    const { store, db, cleanup } = await create();
    try {
      await generateActivity(store, 4, 40);
      const refusedAt = 23;
      const refusing: Projection<AccountSummaryDocument> = {
        ...accountSummaryProjection,
        documents: {
          ...accountSummaryProjection.documents,
          write: async (sql, generation, changes) => {
            const refused = [...changes.values()].some((history) => history.some((document) => document?.position === BigInt(refusedAt)));
            // A constraint the database enforces, as a bad row would meet.
            if (refused) await sql.tx.$executeRawUnsafe('INSERT INTO account_summaries (generation) VALUES (NULL)');
            return accountSummaryProjection.documents.write(sql, generation, changes);
          },
        },
      };
      const manager = new ProjectionManager(store, db, [refusing], { batchSize: 50 });
      await manager.catchUp();
      const [status] = await manager.status();
      expect(status).toMatchObject({ status: 'failed', checkpoint: refusedAt - 1, lastError: { position: refusedAt } });
    } finally {
      await cleanup();
    }
  });
});
