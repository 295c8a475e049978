import { PostgresEventStore } from '../../../lib/store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../../lib/store/sqlite/sqlite-event-store';
import type { EventStore } from '../../../lib/core/event-store';
import type { Backend, BenchTarget, TargetResource } from '../workloads';

/** Our store, through its public port, exactly as the app constructs it. */
export const openChronicle = async (backend: Backend, resource: TargetResource, withCommandId: boolean): Promise<BenchTarget> => {
  const store: EventStore =
    backend === 'sqlite'
      ? new SqliteEventStore({ filename: resource.sqliteFile!, synchronous: 'FULL' })
      : new PostgresEventStore({ connectionString: resource.pgUrl! });
  let commands = 0;
  return {
    notes: [
      backend === 'sqlite'
        ? 'SqliteEventStore (better-sqlite3, WAL, synchronous=FULL, group commit per event-loop turn), file migrated by createSqliteTestDatabase()'
        : 'PostgresEventStore (pg pool max 10, chronicle_append() under advisory lock), schema migrated by createPostgresTestSchema()',
      `expectedVersion: exact current version; 'no_stream' for new streams${withCommandId ? '; a commandId per append' : '; no commandId'}`,
    ],
    async append(streamId, events, expected) {
      const result = await store.appendToStream(streamId, events, {
        expectedVersion: expected,
        commandId: withCommandId ? `bench-cmd-${process.pid}-${++commands}` : undefined,
      });
      return result.nextExpectedVersion;
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).length;
    },
    close: () => store.close(),
  };
};
