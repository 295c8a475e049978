/**
 * Drives the JSON API of the built app with a mix of commands and queries for
 * a while, on SQLite and on PostgreSQL, then checks the outcome: every
 * acknowledged command is in the store, every stream whole, read models equal
 * a replay, no 5xx. Prints throughput and latency percentiles as a table and JSON.
 *
 *   npm run build && npx tsx bench/reliability/load.ts [--seconds 180] [--connections 16] [--backends sqlite,postgres]
 */
import { databaseConfig } from '../../lib/store/database-config';
import { createStoredEventStore } from '../../lib/store/create-event-store';
import { startServer } from './processes';
import { arg, signIn, openAccounts, parseBackends, prepareDatabase, printTable, saveJson } from './setup';
import { verificationPassed, verifyRun } from './verify-run';
import { runWorkload } from './workload';

const seconds = Number(arg('seconds', '180'));
const connections = Number(arg('connections', '16'));
const backends = await parseBackends(arg('backends', 'sqlite,postgres'));
const port = Number(arg('port', '3391'));

const runs = [];
let failed = false;
for (const backend of backends) {
  const database = await prepareDatabase(backend);
  const server = await startServer({ port, databaseUrl: database.url });
  const baseUrl = `http://127.0.0.1:${port}`;
  const headers = await signIn(baseUrl);
  try {
    const accountIds = await openAccounts(baseUrl, 24, headers);
    console.log(`[load] ${backend}: ${connections} connections for ${seconds} s on ${accountIds.length} accounts`);
    const workload = await runWorkload({ baseUrl, accountIds, seconds, connections, headers });
    const store = createStoredEventStore(databaseConfig({ DATABASE_URL: database.url }));
    const verification = await verifyRun(store, workload.acks, baseUrl, headers).finally(() => store.close());
    const ok = verificationPassed(verification) && workload.serverErrors.length === 0 && workload.transportErrors === 0 && workload.answersCutOff === 0;
    failed ||= !ok;
    runs.push({ backend, seconds, connections, ok, workload: { ...workload, acks: workload.acks.length }, verification });
    if (workload.serverErrors.length > 0) console.log('[load] first 5xx answers:', workload.serverErrors.slice(0, 5));
    if (!verificationPassed(verification)) console.log('[load] verification failed:', JSON.stringify(verification, null, 2).slice(0, 4_000));
  } finally {
    await server.stop();
    await database.drop();
  }
}

printTable(
  'API load: commands and queries through the JSON API, then verified against the store',
  runs.map((run) => ({
    backend: run.backend,
    'req/s': Math.round(run.workload.throughput),
    requests: run.workload.requests,
    'p50 ms': run.workload.latency.p50,
    'p90 ms': run.workload.latency.p90,
    'p99 ms': run.workload.latency.p99,
    'max ms': run.workload.latency.max,
    '5xx': run.workload.serverErrors.length,
    acked: run.verification.acknowledged,
    'acked missing': run.verification.acknowledgedMissing.length,
    events: run.verification.events,
    'broken streams': run.verification.brokenStreams.length,
    'read model ≠ replay': run.verification.readModelMismatches.length,
    transfers: run.verification.transfers,
    'transfers unsettled': run.verification.transfersUnsettled.length,
    verdict: run.ok ? 'PASS' : 'FAIL',
  })),
);
for (const run of runs) console.log(`${run.backend} statuses by request kind: ${JSON.stringify(run.workload.byKind)}`);
console.log(`JSON: ${saveJson('load', runs)}`);
console.log(JSON.stringify(runs.map(({ backend, ok, workload, verification }) => ({ backend, ok, throughput: workload.throughput, latency: workload.latency, acked: verification.acknowledged }))));
process.exit(failed ? 1 : 0);
