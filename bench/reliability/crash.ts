/**
 * kill -9 under load, again and again: the web server (projections in
 * process), then the projector running as its own process. After the last
 * restart the store must hold every acknowledged append and nothing half
 * written, and the read models must converge to a replay of the events.
 *
 *   npm run build && npx tsx bench/reliability/crash.ts [--seconds 120] [--targets server,projector] [--backends sqlite,postgres]
 */
import { databaseConfig } from '../../lib/store/database-config';
import { createStoredEventStore } from '../../lib/store/create-event-store';
import { NatsBus } from '../../lib/outbox/nats-bus';
import { natsAvailable, TEST_NATS_URL } from '../../lib/outbox/testing/nats-availability';
import { uniqueBusNames } from '../../lib/outbox/testing/bus-messages';
import { startScript, startServer, type Managed } from './processes';
import { arg, signIn, openAccounts, parseBackends, prepareDatabase, printTable, saveJson } from './setup';
import { verificationPassed, verifyRun } from './verify-run';
import { runWorkload } from './workload';

type Target = 'server' | 'projector' | 'sagas' | 'relay';

const seconds = Number(arg('seconds', '120'));
const connections = Number(arg('connections', '8'));
const backends = await parseBackends(arg('backends', 'sqlite,postgres'));
const targets = arg('targets', 'server,projector,sagas,relay').split(',') as Target[];
const port = Number(arg('port', '3392'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

const runs = [];
let failed = false;
/** The relay publishes to NATS JetStream (a stream of this run's own); the other targets use the in-process bus. */
const withNats = targets.includes('relay') && (await natsAvailable());
const runTargets = targets.filter((target) => target !== 'relay' || withNats);

/** Waits until the outbox has published everything, then counts what JetStream holds: each event exactly once. */
const outboxDrained = async (baseUrl: string, headers: Record<string, string>, streamName: string, subjectPrefix: string) => {
  const deadline = Date.now() + 180_000;
  let status = { pending: -1, parked: -1, sent: -1 };
  while (Date.now() < deadline) {
    status = (await (await fetch(`${baseUrl}/api/outbox`, { headers })).json()) as typeof status;
    if (status.pending === 0) break;
    await sleep(500);
  }
  const bus = await NatsBus.connect({ servers: TEST_NATS_URL, streamName, subjectPrefix });
  try {
    return { ...status, inJetStream: await bus.storedCount() };
  } finally {
    await bus.deleteStream().catch(() => undefined);
    await bus.close();
  }
};

for (const backend of backends) {
  for (const target of runTargets) {
    const database = await prepareDatabase(backend);
    const nats = uniqueBusNames();
    const natsEnv: Record<string, string> =
      target === 'relay' ? { NATS_URL: TEST_NATS_URL, NATS_STREAM: nats.streamName, NATS_SUBJECT_PREFIX: nats.subjectPrefix } : {};
    // The killed worker runs as its own process; the server leaves that work to it.
    const workers: Record<Exclude<Target, 'server'>, { env: Record<string, string>; start: () => Managed }> = {
      projector: { env: { CHRONICLE_IN_PROCESS_PROJECTIONS: 'off' }, start: () => startScript('scripts/projector.ts', ['--poll-ms', '100'], database.url) },
      sagas: { env: { CHRONICLE_IN_PROCESS_SAGAS: 'off' }, start: () => startScript('scripts/sagas.ts', [], database.url) },
      relay: { env: { CHRONICLE_IN_PROCESS_RELAY: 'off', ...natsEnv }, start: () => startScript('scripts/relay.ts', [], database.url, natsEnv) },
    };
    const worker = target === 'server' ? null : workers[target];
    const serverEnv: Record<string, string> = worker?.env ?? {};
    let server: Managed = await startServer({ port, databaseUrl: database.url, env: { ...natsEnv, ...serverEnv } });
    let projector: Managed | null = worker ? worker.start() : null;
    const baseUrl = `http://127.0.0.1:${port}`;
    const headers = await signIn(baseUrl);
    let kills = 0;
    try {
      const accountIds = await openAccounts(baseUrl, 16, headers);
      console.log(`[crash] ${backend}: kill -9 the ${target} every few seconds for ${seconds} s under load`);
      let loading = true;
      const killer = (async () => {
        while (loading) {
          await sleep(randomBetween(3_000, 9_000));
          if (!loading) break;
          kills++;
          if (target === 'server') {
            await server.kill9();
            server = await startServer({ port, databaseUrl: database.url, env: { ...natsEnv, ...serverEnv } });
          } else {
            await projector!.kill9();
            projector = worker!.start();
          }
        }
      })();
      const workload = await runWorkload({ baseUrl, accountIds, seconds, connections, headers });
      loading = false;
      await killer;
      const store = createStoredEventStore(databaseConfig({ DATABASE_URL: database.url }));
      const verification = await verifyRun(store, workload.acks, baseUrl, headers).finally(() => store.close());
      const outbox = target === 'relay' ? await outboxDrained(baseUrl, headers, nats.streamName, nats.subjectPrefix) : null;
      // The outbox delivered everything: nothing pending or parked, and JetStream holds every event exactly once.
      const delivered = outbox === null || (outbox.pending === 0 && outbox.parked === 0 && outbox.inJetStream === verification.events);
      // A command stored without an answer is allowed only where an answer was lost: with the killed
      // server, or in flight when the load stopped (at most one per connection).
      const unexplained = Math.max(0, verification.storedUnacknowledged - workload.transportErrors - workload.answersCutOff - connections);
      const ok = verificationPassed(verification) && workload.serverErrors.length === 0 && unexplained === 0 && delivered;
      failed ||= !ok;
      runs.push({ backend, target, kills, ok, workload: { ...workload, acks: workload.acks.length }, verification, outbox });
      // Each run's verdict as it comes, so a later failure of the harness itself loses none of them.
      console.log(
        `[crash] ${backend}/${target}: ${ok ? 'PASS' : 'FAIL'}, ${kills} kills, ${workload.requests} requests, ${verification.acknowledged} acked, ` +
          `${verification.acknowledgedMissing.length} missing, ${verification.storedUnacknowledged} stored with the answer lost, ` +
          `read models caught up ${verification.projectionsCaughtUpMs} ms after the load, ${verification.transfers} transfers settled in ${verification.transfersSettledMs} ms`,
      );
      if (!delivered) console.log('[crash] outbox after the run:', outbox, 'events:', verification.events);
      if (workload.serverErrors.length > 0) console.log('[crash] first 5xx answers:', workload.serverErrors.slice(0, 5));
      if (!ok) console.log('[crash] verification:', JSON.stringify(verification, null, 2).slice(0, 4_000));
      if (!ok && verification.readModelMismatches.length > 0) {
        const projections = await fetch(`${baseUrl}/api/projections`, { headers, signal: AbortSignal.timeout(10_000) }).then((r) => r.text(), String);
        console.log(`[crash] GET /api/projections: ${projections.slice(0, 3_000)}`);
      }
      if (!ok && projector) {
        const state = projector.child.exitCode ?? projector.child.signalCode ?? 'running';
        console.log(`[crash] the last ${target} process (${state}) wrote:\n${projector.output().slice(-4_000)}`);
      }
    } finally {
      await projector?.stop();
      await server.stop();
      await database.drop();
    }
  }
}

printTable(
  'kill -9 under load, then verified against the store',
  runs.map((run) => ({
    backend: run.backend,
    killed: run.target,
    kills: run.kills,
    requests: run.workload.requests,
    'no answer (server down)': run.workload.transportErrors,
    'answer cut off': run.workload.answersCutOff,
    '5xx': run.workload.serverErrors.length,
    acked: run.verification.acknowledged,
    'acked missing': run.verification.acknowledgedMissing.length,
    'stored, answer lost': run.verification.storedUnacknowledged,
    'broken streams': run.verification.brokenStreams.length,
    'read model ≠ replay': run.verification.readModelMismatches.length,
    transfers: run.verification.transfers,
    'transfers unsettled': run.verification.transfersUnsettled.length,
    'outbox → JetStream': run.outbox ? `${run.outbox.inJetStream}/${run.verification.events}, ${run.outbox.parked} parked` : '',
    verdict: run.ok ? 'PASS' : 'FAIL',
  })),
);
console.log(`JSON: ${saveJson('crash', runs)}`);
process.exit(failed ? 1 : 0);
