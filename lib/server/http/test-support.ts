import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordedEvent } from '../../core/envelope';
import type { UpcastingEventStore } from '../../core/upcasting-store';
import { createSqliteTestDatabase } from '../../store/testing/test-databases';
import { DEMO_PASSWORD } from '../../auth/demo-users';
import { SESSION_COOKIE, sealSession } from '../auth/session';
import { findUser } from '../auth/user-directory';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../runtime/runtime';
import { installRuntime, uninstallRuntime, webRuntime } from '../web-runtime';

/* Helpers for the route tests: a temporary database behind the server's runtime, and terse requests. */

export type TemporaryStore = {
  /** The runtime the routes are served from, on the temporary database. */
  runtime: Runtime;
  /** The server's store; `.stored` writes and reads events exactly as stored. */
  store: UpcastingEventStore;
  /** Events of a stream, read through the store the routes use. */
  events: (streamId: string) => Promise<RecordedEvent[]>;
  /** Rows in the file itself, bypassing the store: proves the routes wrote where we think. */
  rowCount: () => number;
  release: () => Promise<void>;
};

/** Serves the routes from a runtime on a fresh migrated SQLite file; call before the first request. `options`: e.g. more aggregates. */
export const useTemporaryEventStore = (options: Omit<RuntimeOptions, 'config' | 'env'> = {}): TemporaryStore => {
  const filename = createSqliteTestDatabase();
  process.env.DATABASE_URL = `file:${filename}`;
  const runtime = installRuntime(createRuntime(options));
  const store = runtime.store;
  return {
    runtime,
    store,
    events: (streamId) => store.readStream(streamId),
    rowCount: () => {
      const db = new Database(filename, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    release: async () => {
      await runtime.close();
      uninstallRuntime();
      rmSync(dirname(filename), { recursive: true, force: true });
    },
  };
};

export const BASE = 'http://chronicle.test';

// Route tests seal their own session cookies; the demo secret file under data/ is for servers.
process.env.CHRONICLE_SESSION_SECRET ??= 'route-tests-only-session-secret-0123456789';

/**
 * Headers of a browser signed in as a demo user (`ann` the teller, `amir` the
 * auditor, `ada-lovelace`…): the session cookie, and the Origin a same-site page sends.
 */
export const signedInAs = async (username: string): Promise<Record<string, string>> => {
  const user = findUser(username);
  if (!user) throw new Error(`No demo user ${username}`);
  return { cookie: `${SESSION_COOKIE}=${await sealSession(user.principal.id)}`, origin: BASE };
};

/** Authorization: Basic for an API client; the demo password unless another is given. */
export const basicAuth = (username: string, password = DEMO_PASSWORD): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
});

export const getRequest = (path: string, headers: Record<string, string> = {}): Request => new Request(`${BASE}${path}`, { headers });

export const jsonRequest = (path: string, body: unknown, headers: Record<string, string> = {}): Request =>
  new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

export const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });

export type ErrorJson = { error: { code: string; message: string; issues?: Array<{ path: string; message: string }> } };

/** The server's projections, running in this process as the web server runs them. */
export const startProjections = () => {
  const manager = webRuntime().projections;
  void manager.start();
  return manager;
};
