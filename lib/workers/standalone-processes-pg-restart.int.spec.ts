import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAccountCommand } from '../commands/account-commands';
import { requestTransfer } from '../commands/transfer-commands';
import type { EventStore } from '../core/event-store';
import { createReadDb, type ReadDb } from '../read/read-db';
import { databaseConfig } from '../store/database-config';
import { PostgresEventStore } from '../store/postgres/postgres-event-store';
import { OwnPostgresServer, ownPostgresServerAvailable } from '../store/testing/own-postgres-server';

/*
 * `npm run sagas` and `npm run projector` against a PostgreSQL server of the test's own, which
 * the test restarts under them (never the machine's shared one). Before the fix the first restart
 * killed both: the server ended their idle pooled connections, the pool emitted 'error' and no one
 * listened. They must keep running and resume by themselves.
 */

const available = ownPostgresServerAvailable();

const actor = 'teller:ann';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
};

type Worker = { child: ChildProcess; output: () => string; exit: () => string | null };

const startWorker = (script: string, databaseUrl: string): Worker => {
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--poll-ms', '50'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CHRONICLE_TRANSFER_LEASE_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-6_000)));
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-6_000)));
  return { child, output: () => log, exit: () => (child.exitCode !== null || child.signalCode !== null ? String(child.exitCode ?? child.signalCode) : null) };
};

const endedTransfers = async (store: EventStore): Promise<number> =>
  (await store.readAll({ fromPosition: 0, limit: 10_000 })).filter((event) => event.type === 'TransferCompleted' || event.type === 'TransferFailed').length;

const projectedUpTo = async (db: ReadDb, head: number): Promise<boolean> => {
  const rows = await db.projectionCheckpoint.findMany({ where: { projection: 'account-summary' } });
  return rows.some((row) => Number(row.position) >= head);
};

describe.skipIf(!available)('standalone worker processes across a restart of their PostgreSQL', () => {
  let postgres: OwnPostgresServer;
  let store: PostgresEventStore;
  let db: ReadDb;
  const workers: Worker[] = [];

  beforeAll(async () => {
    postgres = await OwnPostgresServer.start();
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { env: { ...process.env, DATABASE_URL: postgres.url }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stdout}${migrated.stderr}`);
    store = new PostgresEventStore({ connectionString: postgres.url });
    db = createReadDb(databaseConfig({ DATABASE_URL: postgres.url }));
  });

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await store?.close().catch(() => undefined);
    await db?.$disconnect().catch(() => undefined);
    postgres?.destroy();
  });

  it.each(['fast', 'immediate'] as const)('keep running through a restart (-m %s) and finish the work asked of them meanwhile', async (mode) => {
    if (workers.length === 0) workers.push(startWorker('scripts/sagas.ts', postgres.url), startWorker('scripts/projector.ts', postgres.url));
    const [sagas, projector] = workers as [Worker, Worker];
    const a = `a-${mode}`;
    const b = `b-${mode}`;
    await dispatchAccountCommand(store, 'open', a, { owner: a, currency: 'EUR' }, { actor });
    await dispatchAccountCommand(store, 'open', b, { owner: b, currency: 'EUR' }, { actor });
    await dispatchAccountCommand(store, 'deposit', a, { amount: 1_000_00 }, { actor });
    const before = await endedTransfers(store);
    await requestTransfer(store, { from: a, to: b, amount: 1_00, currency: 'EUR' }, { actor });
    // Both have done work, so their pools hold idle connections when the server goes away.
    await eventually('the saga process ended the first transfer', async () => (await endedTransfers(store)) === before + 1);
    await eventually('the projector caught up', async () => projectedUpTo(db, await store.headPosition()));

    await postgres.restart(mode, 1_500);
    await sleep(500);
    expect(sagas.exit(), `the saga process exited:\n${sagas.output()}`).toBeNull();
    expect(projector.exit(), `the projector exited:\n${projector.output()}`).toBeNull();

    await eventually('the test store reaches the restarted server', async () => (await store.headPosition()) > 0, 20_000);
    await requestTransfer(store, { from: a, to: b, amount: 2_00, currency: 'EUR' }, { actor });
    await eventually(`the saga process ended the transfer asked after the restart:\n${sagas.output()}`, async () => (await endedTransfers(store)) === before + 2);
    await eventually(`the projector caught up after the restart:\n${projector.output()}`, async () => projectedUpTo(db, await store.headPosition()));
    expect(sagas.exit()).toBeNull();
    expect(projector.exit()).toBeNull();
  });
});

describe.skipIf(!available)('the projector started while PostgreSQL refuses new sessions (shutting down or starting up)', () => {
  let postgres: OwnPostgresServer;
  let session: pg.Client | null = null;
  let projector: Worker | null = null;

  afterAll(async () => {
    projector?.child.kill('SIGKILL');
    await session?.end().catch(() => undefined);
    postgres?.destroy();
  });

  it('waits for the server instead of exiting, then projects', async () => {
    postgres = await OwnPostgresServer.start();
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-migrate.ts'], { env: { ...process.env, DATABASE_URL: postgres.url }, encoding: 'utf8' });
    if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stdout}${migrated.stderr}`);
    // An open session keeps a smart shutdown waiting; meanwhile every new session is refused with 57P03.
    session = new pg.Client({ connectionString: postgres.url });
    session.on('error', () => undefined);
    await session.connect();
    postgres.beginSmartShutdown();
    projector = startWorker('scripts/projector.ts', postgres.url);
    const running = projector;
    await eventually('the projector met the refusal', async () => /57P03|shutting down/.test(running.output()), 30_000).catch(() => undefined);
    await sleep(1_000);
    expect(running.exit(), `the projector exited:\n${running.output()}`).toBeNull();

    postgres.stopServer('fast');
    await postgres.startServer();
    const store = new PostgresEventStore({ connectionString: postgres.url });
    const db = createReadDb(databaseConfig({ DATABASE_URL: postgres.url }));
    try {
      await dispatchAccountCommand(store, 'open', 'late', { owner: 'late', currency: 'EUR' }, { actor });
      await eventually(`the projector projected after the server came back:\n${running.output()}`, async () => projectedUpTo(db, await store.headPosition()));
      expect(running.exit()).toBeNull();
    } finally {
      await store.close();
      await db.$disconnect();
    }
  });
});
