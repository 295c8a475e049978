import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditQueriesOf, type AuditQueries, type StreamListQuery } from '../core/audit-queries';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { listStreamsOf } from '../core/in-memory-audit-queries';
import { ValidationError } from '../core/errors';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { testBackends } from '../store/testing/backends';
import { STREAM_SORTS, streamListPage } from './stream-list';

/*
 * The stream browser's one grouped query, in every adapter: each answer equals the in-memory
 * specification `listStreamsOf` over the whole history, and keyset pages join up without gaps or repeats.
 */

const START = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;
/** Sizes differ, two tie (for the size sort's tie-break), one category is a prefix of another. */
const STREAMS: Array<[string, number]> = [
  ['account-a', 5],
  ['account-b', 3],
  ['account-c', 3],
  ['accounting-x', 2],
  ['account_migrated-a', 1],
  ['transfer-t1', 4],
  ['transfer-t2', 1],
];

const writeHistory = async (store: EventStore, clock: { tick: number }) => {
  const left = new Map(STREAMS);
  // Interleaved, so the newest activity is not the order the streams were created in.
  for (let round = 0; [...left.values()].some((count) => count > 0); round += 1) {
    for (const [streamId] of round % 2 ? [...STREAMS].reverse() : STREAMS) {
      if (left.get(streamId)! === 0) continue;
      left.set(streamId, left.get(streamId)! - 1);
      clock.tick += 1;
      await store.appendToStream(streamId, [{ type: `Step${round}`, data: { round }, metadata: { actor: 'system', correlationId: `c-${round}`, causationId: null } }]);
    }
  }
};

type Adapter = { name: string; setUp: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }> };

const adapters: Adapter[] = [
  {
    name: 'in memory',
    setUp: async () => {
      const clock = { tick: 0 };
      const store = new InMemoryEventStore(() => new Date(START + clock.tick * MINUTE));
      await writeHistory(store, clock);
      return { store, cleanup: async () => {} };
    },
  },
  ...(await testBackends()).map(({ name, create }) => ({
    name,
    setUp: async () => {
      const backend = await create();
      const clock = { tick: 0 };
      const now = () => new Date(START + clock.tick * MINUTE);
      const store =
        name === 'SQLite' ? new SqliteEventStore({ filename: backend.url.slice('file:'.length), clock: now }) : new PostgresEventStore({ connectionString: backend.url, clock: now });
      await writeHistory(store, clock);
      return { store, cleanup: async () => (await store.close(), backend.cleanup()) };
    },
  })),
];

for (const adapter of adapters) {
  describe(`the stream list on ${adapter.name}`, () => {
    let audit: AuditQueries;
    let all: RecordedEvent[];
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      let store: EventStore;
      ({ store, cleanup } = await adapter.setUp());
      audit = auditQueriesOf(store)!;
      all = await store.readAll({ limit: 1000 });
    });
    afterAll(async () => cleanup());

    const QUERIES: Array<[string, Omit<StreamListQuery, 'sort' | 'limit'>]> = [
      ['everything', {}],
      ['a category that is a prefix of another', { category: 'account' }],
      ['a category with an underscore', { category: 'account_migrated' }],
      ['part of an id, in another case', { search: 'T1' }],
      ['part of an id or a holder’s streams', { search: 'zzz', searchIds: ['account-b', 'transfer-t2'] }],
    ];

    it.each(QUERIES)('lists %s exactly as specified, in every sort', async (_, filter) => {
      for (const sort of STREAM_SORTS) {
        const query = { ...filter, sort, limit: 100 };
        expect(await audit.listStreams(query)).toEqual(listStreamsOf(all, query));
      }
    });

    it('counts, times and the newest event of a stream', async () => {
      const [row] = await audit.listStreams({ search: 'account-a', sort: 'id', limit: 1 });
      const events = all.filter((event) => event.streamId === 'account-a');
      expect(row).toEqual({
        streamId: 'account-a',
        version: 5,
        firstVersion: 1,
        lastPosition: events.at(-1)!.globalPosition,
        lastType: events.at(-1)!.type,
        firstAt: events[0]!.recordedAt,
        lastAt: events.at(-1)!.recordedAt,
      });
      expect((await audit.listStreams({ sort: 'size', limit: 2 })).map((stream) => stream.streamId)).toEqual(['account-a', 'transfer-t1']);
    });

    it('pages by keyset: pages of 2 join up to the whole answer in every sort', async () => {
      for (const sort of STREAM_SORTS) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages += 1) {
          const page = await streamListPage(audit, { sort, limit: 2, ...(cursor ? { cursor } : {}) }, async () => new Map());
          seen.push(...page.rows.map((row) => row.streamId));
          if (page.nextCursor === null) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(listStreamsOf(all, { sort, limit: 100 }).map((row) => row.streamId));
      }
    });

    it('refuses a cursor of another sort or one it never issued', async () => {
      const first = await streamListPage(audit, { sort: 'size', limit: 2 }, async () => new Map());
      await expect(streamListPage(audit, { sort: 'recent', limit: 2, cursor: first.nextCursor! }, async () => new Map())).rejects.toThrow(ValidationError);
      await expect(streamListPage(audit, { sort: 'recent', limit: 2, cursor: 'bm90LWEtY3Vyc29y' }, async () => new Map())).rejects.toThrow(ValidationError);
    });
  });
}
