/**
 * The standalone background processes across PostgreSQL restarts: `npm run sagas`, `npm run
 * projector`, `npm run relay` and `npm run consumer:notifications` run as their own processes
 * (the scale-out topology) against a PostgreSQL server of this check's own, which it stops
 * (`pg_ctl stop -m fast`, then `-m immediate`, alternately) and starts again while transfers are
 * in flight. Each process must keep running (no exit) and resume by itself; afterwards every
 * transfer has ended, the read models equal a replay, the outbox has drained to JetStream (each
 * event once) and every notice is recorded. The machine's shared PostgreSQL is not touched.
 *
 * The processes also start while the server is still down (--start-down-ms, 0 to skip).
 *
 *   npx tsx bench/reliability/pg-restart-workers.ts [--seconds 60] [--restarts 4] [--down-ms 3000,8000] [--connections 4] [--pause-ms 200] [--start-down-ms 4000]
 */
import { randomUUID } from 'node:crypto';
import { fold } from '../../lib/core/decider';
import type { RecordedEvent } from '../../lib/core/envelope';
import { requestTransfer } from '../../lib/commands/transfer-commands';
import { dispatchAccountCommand } from '../../lib/commands/account-commands';
import { accountDecider } from '../../lib/domain/account/decider';
import type { AccountEvent } from '../../lib/domain/account/events';
import { natsAvailable, TEST_NATS_URL } from '../../lib/outbox/testing/nats-availability';
import { uniqueBusNames } from '../../lib/outbox/testing/bus-messages';
import { NatsBus } from '../../lib/outbox/nats-bus';
import { createRuntime } from '../../lib/runtime/runtime';
import { Checkpoints } from '../../lib/read/projection-checkpoints';
import { PostgresEventStore } from '../../lib/store/postgres/postgres-event-store';
import { createPool } from '../../lib/store/postgres/postgres-pool';
import { ownPostgresServerAvailable } from '../../lib/store/testing/own-postgres-server';
import { tallyJetStream, tallyNotices } from './cluster-checks';
import { startScript, type Managed } from './processes';
import { arg, preparePrivatePostgres, printTable, saveJson } from './setup';

const seconds = Number(arg('seconds', '60'));
const restarts = Number(arg('restarts', '4'));
const [downMin, downMax] = arg('down-ms', '3000,8000').split(',').map(Number) as [number, number];
const connections = Number(arg('connections', '4'));
/** Each connection's pause between transfers: the saga process keeps up with about 20 a second on a busy 2-core machine. */
const pauseMs = Number(arg('pause-ms', '200'));
const ACCOUNTS = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[pg-restart-workers ${elapsed()}] ${line}`);

if (!ownPostgresServerAvailable('pg-restart-workers')) process.exit(0);
if (!(await natsAvailable())) {
  console.warn(`⚠ SKIPPING pg-restart-workers: no NATS at ${TEST_NATS_URL}`);
  process.exit(0);
}

const database = await preparePrivatePostgres();
const postgres = database.server;
const databaseUrl = database.url;
const nats = uniqueBusNames();
const env: Record<string, string> = {
  NATS_URL: TEST_NATS_URL,
  NATS_STREAM: nats.streamName,
  NATS_SUBJECT_PREFIX: nats.subjectPrefix,
  // Short leases: a process that lost its connection with the lease takes it back soon after.
  CHRONICLE_TRANSFER_LEASE_MS: '3000',
};

const kinds = {
  sagas: () => startScript('scripts/sagas.ts', ['--poll-ms', '100'], databaseUrl, env),
  projector: () => startScript('scripts/projector.ts', ['--poll-ms', '100'], databaseUrl, env),
  relay: () => startScript('scripts/relay.ts', [], databaseUrl, env),
  notifications: () => startScript('scripts/consumer-notifications.ts', [], databaseUrl, env),
};
// The processes start while the server is down, as after a power cut where the database comes up last.
const startDownMs = Number(arg('start-down-ms', '4000'));
if (startDownMs > 0) postgres.stopServer('fast');
const processes: Record<string, Managed> = Object.fromEntries(Object.entries(kinds).map(([name, start]) => [name, start()]));
if (startDownMs > 0) {
  await sleep(startDownMs);
  await postgres.startServer();
}
const exits: Array<{ name: string; code: number | null; signal: string | null; at: string }> = [];
let stopping = false;
for (const [name, managed] of Object.entries(processes)) {
  managed.child.once('exit', (code, signal) => {
    if (stopping) return;
    exits.push({ name, code, signal, at: elapsed() });
    say(`${name} EXITED (${code ?? signal}):\n${managed.output().slice(-3_000)}`);
  });
}

// The load's own runtime: no workers of its own, so everything is left to the processes above.
const runtime = createRuntime({
  env: { ...process.env, ...env, DATABASE_URL: databaseUrl, CHRONICLE_IN_PROCESS_PROJECTIONS: 'off', CHRONICLE_IN_PROCESS_SAGAS: 'off', CHRONICLE_IN_PROCESS_RELAY: 'off', CHRONICLE_IN_PROCESS_NOTIFICATIONS: 'off' },
  log: () => undefined,
});
// The load's own store, on a pool that outlives the restarts whatever the code under test does with its pools.
const loadPool = createPool({ connectionString: databaseUrl });
loadPool.on('error', () => undefined);
const store = new PostgresEventStore({ connectionString: databaseUrl, pool: loadPool });
const checkpoints = new Checkpoints(runtime.readDb);
const actor = 'teller:reliability';

/** A command the database did not answer is sent again with the same command id until it is recorded (or a minute passes). */
const untilRecorded = async <T>(send: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(200);
    }
  }
};

let exitCode = 1;
try {
  const accountIds: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const accountId = randomUUID();
    await untilRecorded(() => dispatchAccountCommand(store, 'open', accountId, { owner: `Restart ${i}`, currency: 'EUR' }, { actor, commandId: `open-${accountId}` }));
    await untilRecorded(() => dispatchAccountCommand(store, 'deposit', accountId, { amount: 5_000_00 }, { actor, commandId: `fund-${accountId}` }));
    accountIds.push(accountId);
  }
  say(`${Object.keys(processes).join(', ')} running on ${databaseUrl}; ${restarts} restarts during ${seconds} s of transfers`);

  let loading = true;
  let requested = 0;
  let refusedWhileDown = 0;
  const load = async (worker: number) => {
    for (let n = 0; loading; n++) {
      const from = accountIds[(worker + n) % ACCOUNTS]!;
      const to = accountIds[(worker + n * 7 + 1) % ACCOUNTS]!;
      if (from === to) continue;
      const commandId = `load-${randomUUID()}`;
      const input = { from, to, amount: 100 + Math.floor(Math.random() * 90_000), currency: 'EUR', description: 'Restart transfer' };
      await untilRecorded(async () => {
        try {
          return await requestTransfer(store, input, { actor, commandId });
        } catch (error) {
          refusedWhileDown++;
          throw error;
        }
      });
      requested++;
      await sleep(pauseMs);
    }
  };
  const restartLog: Array<{ mode: string; downMs: number; at: string; requestedBefore: number }> = [];
  const loadEnds = Date.now() + seconds * 1_000;
  const restarter = (async () => {
    // Evenly spread over the load: restart i stops the server at (i + 1) / (restarts + 1) of it.
    const gap = (seconds * 1_000) / (restarts + 1);
    for (let i = 0; i < restarts; i++) {
      await sleep(loadEnds - seconds * 1_000 + gap * (i + 1) - Date.now());
      const mode = i % 2 === 0 ? 'fast' : 'immediate';
      const downMs = Math.round(downMin + Math.random() * (downMax - downMin));
      restartLog.push({ mode, downMs, at: elapsed(), requestedBefore: requested });
      say(`stopping PostgreSQL (-m ${mode}) for ${downMs} ms`);
      await postgres.restart(mode, downMs);
      say('PostgreSQL is back');
    }
    await sleep(loadEnds - Date.now());
  })();
  const loaders = Array.from({ length: connections }, (_, worker) => load(worker));
  await restarter;
  loading = false;
  await Promise.all(loaders);
  say(`load over: ${requested} transfers requested; waiting for the processes to finish the work`);

  // Every transfer ends, then the read models catch up, the outbox drains and every notice is recorded.
  const settleStarted = Date.now();
  const TERMINAL = new Set(['TransferCompleted', 'TransferFailed']);
  let events: RecordedEvent[] = [];
  let open = -1;
  for (;;) {
    events = await readEverything();
    const ended = new Set(events.filter((event) => TERMINAL.has(event.type)).map((event) => event.streamId));
    open = new Set(events.filter((event) => event.streamId.startsWith('transfer-') && !ended.has(event.streamId)).map((event) => event.streamId)).size;
    if (open === 0 || Date.now() - settleStarted > 120_000) break;
    await sleep(500);
  }
  const transfersSettledMs = Date.now() - settleStarted;
  await sleep(1_000);
  events = await readEverything();
  const head = events.at(-1)?.globalPosition ?? 0;
  let behind: string[] = [];
  for (const deadline = Date.now() + 120_000; ; ) {
    behind = [];
    for (const { name } of runtime.projectionList) {
      const generation = await checkpoints.activeGeneration(name);
      const position = generation === null ? 0 : ((await checkpoints.get(name, generation))?.position ?? 0);
      if (position < head) behind.push(`${name} at ${position}/${head}`);
    }
    if (behind.length === 0 || Date.now() > deadline) break;
    await sleep(250);
  }
  const projectionsCaughtUpMs = Date.now() - settleStarted;
  const mismatches: string[] = [];
  for (const accountId of accountIds) {
    const stream = events.filter((event) => event.streamId === `account-${accountId}`);
    const replayed = fold(accountDecider, stream as unknown as AccountEvent[]);
    const row = await runtime.queries.accountSummary({ accountId });
    const expected = replayed.status === 'none' ? null : { balance: replayed.balance, version: stream.length };
    if (!row || !expected || row.balance !== expected.balance || row.version !== expected.version) {
      mismatches.push(`${accountId}: read model ${JSON.stringify(row && { balance: row.balance, version: row.version })} vs replay ${JSON.stringify(expected)}`);
    }
  }
  let outbox = await runtime.outbox.counts();
  for (const deadline = Date.now() + 120_000; outbox.pending > 0 && Date.now() < deadline; ) {
    await sleep(500);
    outbox = await runtime.outbox.counts();
  }
  const jetstream = await tallyJetStream(TEST_NATS_URL, nats.streamName, nats.subjectPrefix, events);
  const notices = await tallyNotices(runtime.readDb, events, 120_000);
  const running = Object.entries(processes).filter(([, managed]) => managed.child.exitCode === null && managed.child.signalCode === null).map(([name]) => name);

  const checks = {
    'no process exited': exits.length === 0,
    'every transfer ended': open === 0,
    'read models = replay': behind.length === 0 && mismatches.length === 0,
    'outbox drained, each event once in JetStream': outbox.pending === 0 && outbox.parked === 0 && jetstream.missing === 0 && jetstream.extraCopies === 0,
    'every notice recorded': notices.missing === 0 && notices.unexpected === 0,
  };
  const ok = Object.values(checks).every(Boolean);
  exitCode = ok ? 0 : 1;
  if (!ok) {
    for (const [name, managed] of Object.entries(processes)) say(`${name} (${running.includes(name) ? 'running' : 'exited'}) wrote:\n${managed.output().slice(-2_500)}`);
    if (behind.length > 0 || mismatches.length > 0) say(`projections behind: ${behind.join('; ')}; mismatches: ${mismatches.slice(0, 5).join('; ')}`);
  }
  printTable('Standalone processes across restarts of a private PostgreSQL, under transfers', [
    {
      restarts: restartLog.map((restart) => `${restart.mode} ${restart.downMs} ms`).join(', '),
      transfers: requested,
      'refused while down (retried)': refusedWhileDown,
      'processes exited': exits.map((exit) => `${exit.name} (${exit.code ?? exit.signal}) at ${exit.at}`).join(', ') || 'none',
      'transfers open': open,
      'settled after load ms': transfersSettledMs,
      'read models caught up ms': projectionsCaughtUpMs,
      'read model ≠ replay': mismatches.length + behind.length,
      'outbox pending/parked': `${outbox.pending}/${outbox.parked}`,
      'JetStream missing/extra': `${jetstream.missing}/${jetstream.extraCopies}`,
      'notices missing': notices.missing,
      verdict: ok ? 'PASS' : 'FAIL',
    },
  ]);
  for (const [check, passed] of Object.entries(checks)) console.log(`  ${passed ? '✓' : '✗'} ${check}`);
  console.log(
    `JSON: ${saveJson('pg-restart-workers', { seconds, restarts: restartLog, requested, refusedWhileDown, exits, open, transfersSettledMs, projectionsCaughtUpMs, behind, mismatches, outbox, jetstream, notices, checks, ok, totalMs: Date.now() - started })}`,
  );
} finally {
  stopping = true;
  await Promise.all(Object.values(processes).map((managed) => managed.stop()));
  await runtime.close().catch(() => undefined);
  await store.close().catch(() => undefined);
  const bus = await NatsBus.connect({ servers: TEST_NATS_URL, streamName: nats.streamName, subjectPrefix: nats.subjectPrefix, waitForServer: false }).catch(() => null);
  await bus?.deleteStream().catch(() => undefined);
  await bus?.close();
  postgres.destroy();
}
say(`done in ${elapsed()}`);
process.exit(exitCode);

async function readEverything(): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await untilRecorded(() => store.readAll({ fromPosition: all.at(-1)?.globalPosition ?? 0, limit: 5_000 }));
    if (page.length === 0) return all;
    all.push(...page);
  }
}
