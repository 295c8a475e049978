import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { postgresAvailable } from '../../lib/store/testing/postgres-availability';
import { OwnPostgresServer } from '../../lib/store/testing/own-postgres-server';
import { createPostgresTestSchema, createSqliteTestDatabase } from '../../lib/store/testing/test-databases';
import { createRuntime } from '../../lib/runtime/runtime';
import { seedDemoUsers } from '../../lib/seed/seed-users';
import { ROOT } from './processes';

export type Backend = 'sqlite' | 'postgres';
export type PreparedDatabase = { backend: Backend; url: string; drop: () => Promise<void> };

/** A fresh, migrated database of the chosen kind with the demo users; PostgreSQL gets its own schema on the local server. */
export const prepareDatabase = async (backend: Backend): Promise<PreparedDatabase> => {
  const prepared = await freshDatabase(backend);
  await withDemoUsers(prepared.url);
  return prepared;
};

const freshDatabase = async (backend: Backend): Promise<PreparedDatabase> => {
  if (backend === 'sqlite') {
    const filename = createSqliteTestDatabase();
    return { backend, url: `file:${filename}`, drop: async () => rmSync(dirname(filename), { recursive: true, force: true }) };
  }
  if (!(await postgresAvailable())) throw new Error('PostgreSQL is not reachable on 127.0.0.1:5432');
  const { url, drop } = await createPostgresTestSchema();
  return { backend, url, drop };
};

/**
 * A PostgreSQL server of the check's own (initdb in a temporary directory, its own port), migrated
 * and with the demo users: a check that stops and starts the server never touches the machine's
 * shared one, which other tests use meanwhile.
 */
export const preparePrivatePostgres = async (): Promise<PreparedDatabase & { server: OwnPostgresServer }> => {
  const server = await OwnPostgresServer.start();
  try {
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: server.url }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`migrating the private PostgreSQL failed:\n${migrated.stdout}${migrated.stderr}`);
    await withDemoUsers(server.url);
  } catch (error) {
    server.destroy();
    throw error;
  }
  return { backend: 'postgres', url: server.url, server, drop: async () => server.destroy() };
};

/** The servers run outside demo mode, as in production: somebody must exist to sign in as. */
const withDemoUsers = async (databaseUrl: string): Promise<void> => {
  const runtime = createRuntime({ env: { ...process.env, DATABASE_URL: databaseUrl } });
  try {
    await seedDemoUsers(runtime.commands);
  } finally {
    await runtime.close();
  }
};

/** The backends asked for; PostgreSQL is left out with a warning on a laptop without it (in CI that throws). */
export const parseBackends = async (value: string): Promise<Backend[]> => {
  const asked = value.split(',').map((name) => {
    if (name !== 'sqlite' && name !== 'postgres') throw new Error(`Unknown backend ${name}: use sqlite, postgres or both`);
    return name;
  });
  return asked.includes('postgres') && !(await postgresAvailable()) ? asked.filter((name) => name !== 'postgres') : asked;
};

/** Accounts for the load to work on, each with some money so that withdrawals are sometimes allowed. */
export const openAccounts = async (baseUrl: string, count: number, headers: Record<string, string> = {}): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // A command id makes the retry of a request whose answer was lost safe; not `load-`: these are acknowledged here, not by the load.
    const body = JSON.stringify({ owner: `Load Customer ${i + 1}`, currency: 'EUR', overdraftLimit: 0, commandId: `setup-open-${randomUUID()}` });
    const send = () => fetch(`${baseUrl}/api/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const opened = await send().catch((error: unknown) => {
      console.log(`[setup] opening an account failed (${String((error as Error).cause ?? error)}); retrying once`);
      return send();
    });
    if (opened.status !== 201) throw new Error(`opening an account answered ${opened.status}: ${await opened.text()}`);
    const { accountId } = (await opened.json()) as { accountId: string };
    ids.push(accountId);
  }
  return ids;
};

/**
 * Signs in as a demo user (the teller by default) and answers the headers of
 * that browser session: its cookie and the Origin a same-site page sends. A
 * session rather than Basic credentials: Basic costs a bcrypt comparison per
 * request, which would be what the load measured.
 */
export const signIn = async (baseUrl: string, username = process.env.CHRONICLE_LOAD_USER ?? 'ann'): Promise<Record<string, string>> => {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ username, password: process.env.CHRONICLE_LOAD_PASSWORD ?? 'chronicle-demo' }),
  });
  if (response.status !== 200) throw new Error(`signing in as ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return { cookie, origin: baseUrl };
};

export const printTable = (title: string, rows: Array<Record<string, string | number>>): void => {
  console.log(`\n${title}`);
  console.table(rows);
};

export const saveJson = (name: string, value: unknown): string => {
  const file = join(ROOT, 'bench', 'reliability', 'results', `${name}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
};

export const arg = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
};
