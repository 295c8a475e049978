/**
 * PostgreSQL goes away during load and comes back: `--mode restart` stops and
 * starts a real server, one of the check's own (initdb into a temporary
 * directory; never the machine's shared server, which other tests use),
 * alternately `-m fast` and `-m immediate`; `--mode proxy` (default)
 * puts a proxy in front of it that resets every connection and refuses new
 * ones for the outage, which is what clients see during a restart. While it is down commands must fail
 * with clean 503s, nothing partial may be written, and service must resume by
 * itself; afterwards every acknowledged command is in the store and the read
 * models equal a replay.
 *
 *   npm run build && npx tsx bench/reliability/pg-outage.ts [--seconds 60] [--outages 3] [--outage-ms 4000] [--mode proxy|restart]
 */
import { databaseConfig } from '../../lib/store/database-config';
import { createStoredEventStore } from '../../lib/store/create-event-store';
import { startServer } from './processes';
import { ownPostgresServerAvailable } from '../../lib/store/testing/own-postgres-server';
import { arg, signIn, openAccounts, parseBackends, prepareDatabase, preparePrivatePostgres, printTable, saveJson } from './setup';
import { startCuttableProxy } from './tcp-proxy';
import { verificationPassed, verifyRun } from './verify-run';
import { runWorkload } from './workload';

const seconds = Number(arg('seconds', '60'));
const outages = Number(arg('outages', '3'));
const outageMs = Number(arg('outage-ms', '4000'));
const connections = Number(arg('connections', '8'));
const port = Number(arg('port', '3393'));
const mode = arg('mode', 'proxy');
if (mode !== 'proxy' && mode !== 'restart') throw new Error('--mode is proxy or restart');

/** The server's own account of its 500s: each "Unexpected error" with the lines after it. */
const unexpectedInLog = (log: string): string =>
  log
    .split('Unexpected error')
    .slice(1, 4)
    .map((part) => `Unexpected error${part.split('\n').slice(0, 12).join('\n')}`)
    .join('\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (mode === 'restart' && !ownPostgresServerAvailable('pg-outage --mode restart')) process.exit(0);
if (mode === 'proxy' && (await parseBackends('postgres')).length === 0) process.exit(0);
const privateServer = mode === 'restart' ? await preparePrivatePostgres() : null;
const database = privateServer ?? (await prepareDatabase('postgres'));
let restarts = 0;
/** Stops the check's own server (fast and immediate in turn), waits, starts it again and waits until it answers. */
const restartPostgres = (downMs: number): Promise<void> => privateServer!.server.restart(restarts++ % 2 === 0 ? 'fast' : 'immediate', downMs);
const proxy = await startCuttableProxy({ host: '127.0.0.1', port: 5432 });
const viaProxy = new URL(database.url);
viaProxy.port = String(proxy.port);
const server = await startServer({ port, databaseUrl: mode === 'proxy' ? viaProxy.toString() : database.url });
const outage = (ms: number) => (mode === 'proxy' ? proxy.outage(ms) : restartPostgres(ms));
const baseUrl = `http://127.0.0.1:${port}`;
const headers = await signIn(baseUrl);
let exitCode = 1;
try {
  const accountIds = await openAccounts(baseUrl, 16, headers);
  console.log(`[pg-outage] ${outages} ${mode === 'proxy' ? 'outages (proxy)' : 'real restarts'} of ${outageMs} ms during ${seconds} s of load`);
  const recoveries: number[] = [];
  const cutter = (async () => {
    const gap = (seconds * 1_000) / (outages + 1);
    for (let i = 0; i < outages; i++) {
      await sleep(gap - outageMs / 2);
      await outage(outageMs);
      // Service resumes by itself: how long until a command is accepted again, with no restart of anything.
      const back = Date.now();
      for (;;) {
        const probe = await fetch(`${baseUrl}/api/accounts/${accountIds[0]}/deposit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ amount: 1, currency: 'EUR', description: 'Recovery probe' }),
        });
        if (probe.status === 200) break;
        if (Date.now() - back > 60_000) throw new Error(`still ${probe.status} a minute after PostgreSQL came back`);
        await sleep(100);
      }
      recoveries.push(Date.now() - back);
    }
  })();
  const workload = await runWorkload({ baseUrl, accountIds, seconds, connections, headers });
  await cutter;
  const store = createStoredEventStore(databaseConfig({ DATABASE_URL: database.url }));
  const verification = await verifyRun(store, workload.acks, baseUrl, headers).finally(() => store.close());
  const unclean = workload.serverErrors.filter((error) => error.status !== 503 || !/"code":"[a-z_]+"/.test(error.body) || /\n\s+at /.test(error.body));
  const clean503 = workload.serverErrors.length - unclean.length;
  const ok = verificationPassed(verification) && unclean.length === 0;
  exitCode = ok ? 0 : 1;
  if (unclean.length > 0) console.log('[pg-outage] unclean answers:', unclean.slice(0, 3), '\nserver log:', unexpectedInLog(server.output()));
  if (!verificationPassed(verification)) console.log('[pg-outage] verification:', JSON.stringify(verification, null, 2).slice(0, 4_000));
  printTable(`PostgreSQL ${mode === 'proxy' ? 'outages under load (connections reset and refused)' : 'restarted under load'}, then verified against the store`, [
    {
      mode,
      outages,
      'outage ms': outageMs,
      requests: workload.requests,
      'clean 503': clean503,
      'other 5xx': unclean.length,
      'recovered after ms': recoveries.join(' / '),
      acked: verification.acknowledged,
      'acked missing': verification.acknowledgedMissing.length,
      'broken streams': verification.brokenStreams.length,
      'read model ≠ replay': verification.readModelMismatches.length,
      verdict: ok ? 'PASS' : 'FAIL',
    },
  ]);
  console.log(`JSON: ${saveJson('pg-outage', { mode, outages, outageMs, recoveries, clean503, workload: { ...workload, acks: workload.acks.length }, verification, ok })}`);
} finally {
  await server.stop();
  await proxy.close();
  await database.drop();
}
process.exit(exitCode);
