/**
 * Many concurrent server-sent-event clients for minutes while commands are
 * appended: a few of them never read (slow clients). The fast ones must get
 * every event, in order, without gaps or duplicates and with little delay;
 * the server's memory must stay bounded. Every connection shares the server's
 * one reader of the log, so the lag should not grow with the number of clients.
 * It reports the lag of the fast clients (goal: p99 under --lag-goal-ms, default
 * 120) and the server's memory per open connection.
 *
 *   npm run build && npx tsx bench/reliability/sse-clients.ts [--clients 1000] [--slow 20] [--seconds 120] [--rate 20] [--lag-goal-ms 120]
 *
 * All clients sign in as one teller, so the server is started with the per-principal
 * stream limit raised to the number of clients (the default is 5).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startServer } from './processes';
import { arg, signIn, openAccounts, prepareDatabase, printTable, saveJson } from './setup';

const clients = Number(arg('clients', '1000'));
const slow = Number(arg('slow', '20'));
const seconds = Number(arg('seconds', '120'));
const rate = Number(arg('rate', '20'));
const port = Number(arg('port', '3394'));
const lagGoalMs = Number(arg('lag-goal-ms', '120'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of the server and any processes it started, in MiB. */
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
};

const rssMiB = (pid: number): number => {
  const pids = [pid, ...childrenOf(pid)];
  let kib = 0;
  for (const id of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
};

type Client = {
  ids: number[];
  received: Map<number, number>;
  request: http.ClientRequest;
  response?: http.IncomingMessage;
  ended: boolean;
  /** The stream is open: headers for a client that never reads, the opening frame for the others. */
  opened: boolean;
  /** Why the connection failed or ended before the run did: an HTTP status other than 200, or a socket error. */
  problem?: string;
};

const connect = (slowClient: boolean): Client => {
  const client: Client = { ids: [], received: new Map(), ended: false, opened: false } as unknown as Client;
  let buffer = '';
  client.request = http.get({ host: '127.0.0.1', port, path: '/api/events/stream', headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response) => {
    client.response = response;
    if (slowClient) client.opened = true;
    if (response.statusCode !== 200) client.problem = `HTTP ${response.statusCode}`;
    response.on('end', () => {
      client.ended = true;
      client.problem ??= 'closed by the server';
    });
    response.on('error', (error) => {
      client.ended = true;
      client.problem ??= error.message;
    });
    if (slowClient) {
      response.pause();
      return;
    }
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      client.opened = true;
      buffer += chunk;
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) !== -1) {
        const frame = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const id = /^id: ?(\d+)$/m.exec(frame)?.[1];
        // readmodel notices repeat the cursor as their id; only events count.
        if (id !== undefined && !/^event: ?readmodel$/m.test(frame)) {
          client.ids.push(Number(id));
          client.received.set(Number(id), performance.now());
        }
      }
    });
  });
  client.request.on('error', (error) => {
    client.ended = true;
    client.problem ??= error.message;
  });
  return client;
};

const database = await prepareDatabase('sqlite');
const server = await startServer({
  port,
  databaseUrl: database.url,
  env: { CHRONICLE_SSE_MAX_PER_PRINCIPAL: String(clients + 10), CHRONICLE_SSE_MAX_CONNECTIONS: String(Math.max(10_000, clients + 10)) },
});
const baseUrl = `http://127.0.0.1:${port}`;
const headers = await signIn(baseUrl);
let exitCode = 1;
try {
  const accountIds = await openAccounts(baseUrl, 8, headers).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${server.output()}`);
  });
  const startPosition = Number(((await (await fetch(`${baseUrl}/api/accounts/${accountIds.at(-1)}/summary`, { headers })).json()) as { position?: number }).position ?? 0);
  const baseline = rssMiB(server.child.pid!);
  const connected: Client[] = [];
  const connectStarted = performance.now();
  for (let i = 0; i < clients; i++) {
    connected.push(connect(i < slow));
    if (i % 50 === 49) await sleep(50);
  }
  // Appends start once every stream is open: a stream opened later starts from the head as it finds it.
  const connectDeadline = Date.now() + 120_000;
  while (Date.now() < connectDeadline && connected.some((client) => !client.opened && !client.ended)) await sleep(100);
  const connectSeconds = (performance.now() - connectStarted) / 1000;
  const notOpen = connected.filter((client) => !client.opened).length;
  console.log(`[sse] ${clients - notOpen} of ${clients} streams open after ${connectSeconds.toFixed(1)} s`);
  await sleep(2_000);
  const afterConnect = rssMiB(server.child.pid!);
  console.log(`[sse] ${clients} clients (${slow} never read); appending ${rate}/s for ${seconds} s`);

  const appended = new Map<number, number>();
  const memory: number[] = [];
  const sampler = setInterval(() => memory.push(rssMiB(server.child.pid!)), 1_000);
  const deadline = Date.now() + seconds * 1_000;
  let commandErrors = 0;
  while (Date.now() < deadline) {
    const tick = Date.now();
    await Promise.all(
      Array.from({ length: rate }, async (_, i) => {
        await sleep((i * 1_000) / rate);
        const response = await fetch(`${baseUrl}/api/accounts/${accountIds[i % accountIds.length]}/deposit`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ amount: 100, currency: 'EUR', description: 'SSE load' }),
        });
        if (response.status !== 200) {
          commandErrors++;
          return;
        }
        appended.set(((await response.json()) as { globalPosition: number }).globalPosition, performance.now());
      }),
    );
    await sleep(Math.max(0, 1_000 - (Date.now() - tick)));
  }
  const fast = connected.slice(slow);
  const expected = [...appended.keys()].sort((a, b) => a - b);
  const lastExpected = expected.at(-1) ?? 0;
  // Late is measured as lag; missing means not there 30 s after the last append.
  const drainDeadline = Date.now() + 30_000;
  while (Date.now() < drainDeadline && fast.some((client) => !client.ended && !client.received.has(lastExpected))) await sleep(200);
  clearInterval(sampler);
  let incomplete = 0;
  let outOfOrder = 0;
  const lags: number[] = [];
  for (const client of fast) {
    const seen = client.ids.filter((id) => id > startPosition);
    if (seen.some((id, index) => index > 0 && id <= seen[index - 1]!)) outOfOrder++;
    if (!expected.every((position) => client.received.has(position))) incomplete++;
    for (const position of expected) {
      const at = client.received.get(position);
      if (at !== undefined) lags.push(Math.max(0, at - appended.get(position)!));
    }
  }
  lags.sort((a, b) => a - b);
  // What went wrong for the fast clients that missed events: kept in the JSON and printed.
  const problems: Record<string, number> = {};
  for (const client of fast) {
    if (expected.every((position) => client.received.has(position))) continue;
    const missingPositions = expected.filter((position) => !client.received.has(position));
    const missing = missingPositions.length;
    // Still behind (only the newest missing: the server had not sent them yet) or a gap (a later event arrived, an earlier one never).
    const newest = Math.max(0, ...client.received.keys());
    const kind = missingPositions.every((position) => position > newest) ? 'still behind' : 'gap';
    const what = `${client.problem ?? 'connected, no error'}; missed ${missing === expected.length ? 'all' : 'some'} (${kind})`;
    problems[what] = (problems[what] ?? 0) + 1;
    if (process.env.SSE_DEBUG && problems[what] === 1) console.log('[sse] first such client: missing', missingPositions.slice(0, 20), 'ids', client.ids.slice(0, 60));
  }
  if (incomplete > 0) console.log('[sse] fast clients that missed events:', problems);
  const percentile = (p: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? NaN);
  const slowStillOpen = connected.slice(0, slow).filter((client) => !client.ended).length;
  const half = Math.floor(memory.length / 2);
  const firstHalfMax = Math.max(...memory.slice(0, half));
  const secondHalfMax = Math.max(...memory.slice(half));
  // Bounded: the second half of the run needs no more than the first half plus a little (no growth per event).
  const bounded = secondHalfMax <= firstHalfMax * 1.15 + 20;
  const lagP99 = percentile(99);
  const refused = connected.filter((client) => client.problem?.startsWith('HTTP')).length;
  const ok = incomplete === 0 && outOfOrder === 0 && commandErrors === 0 && bounded && lags.length > 0 && refused === 0;
  const lagMet = lagP99 < lagGoalMs;
  exitCode = ok ? 0 : 1;
  const row = {
    clients,
    'never read': slow,
    events: expected.length,
    'fast clients missing events': incomplete,
    'out of order': outOfOrder,
    'lag p50 ms': percentile(50),
    'lag p99 ms': lagP99,
    'lag max ms': Math.round(lags.at(-1) ?? NaN),
    'RSS idle MiB': Math.round(baseline),
    'RSS connected MiB': Math.round(afterConnect),
    'KiB per client': Math.round(((afterConnect - baseline) * 1024) / clients),
    'RSS max 1st half': Math.round(firstHalfMax),
    'RSS max 2nd half': Math.round(secondHalfMax),
    'slow still open': slowStillOpen,
    'refused (HTTP)': refused,
    'open after s': Number(connectSeconds.toFixed(1)),
    'commands/s': Math.round(expected.length / seconds),
    verdict: ok ? 'PASS' : 'FAIL',
  };
  printTable(`Server-sent events: ${clients} concurrent clients while ${rate} commands/s are appended (last position ${lastExpected})`, [row]);
  console.log(`goal: lag p99 < ${lagGoalMs} ms → ${lagP99} ms ${lagMet ? 'MET' : 'MISSED'}`);
  console.log(`JSON: ${saveJson('sse-clients', { ...row, lagGoalMs, lagGoalMet: lagMet, problems, memory })}`);
  for (const client of connected) client.request.destroy();
} finally {
  await server.stop();
  await database.drop();
}
process.exit(exitCode);
