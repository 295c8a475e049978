import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditQueriesOf, type AuditQueries, type EventQuery } from '../core/audit-queries';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { matchesEventQuery } from '../core/in-memory-audit-queries';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';
import { testBackends, type TestBackend } from '../store/testing/backends';
import { trailPage, trailRows, type TrailFilter } from './audit-trail';

/*
 * The same history in every adapter; each filter's SQL answer must equal the
 * predicate `matchesEventQuery` applied to the whole global order.
 */

const START = Date.parse('2026-03-01T00:00:00.000Z');
const MINUTE = 60_000;
const STREAMS = ['account-a', 'account-b', 'account_migrated-a', 'accounting-x', 'transfer-t1'];
const ACTORS = ['customer:ada', 'teller:tess', 'system'];
const TYPES = ['MoneyDeposited', 'MoneyWithdrawn', 'AccountOpened'];

const writeHistory = async (open: (clock: () => Date) => EventStore): Promise<EventStore> => {
  let tick = 0;
  const store = open(() => new Date(START + tick * MINUTE));
  for (let index = 0; index < 60; index += 1) {
    tick = index;
    await store.appendToStream(STREAMS[index % STREAMS.length]!, [
      {
        type: TYPES[index % 3]!,
        data: { amount: index },
        metadata: { actor: ACTORS[index % 4 === 0 ? 2 : index % 2]!, correlationId: `corr-${index % 7}`, causationId: index % 5 === 0 ? `cause-${index}` : null },
      },
    ]);
  }
  return store;
};

const FILTERS: Array<[string, TrailFilter]> = [
  ['nothing', {}],
  ['actor', { actor: 'teller:tess' }],
  ['one type', { types: ['MoneyWithdrawn'] }],
  ['two types', { types: ['MoneyWithdrawn', 'AccountOpened'] }],
  ['time range', { from: new Date(START + 10 * MINUTE), to: new Date(START + 25 * MINUTE) }],
  ['correlation', { correlationId: 'corr-3' }],
  ['causation', { causationId: 'cause-15' }],
  ['an id that is no UUID', { eventId: 'not-a-uuid' }],
  ['stream', { streamId: 'account-b' }],
  ['category with an underscore', { category: 'account_migrated' }],
  ['category, not a prefix of another', { category: 'account' }],
  ['everything at once', { actor: 'customer:ada', types: ['MoneyDeposited', 'MoneyWithdrawn'], from: new Date(START + 5 * MINUTE), category: 'account' }],
  ['no match', { actor: 'nobody' }],
];

type Adapter = { name: string; setUp: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }> };

const fromBackend = (create: () => Promise<TestBackend>, open: (backend: TestBackend, clock: () => Date) => EventStore): Adapter['setUp'] => async () => {
  const backend = await create();
  const opened: EventStore[] = [];
  const store = await writeHistory((clock) => {
    const one = open(backend, clock);
    opened.push(one);
    return one;
  });
  return { store, cleanup: async () => (await Promise.all(opened.map((one) => one.close())), backend.cleanup()) };
};

const adapters: Adapter[] = [
  { name: 'in memory', setUp: async () => ({ store: await writeHistory((clock) => new InMemoryEventStore(clock)), cleanup: async () => {} }) },
  ...(await testBackends()).map(({ name, create }) => ({
    name,
    setUp: fromBackend(create, (backend, clock) =>
      name === 'SQLite' ? new SqliteEventStore({ filename: backend.url.slice('file:'.length), clock }) : new PostgresEventStore({ connectionString: backend.url, clock }),
    ),
  })),
];

for (const adapter of adapters) {
  describe(`the audit trail on ${adapter.name}`, () => {
    let store: EventStore;
    let audit: AuditQueries;
    let all: RecordedEvent[];
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await adapter.setUp());
      audit = auditQueriesOf(store)!;
      all = await store.readAll({ limit: 1000 });
    });
    afterAll(async () => cleanup());

    const expected = (query: EventQuery) => {
      const ordered = query.order === 'asc' ? all : [...all].reverse();
      return ordered.filter((event) => matchesEventQuery(event, query)).slice(0, query.limit).map((event) => event.globalPosition);
    };

    it.each(FILTERS)('filters by %s exactly as specified, in both orders', async (_, filter) => {
      for (const order of ['asc', 'desc'] as const) {
        const query = { ...filter, order, limit: 100 };
        const found = await audit.queryEvents(query);
        expect(found.map((event) => event.globalPosition)).toEqual(expected(query));
      }
    });

    it('finds one event by its id', async () => {
      const [found] = await audit.queryEvents({ eventId: all[17]!.eventId, order: 'asc', limit: 5 });
      expect(found?.globalPosition).toBe(all[17]!.globalPosition);
    });

    it('finds what each filter is about', async () => {
      const streamsOf = async (category: string) => new Set((await audit.queryEvents({ category, order: 'asc', limit: 100 })).map((event) => event.streamId));
      expect(await streamsOf('account_migrated')).toEqual(new Set(['account_migrated-a']));
      expect(await streamsOf('account')).toEqual(new Set(['account-a', 'account-b']));
      expect((await audit.queryEvents({ correlationId: 'corr-3', order: 'asc', limit: 100 })).length).toBeGreaterThan(5);
    });

    it('pages by keyset: pages of 7 join up to the whole answer in both orders', async () => {
      const filter: TrailFilter = { category: 'account' };
      for (const order of ['asc', 'desc'] as const) {
        const seen: number[] = [];
        let cursor: number | undefined;
        for (let pages = 0; pages < 20; pages += 1) {
          const page = await trailPage(audit, filter, { cursor, limit: 7, order });
          seen.push(...page.rows.map((row) => row.globalPosition));
          if (page.nextCursor === null) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(expected({ ...filter, order, limit: 1000 }));
      }
    });

    it('streams every matching row for an export', async () => {
      const rows = [];
      for await (const row of trailRows(audit, { actor: 'system' })) rows.push(row);
      expect(rows.map((row) => row.globalPosition)).toEqual(expected({ actor: 'system', order: 'asc', limit: 1000 }));
      expect(rows[0]).toMatchObject({ actor: 'system', recordedAt: new Date(START).toISOString(), streamId: 'account-a', streamVersion: 1 });
    });
  });
}
