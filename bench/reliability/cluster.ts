/**
 * The scale-out topology under faults: three web servers on one PostgreSQL
 * behind the round-robin proxy, two projectors, the saga runner, the relay and
 * two notification consumers, a three-node JetStream cluster (R3). Load goes
 * through the proxy while one web server, one projector and one NATS node are
 * killed with SIGKILL and restarted. Then: 0 acknowledged commands lost, streams
 * whole and hash-chained, read models = replay, every transfer ended once, every
 * event in JetStream once after dedup, every notice once, and SSE clients of one
 * server got the events appended through the others (lag stated). Last, a broker
 * loss: messages deleted from the stream behind the relay's back must come back
 * through its periodic reconciliation.
 *
 *   npm run build && npx tsx bench/reliability/cluster.ts [--seconds 120] [--connections 8] [--web-port 3395] [--nats-port 4331]
 */
import { hasSyncOption } from '../../lib/outbox/broker-durability';
import { uniqueBusNames } from '../../lib/outbox/testing/bus-messages';
import { natsServerVersion } from '../../lib/outbox/testing/own-nats-cluster';
import { ownNatsServerAvailable } from '../../lib/outbox/testing/own-nats-required';
import { createReadDb } from '../../lib/read/read-db';
import { databaseConfig } from '../../lib/store/database-config';
import { createStoredEventStore } from '../../lib/store/create-event-store';
import { ClusterTopology } from '../../scripts/cluster/cluster-topology';
import { simulateBrokerLoss, tallyJetStream, tallyNotices } from './cluster-checks';
import { startCrossServerSse } from './cross-server-sse';
import { arg, openAccounts, parseBackends, prepareDatabase, printTable, saveJson, signIn } from './setup';
import { verificationPassed, verifyRun } from './verify-run';
import { runWorkload } from './workload';

const seconds = Number(arg('seconds', '120'));
const connections = Number(arg('connections', '8'));
const webPort = Number(arg('web-port', '3395'));
const natsPort = Number(arg('nats-port', '4331'));
const sseClients = Number(arg('sse-clients', '20'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

// Without nats-server or PostgreSQL the run is skipped with a warning outside CI (both throw under CI=true).
if (!ownNatsServerAvailable() || (await parseBackends('postgres')).length === 0) process.exit(0);
const version = natsServerVersion();
const syncAlways = hasSyncOption(version);
const database = await prepareDatabase('postgres');
const names = uniqueBusNames();
const SERVER_KILLED = 2; // SSE clients watch web-1; web-3 is the one killed
let topology: ClusterTopology | null = null;
let exitCode = 1;
try {
  topology = await ClusterTopology.start({
    databaseUrl: database.url,
    webPorts: [webPort + 1, webPort + 2, webPort + 3],
    proxyPort: webPort,
    nats: { clientPort: natsPort, clusterPort: natsPort + 2000, monitorPort: natsPort + 4000 },
    ...names,
    // The SSE clients all sign in as one teller: the per-principal stream cap (5 by default) is raised for them.
    env: { OUTBOX_RECONCILE_INTERVAL: '15s', OUTBOX_RECONCILE_WINDOW: '10m', OUTBOX_LEASE_MS: '5000', CHRONICLE_SSE_MAX_PER_PRINCIPAL: String(sseClients + 10) },
    // Production relays; where the nodes cannot fsync per write (nats-server before 2.10) the risk is accepted by name.
    workerEnv: { NODE_ENV: 'production', ...(syncAlways ? {} : { NATS_ALLOW_ASYNC_FSYNC: 'on' }) },
  });
  const cluster = topology;
  if (!syncAlways) console.log(`[cluster] nats-server ${version} has no sync_interval option: the production relay runs with NATS_ALLOW_ASYNC_FSYNC=on`);
  for (const line of cluster.describe()) console.log(`[cluster] ${line}`);
  const headers = await signIn(cluster.url);
  const accountIds = await openAccounts(cluster.url, 16, headers);
  const sse = await startCrossServerSse({
    watchPort: webPort + 1,
    appendPorts: [webPort + 2, webPort + 3],
    headers,
    accountIds,
    clients: sseClients,
    perSecond: 5,
  });

  // Each kind of fault in turn, a few seconds apart: web-3, projector-1, a NATS node. Restarts run in the
  // background (a web server takes seconds to start on a busy machine), so no kill waits for the last one's
  // restart; a target still down is skipped, so at most one web server and one NATS node (of 3: quorum kept) are down.
  const kills = { server: 0, projector: 0, nats: 0 };
  const restarting = new Map<string, Promise<void>>();
  const inBackground = (key: string, restart: () => Promise<void>) =>
    restarting.set(key, restart().finally(() => restarting.delete(key)));
  let loading = true;
  const loadStarted = Date.now();
  const killer = (async () => {
    const gap = seconds < 60 ? [3_000, 5_000] : [8_000, 15_000];
    for (let round = 0; loading; round++) {
      await sleep(randomBetween(gap[0]!, gap[1]!));
      if (!loading) break;
      const target = (['server', 'projector', 'nats'] as const)[round % 3]!;
      if (restarting.has(target)) continue;
      kills[target]++;
      if (target === 'server') {
        await cluster.killServer(SERVER_KILLED);
        inBackground('server', async () => {
          await sleep(randomBetween(500, 2_000));
          await cluster.restartServer(SERVER_KILLED);
        });
      } else if (target === 'projector') {
        await cluster.killAndRestartWorker('projector-1');
      } else {
        const node = kills.nats % 3;
        await cluster.nats.kill9(node);
        inBackground('nats', async () => {
          await sleep(randomBetween(2_000, 5_000));
          await cluster.nats.restart(node);
        });
      }
      console.log(`[cluster] kill -9 ${target} at ${Math.round((Date.now() - loadStarted) / 1000)} s (${JSON.stringify(kills)})`);
    }
    await Promise.all(restarting.values());
  })();
  console.log(`[cluster] ${connections} connections through the proxy for ${seconds} s; ${sseClients} SSE clients on web-1`);
  const workload = await runWorkload({ baseUrl: cluster.url, accountIds, seconds, connections, headers });
  loading = false;
  await killer;
  await cluster.restartServer(SERVER_KILLED);
  const crossServer = await sse.stop();

  const store = createStoredEventStore(databaseConfig({ DATABASE_URL: database.url }));
  const db = createReadDb(databaseConfig({ DATABASE_URL: database.url }));
  try {
    const verification = await verifyRun(store, workload.acks, cluster.url, headers);
    const events = [];
    for (let from = 0; ; ) {
      const page = await store.readAll({ fromPosition: from, limit: 5_000 });
      if (page.length === 0) break;
      events.push(...page);
      from = page.at(-1)!.globalPosition;
    }
    let outbox = { pending: -1, parked: -1 };
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(500)) {
      outbox = (await (await fetch(`${cluster.url}/api/outbox`, { headers })).json()) as typeof outbox;
      if (outbox.pending === 0) break;
    }
    // A broker that lost acknowledged messages: the relay's periodic reconciliation (every 15 s here) puts them back.
    const loss = await simulateBrokerLoss(cluster.nats.url, names.streamName, names.subjectPrefix, events, 10);
    console.log(`[cluster] deleted ${loss.deleted} messages from the stream behind the relay's back; all back after ${loss.repairedAfterMs ?? 'never (90 s)'} ms`);
    const jetStream = await tallyJetStream(cluster.nats.url, names.streamName, names.subjectPrefix, events);
    const notices = await tallyNotices(db, events);
    const unexplained = Math.max(0, verification.storedUnacknowledged - workload.transportErrors - workload.answersCutOff - connections);
    const checks = {
      'acknowledged commands all stored, streams whole, read models = replay, transfers ended once': verificationPassed(verification),
      'no 5xx (other than the proxy saying a killed server took the request with it)': workload.serverErrors.length === 0,
      'no command stored without an acknowledgement that was not lost with a killed server': unexplained === 0,
      'outbox drained, nothing parked': outbox.pending === 0 && outbox.parked === 0,
      'every event in JetStream, once after dedup': jetStream.missing === 0 && jetStream.foreign === 0,
      'messages deleted from the stream were republished by the periodic reconciliation': loss.deleted > 0 && loss.repairedAfterMs !== null,
      'every notice recorded once': notices.missing === 0 && notices.unexpected === 0,
      'SSE clients on web-1 got every event appended through web-2 and web-3': crossServer.clientsMissingEvents === 0 && crossServer.appended > 0,
      'every kind of fault happened': kills.server > 0 && kills.projector > 0 && kills.nats > 0,
    };
    const ok = Object.values(checks).every(Boolean);
    exitCode = ok ? 0 : 1;
    const row = {
      seconds,
      kills: `${kills.server} web, ${kills.projector} projector, ${kills.nats} NATS`,
      requests: workload.requests,
      'no answer (server killed)': workload.transportErrors,
      '5xx': workload.serverErrors.length,
      acked: verification.acknowledged,
      'acked missing': verification.acknowledgedMissing.length,
      'stored, answer lost': verification.storedUnacknowledged,
      'read model ≠ replay': verification.readModelMismatches.length,
      transfers: verification.transfers,
      events: verification.events,
      'JetStream: stored / distinct / missing': `${jetStream.stored} / ${jetStream.distinct} / ${jetStream.missing}`,
      'deleted from JetStream, republished in': `${loss.deleted}, ${loss.repairedAfterMs === null ? 'never' : `${(loss.repairedAfterMs / 1000).toFixed(1)} s`}`,
      'notices expected / recorded': `${notices.expected} / ${notices.recorded}`,
      'SSE cross-server lag p50 / p99 / max ms': `${crossServer.lagP50Ms} / ${crossServer.lagP99Ms} / ${crossServer.lagMaxMs}`,
      verdict: ok ? 'PASS' : 'FAIL',
    };
    printTable('Cluster: 3 web servers, 2 projectors, saga, relay, 2 consumers, 3 NATS nodes (R3), killed under load', [row]);
    for (const [check, passed] of Object.entries(checks)) console.log(`  ${passed ? 'ok  ' : 'FAIL'} ${check}`);
    console.log(`[cluster] proxy: ${JSON.stringify(cluster.proxy.stats())}`);
    console.log(`[cluster] SSE: ${JSON.stringify(crossServer)}`);
    if (!ok) {
      console.log('[cluster] verification:', JSON.stringify(verification, null, 2).slice(0, 3_000));
      if (workload.serverErrors.length > 0) console.log('[cluster] first 5xx answers:', workload.serverErrors.slice(0, 5));
      console.log(`[cluster] relay wrote:\n${cluster.worker('relay').process.output().slice(-3_000)}`);
    }
    console.log(
      `JSON: ${saveJson('cluster', { ok, checks, kills, workload: { ...workload, acks: workload.acks.length }, verification, outbox, jetStream, loss, notices, crossServer, proxy: cluster.proxy.stats() })}`,
    );
  } finally {
    await db.$disconnect();
    await store.close();
  }
} finally {
  await topology?.stop({ removeNatsData: true });
  await database.drop();
}
process.exit(exitCode);
