import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import type { Backend, BenchTarget, TargetResource } from '../workloads';

/**
 * Emmett 0.42 with the setup its docs show: `getSQLiteEventStore({ fileName })`
 * (node `sqlite3`, a connection opened per operation, WAL, the driver's default
 * busy_timeout of 1 s and synchronous=FULL) and `getPostgreSQLEventStore(url)` (dumbo over a pg.Pool of
 * 10). Its schema is migrated before the clock starts.
 */
export const openEmmett = async (backend: Backend, resource: TargetResource): Promise<BenchTarget> => {
  // Emmett's SQLite transaction wrapper console.logs every failed transaction (e.g.
  // SQLITE_BUSY); the errors are counted by the workloads, the printing is muted.
  const logged = new Set<string>();
  console.log = (...items: unknown[]) => {
    const first = items[0] as { code?: string; message?: string } | undefined;
    const kind = first?.message ? `${first.code ?? 'Error'}: ${first.message.split('\n')[0]}` : String(first);
    logged.add(kind);
  };

  const store =
    backend === 'sqlite' ? getSQLiteEventStore({ fileName: resource.sqliteFile! }) : getPostgreSQLEventStore(resource.pgUrl!);
  await store.schema.migrate();
  const notes = [
    backend === 'sqlite'
      ? 'getSQLiteEventStore({ fileName }) — defaults: a new sqlite3 connection per operation, WAL, busy_timeout 1 s and synchronous=FULL (sqlite3 driver defaults)'
      : 'getPostgreSQLEventStore(url) — defaults: dumbo pg.Pool (max 10), BEGIN + emt_append_to_stream() + COMMIT per append',
    'schema.migrate() run before timing; expectedStreamVersion: exact bigint (0n for new streams)',
  ];
  return {
    notes,
    async append(streamId, events, expected) {
      const result = await store.appendToStream(streamId, events, { expectedStreamVersion: BigInt(expected === 'no_stream' ? 0 : expected) });
      return Number(result.nextExpectedStreamVersion);
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).events.length;
    },
    async close() {
      for (const kind of logged.keys()) notes.push(`Emmett console.logs failed transactions, here: ${kind} (muted; what it then threw is counted above)`);
      if ('close' in store) await store.close();
    },
  };
};
