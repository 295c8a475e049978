import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { type AdapterTracker, delegatingAdapter } from './delegating-adapter';

const MULTI_STATEMENT = /more than one statement/i;

/**
 * better-sqlite3 prepares one statement at a time, but the engine replays
 * whole migration scripts through executeRaw on the shadow database: those
 * go through exec instead.
 */
const acceptScripts = (inner: SqlDriverAdapter): SqlDriverAdapter =>
  delegatingAdapter(inner, {
    executeRaw: async (query) => {
      try {
        return await inner.executeRaw(query);
      } catch (error) {
        if (query.args.length > 0 || !MULTI_STATEMENT.test(String((error as Error)?.message))) throw error;
        await inner.executeScript(query.sql);
        return 0;
      }
    },
  });

export const sqliteMigrationAdapterFactory = (
  filename: string,
  tracker: AdapterTracker,
): SqlMigrationAwareDriverAdapterFactory => {
  const absolute = path.resolve(filename);
  mkdirSync(path.dirname(absolute), { recursive: true });
  const inner = new PrismaBetterSqlite3({ url: `file:${absolute}` });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => tracker.track(acceptScripts(await inner.connect())),
    connectToShadowDb: async () => tracker.track(acceptScripts(await inner.connectToShadowDb())),
  };
};
