/**
 * `npm run bench:load [-- --quick] [-- --backend sqlite|postgresql|both]`:
 * aggregate load time for streams of 100 … 1,000,000 events, with and without
 * snapshots, and the hot-aggregate cache's hit rate and effect. Not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AggregateLoader } from '../../lib/core/aggregate-loader';
import type { EventStore } from '../../lib/core/event-store';
import type { SnapshotStore } from '../../lib/core/snapshots';
import { accountDecider } from '../../lib/domain/account/decider';
import type { AccountEvent } from '../../lib/domain/account/events';
import type { AccountState } from '../../lib/domain/account/state';
import { dispatchAccountCommand } from '../../lib/commands/account-commands';
import { createAccountLoader } from '../../lib/commands/aggregate-loaders';
import { PostgresEventStore } from '../../lib/store/postgres/postgres-event-store';
import { PostgresSnapshotStore } from '../../lib/store/postgres/postgres-snapshot-store';
import { SqliteEventStore } from '../../lib/store/sqlite/sqlite-event-store';
import { SqliteSnapshotStore } from '../../lib/store/sqlite/sqlite-snapshot-store';
import { postgresAvailable } from '../../lib/store/testing/postgres-availability';
import { createPostgresTestSchema, createSqliteTestDatabase } from '../../lib/store/testing/test-databases';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, backend: { type: 'string', default: 'sqlite' } } });
const SIZES = values.quick ? [100, 10_000, 100_000] : [100, 10_000, 100_000, 1_000_000];
const EVERY = 100;
const at = '2026-06-01T00:00:00.000Z';

type Row = { backend: string; events: number; mode: string; loads: number; p50Ms: number; minMs: number; maxMs: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const timeLoads = async (load: () => Promise<unknown>, loads: number) => {
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const started = performance.now();
    await load();
    times.push(performance.now() - started);
  }
  return { loads, p50Ms: median(times), minMs: Math.min(...times), maxMs: Math.max(...times) };
};

/** Writes an account stream of `size` events in 1,000-event batches, and the snapshot the policy would have left. */
const writeStream = async (store: EventStore, snapshots: SnapshotStore, streamId: string, size: number) => {
  const opened: AccountEvent = { type: 'AccountOpened', data: { accountId: streamId, holder: { name: 'Bench', kind: 'organisation' }, customerId: null, currency: 'EUR', overdraftLimit: 0, openedAt: at } };
  let state = accountDecider.evolve(accountDecider.initialState(), opened);
  await store.appendToStream(streamId, [opened], { expectedVersion: 'no_stream' });
  for (let version = 1; version < size; ) {
    const count = Math.min(1000, size - version);
    const batch: AccountEvent[] = Array.from({ length: count }, (_, i) => ({
      type: 'MoneyDeposited',
      data: { accountId: streamId, amount: 100 + ((version + i) % 900), currency: 'EUR', description: 'Card settlement', depositedAt: at },
    }));
    await store.appendToStream(streamId, batch, { expectedVersion: version });
    state = batch.reduce(accountDecider.evolve, state);
    version += count;
    if (Math.floor(version / EVERY) > Math.floor((version - count) / EVERY)) {
      await snapshots.save({ streamId, version, stateSchemaVersion: 1, state, createdAt: new Date() });
    }
  }
};

const benchBackend = async (backend: string, store: EventStore, snapshots: SnapshotStore): Promise<{ rows: Row[]; cache: Record<string, number> }> => {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const streamId = `account-bench-${size}`;
    const started = performance.now();
    await writeStream(store, snapshots, streamId, size);
    console.error(`${backend}: wrote ${size.toLocaleString()} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const plain = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider);
    const withSnapshots = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, {
      snapshots: { store: snapshots, policy: { every: EVERY, stateSchemaVersion: 1 } },
    });
    const cached = new AggregateLoader<AccountState, AccountEvent>(store, accountDecider, { cache: { maxEntries: 100, maxBytes: 1e7 } });
    await cached.load(streamId);
    const replayLoads = size >= 1_000_000 ? 2 : size >= 100_000 ? 3 : 15;
    rows.push({ backend, events: size, mode: 'full replay', ...(await timeLoads(() => plain.load(streamId), replayLoads)) });
    rows.push({ backend, events: size, mode: 'snapshot + tail', ...(await timeLoads(() => withSnapshots.load(streamId), 30)) });
    rows.push({ backend, events: size, mode: 'cache hit (tail check)', ...(await timeLoads(() => cached.load(streamId), 30)) });
  }
  // Hit rate under a command mix: 2,000 deposits over 50 accounts, through the real dispatch path.
  const loader = createAccountLoader(store, null);
  const accounts: string[] = [];
  for (let i = 0; i < 50; i++) accounts.push((await dispatchAccountCommand(store, 'open', `mix-${i}`, { owner: `Mix ${i}`, currency: 'EUR' }, { actor: 'bench' }, loader)).accountId);
  const mixStarted = performance.now();
  for (let n = 0; n < 2000; n++) await dispatchAccountCommand(store, 'deposit', accounts[(n * 7919) % 50]!, { amount: 100 }, { actor: 'bench' }, loader);
  const withCacheMs = performance.now() - mixStarted;
  const uncached = createAccountLoader(store, null, false);
  const noCacheStarted = performance.now();
  for (let n = 0; n < 2000; n++) await dispatchAccountCommand(store, 'deposit', accounts[(n * 7919) % 50]!, { amount: 100 }, { actor: 'bench' }, uncached);
  const noCacheMs = performance.now() - noCacheStarted;
  const { hits, misses } = loader.stats;
  return {
    rows,
    cache: { hitRate: hits / (hits + misses), commandsPerSecWithCache: 2000 / (withCacheMs / 1000), commandsPerSecWithoutCache: 2000 / (noCacheMs / 1000) },
  };
};

const results: Array<{ backend: string; rows: Row[]; cache: Record<string, number> }> = [];
if (values.backend === 'sqlite' || values.backend === 'both') {
  const filename = createSqliteTestDatabase();
  const store = new SqliteEventStore({ filename });
  const snapshots = new SqliteSnapshotStore(filename);
  results.push({ backend: 'sqlite', ...(await benchBackend('sqlite', store, snapshots)) });
  await snapshots.close();
  await store.close();
}
if ((values.backend === 'postgresql' || values.backend === 'both') && (await postgresAvailable())) {
  const database = await createPostgresTestSchema();
  const store = new PostgresEventStore({ connectionString: database.url });
  results.push({ backend: 'postgresql', ...(await benchBackend('postgresql', store, new PostgresSnapshotStore(store.pool))) });
  await store.close();
  await database.drop();
}

for (const { backend, rows, cache } of results) {
  console.log(`\n=== Aggregate load, ${backend} (snapshots every ${EVERY} events) ===`);
  console.log(`${'events'.padStart(10)}  ${'mode'.padEnd(24)} ${'p50 ms'.padStart(10)} ${'min ms'.padStart(10)} ${'max ms'.padStart(10)}  loads`);
  for (const row of rows) {
    console.log(`${row.events.toLocaleString().padStart(10)}  ${row.mode.padEnd(24)} ${row.p50Ms.toFixed(2).padStart(10)} ${row.minMs.toFixed(2).padStart(10)} ${row.maxMs.toFixed(2).padStart(10)}  ${row.loads}`);
  }
  const snap = (events: number) => rows.find((r) => r.events === events && r.mode === 'snapshot + tail')!;
  const largest = SIZES.at(-1)!;
  const ratio = snap(largest).p50Ms / snap(100).p50Ms;
  console.log(`goal: with snapshots, ${largest.toLocaleString()} events within 2× of 100 events → ${ratio.toFixed(2)}× ${ratio <= 2 ? 'PASS' : 'MISS'}`);
  console.log(
    `cache: hit rate ${(cache.hitRate! * 100).toFixed(1)}% over 2,000 deposits to 50 accounts; ${cache.commandsPerSecWithCache!.toFixed(0)} commands/s with the cache, ${cache.commandsPerSecWithoutCache!.toFixed(0)} without`,
  );
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/load-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}Z.json`;
writeFileSync(file, JSON.stringify({ sizes: SIZES, every: EVERY, results }, null, 2));
console.log(`\nJSON: ${JSON.stringify({ sizes: SIZES, every: EVERY, results })}`);
