import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prepareEvents } from '../../core/prepare-events';
import { postgresAvailable } from '../testing/postgres-availability';
import { createPostgresTestSchema } from '../testing/test-databases';
import { createPool } from './postgres-pool';
import { PostgresEventStore } from './postgres-event-store';

const available = await postgresAvailable();

const WRITERS = 8;
const APPENDS_PER_WRITER = 20;
const ROUNDS = 20;

/**
 * A writer that holds its transaction open for a random while after appending
 * and then commits or rolls back: the shape that makes late, lower positions.
 */
const slowTransactionalAppend = async (pool: pg.Pool, streamId: string): Promise<string[] | null> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const head = await client.query<{ version: number; hash: string }>(
      'SELECT stream_version AS version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      [streamId],
    );
    const prepared = prepareEvents(streamId, [{ type: 'Tx', data: {} }, { type: 'Tx', data: {} }], head.rows[0] ?? { version: 0, hash: null }, new Date(), undefined);
    const row = await client.query<{ status: string }>(
      'SELECT status FROM chronicle_append($1, $2, $3, $4, $5, $6::jsonb[], $7::jsonb[], $8, $9, NULL)',
      [
        streamId,
        head.rows[0]?.version ?? 0,
        prepared.map((e) => e.eventId),
        prepared.map((e) => e.type),
        prepared.map((e) => e.schemaVersion),
        prepared.map((e) => JSON.stringify(e.data)),
        prepared.map((e) => JSON.stringify(e.metadata)),
        prepared.map((e) => e.hash),
        prepared[0]!.recordedAt,
      ],
    );
    await sleep(Math.random() * 4);
    if (row.rows[0]!.status !== 'ok' || Math.random() < 0.3) {
      await client.query('ROLLBACK');
      return null;
    }
    await client.query('COMMIT');
    return prepared.map((e) => e.eventId);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

describe.runIf(available)('PostgreSQL global order under concurrent writers', () => {
  it(`a polling reader loses and duplicates nothing (${ROUNDS} rounds of ${WRITERS} writers with random rollbacks)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const database = await createPostgresTestSchema();
      const store = new PostgresEventStore({ connectionString: database.url, max: WRITERS + 2 });
      const rawPool = createPool({ connectionString: database.url, max: WRITERS });
      try {
        const committed = new Set<string>();
        let writing = true;
        const writers = Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < APPENDS_PER_WRITER; i++) {
            const streamId = `order-${w}-${i % 3}`;
            if (i % 2 === 0) {
              const ids = await slowTransactionalAppend(rawPool, streamId);
              ids?.forEach((id) => committed.add(id));
            } else {
              const eventId = randomUUID();
              await store.appendToStream(streamId, [{ type: 'Auto', data: { w, i }, eventId }]);
              committed.add(eventId);
            }
          }
        });
        const seen: string[] = [];
        const positions: number[] = [];
        const reader = (async () => {
          let checkpoint = 0;
          for (let drained = false; !drained; ) {
            const finalPass = !writing;
            const batch = await store.readAll({ fromPosition: checkpoint, limit: 50 });
            for (const event of batch) {
              seen.push(event.eventId);
              positions.push(event.globalPosition);
              checkpoint = event.globalPosition;
            }
            drained = finalPass && batch.length === 0;
            if (batch.length === 0) await sleep(1);
          }
        })();
        await Promise.all(writers);
        writing = false;
        await reader;

        expect(new Set(seen).size, `round ${round}: duplicates`).toBe(seen.length);
        expect([...committed].filter((id) => !seen.includes(id)), `round ${round}: lost events`).toEqual([]);
        expect(seen.length).toBe(committed.size);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      } finally {
        await store.close();
        await rawPool.end();
        await database.drop();
      }
    }
  }, 300_000); // twenty fresh schemas, each migrated: over a minute on a busy 2-core machine (the check is order, not speed)
});
