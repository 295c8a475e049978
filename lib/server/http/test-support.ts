import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordedEvent } from '../../core/envelope';
import type { UpcastingEventStore } from '../../core/upcasting-store';
import { createSqliteTestDatabase } from '../../store/testing/test-databases';
import { DEMO_PASSWORD } from '../../auth/demo-users';
import { SESSION_COOKIE, sealSession, sessionFor } from '../auth/session';
import { seedDemoUsers } from '../../seed/seed-users';
import { UserDirectory } from '../../auth/user-directory';
import { dispatchCommand } from '../../commands/dispatch';
import { InMemoryEventStore } from '../../core/in-memory-event-store';
import { userAggregate } from '../../domain/user/aggregate';
import { findUser } from '../auth/user-lookup';
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

/**
 * Serves the routes from a runtime on a fresh migrated SQLite file; call before the first request.
 * `options` are the runtime's (e.g. more aggregates). The demo users can sign in: by default from a
 * directory of their own (an in-memory store), so the test's store holds only the test's events;
 * `usersInStore` registers them in the test's store instead, for tests of users as data.
 */
export const useTemporaryEventStore = async (
  options: Omit<RuntimeOptions, 'config' | 'env'> & { usersInStore?: boolean } = {},
): Promise<TemporaryStore> => {
  const filename = createSqliteTestDatabase();
  process.env.DATABASE_URL = `file:${filename}`;
  const { usersInStore, ...runtimeOptions } = options;
  const runtime = installRuntime(createRuntime({ ...runtimeOptions, users: usersInStore ? undefined : (runtimeOptions.users ?? (await demoUserDirectory())) }));
  const store = runtime.store;
  if (usersInStore) await seedDemoUsers(runtime.commands);
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
  const user = await findUser(username);
  if (!user) throw new Error(`No user ${username} in the test database`);
  return { cookie: `${SESSION_COOKIE}=${await sealSession(sessionFor(user))}`, origin: BASE };
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

/** The demo users in a store of their own: who the route tests sign in as. */
export const demoUserDirectory = async (): Promise<UserDirectory> => {
  const users = new InMemoryEventStore();
  await seedDemoUsers({ send: (aggregate, command, id, input, context) => dispatchCommand(users, userAggregate, command, id, input, context) });
  return new UserDirectory(users);
};
