/**
 * kill -9 under load, again and again: the web server (projections in
 * process), then the projector running as its own process. After the last
 * restart the store must hold every acknowledged append and nothing half
 * written, and the read models must converge to a replay of the events.
 *
 *   npm run build && npx tsx bench/reliability/crash.ts [--seconds 120] [--targets server,projector] [--backends sqlite,postgres]
 */
import { databaseConfig } from '../../lib/server/database-config';
import { createStoredEventStore } from '../../lib/server/event-store';
import { startScript, startServer, type Managed } from './processes';
import { arg, authHeaders, openAccounts, parseBackends, prepareDatabase, printTable, saveJson } from './setup';
import { verificationPassed, verifyRun } from './verify-run';
import { runWorkload } from './workload';

type Target = 'server' | 'projector' | 'sagas';

const seconds = Number(arg('seconds', '120'));
const connections = Number(arg('connections', '8'));
const backends = await parseBackends(arg('backends', 'sqlite,postgres'));
const targets = arg('targets', 'server,projector,sagas').split(',') as Target[];
const port = Number(arg('port', '3392'));
const headers = authHeaders();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

const runs = [];
let failed = false;
for (const backend of backends) {
  for (const target of targets) {
    const database = await prepareDatabase(backend);
    // The killed worker runs as its own process; the server leaves that work to it.
    const workers: Record<Exclude<Target, 'server'>, { env: Record<string, string>; start: () => Managed }> = {
      projector: { env: { CHRONICLE_IN_PROCESS_PROJECTIONS: 'off' }, start: () => startScript('scripts/projector.ts', ['--poll-ms', '100'], database.url) },
      sagas: { env: { CHRONICLE_IN_PROCESS_SAGAS: 'off' }, start: () => startScript('scripts/sagas.ts', [], database.url) },
    };
    const worker = target === 'server' ? null : workers[target];
    const serverEnv: Record<string, string> = worker?.env ?? {};
    let server: Managed = await startServer({ port, databaseUrl: database.url, env: serverEnv });
    let projector: Managed | null = worker ? worker.start() : null;
    const baseUrl = `http://127.0.0.1:${port}`;
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
            server = await startServer({ port, databaseUrl: database.url, env: serverEnv });
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
      // A command stored without an answer is allowed only where an answer was lost: with the killed
      // server, or in flight when the load stopped (at most one per connection).
      const unexplained = Math.max(0, verification.storedUnacknowledged - workload.transportErrors - connections);
      const ok = verificationPassed(verification) && workload.serverErrors.length === 0 && unexplained === 0;
      failed ||= !ok;
      runs.push({ backend, target, kills, ok, workload: { ...workload, acks: workload.acks.length }, verification });
      if (workload.serverErrors.length > 0) console.log('[crash] first 5xx answers:', workload.serverErrors.slice(0, 5));
      if (!ok) console.log('[crash] verification:', JSON.stringify(verification, null, 2).slice(0, 4_000));
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
    '5xx': run.workload.serverErrors.length,
    acked: run.verification.acknowledged,
    'acked missing': run.verification.acknowledgedMissing.length,
    'stored, answer lost': run.verification.storedUnacknowledged,
    'broken streams': run.verification.brokenStreams.length,
    'read model ≠ replay': run.verification.readModelMismatches.length,
    transfers: run.verification.transfers,
    'transfers unsettled': run.verification.transfersUnsettled.length,
    verdict: run.ok ? 'PASS' : 'FAIL',
  })),
);
console.log(`JSON: ${saveJson('crash', runs)}`);
process.exit(failed ? 1 : 0);
