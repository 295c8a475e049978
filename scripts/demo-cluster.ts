/**
 * `npm run demo:cluster [-- --port 3000] [-- --nats-port 4301] [-- --no-build]`: the scale-out
 * topology on this machine (see the README's "Outbox, bus and scale-out"): a three-node NATS
 * JetStream cluster, three web servers on one PostgreSQL database behind a round-robin proxy, two
 * projectors, the saga runner, the relay and two notification consumers, seeded like `npm run demo`.
 * Ctrl-C, or SIGINT/SIGTERM to this process alone, stops everything: the web servers, the background
 * processes, the proxy, the NATS nodes (see "Stopping" below).
 *
 * The database is DATABASE_URL when it is a postgresql:// URL, else
 * postgresql://postgres@127.0.0.1:5432/chronicle_cluster, created if missing. NATS nodes keep their
 * stores under data/cluster/nats, so a second start finds the stream where it was.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
// First: the same personal-data key on every start (the process helpers below would make a new one).
import './cluster/demo-data-key';
import { onInterrupt, ROOT } from '../bench/reliability/processes';
import { ClusterTopology } from './cluster/cluster-topology';
import { killDescendants } from './cluster/descendants';
import { TOPOLOGY_PICTURE } from './cluster/topology-picture';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'nats-port': { type: 'string', default: '4301' },
    'no-build': { type: 'boolean', default: false },
  },
});
const proxyPort = Number(values.port);
const natsPort = Number(values['nats-port']);
const databaseUrl = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://postgres@127.0.0.1:5432/chronicle_cluster';
const say = (line: string) => console.log(`[demo:cluster] ${line}`);

/** CREATE DATABASE when the named one is missing (connecting to the server's `postgres` database to do it). */
const ensureDatabase = async (url: string) => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  admin.search = '';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      say(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
};

/** Not spawnSync: a signal during a build is heard at once (and the build goes with this process), not when it ends. */
const run = async (what: string, command: string, args: string[], env: Record<string, string>) => {
  say(what);
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const status = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (status !== 0) throw new Error(`${what} failed (exit ${status})`);
};

/*
 * Stopping. Ctrl-C in a terminal signals the whole foreground process group, so every child hears
 * it itself. `kill <pid>` reaches one process only: the children would keep running, orphaned,
 * holding their ports and the NATS stores. So this process stops them itself, however it is asked:
 * - SIGINT or SIGTERM: the orderly stop (web servers first, NATS last), at most STOP_MS; another
 *   signal a second or more later does not wait for it. One sooner is the same request twice: on
 *   Ctrl-C npm passes on the SIGINT this process has already had from the terminal.
 *   (bench/reliability/processes.ts listens to the first signal only and would exit at once; every
 *   one comes here instead.)
 * - its parent gone (npm killed with SIGKILL, say): the same, as nobody is left to ask. npm passes
 *   a signal to its direct child only, which is why package.json starts this with `exec`: a shell
 *   between them died of the SIGTERM and left this process running, unaware.
 * - exit, however it comes (an error, a signal during the start, the stop's time up): every process
 *   still below this one is killed with SIGKILL. Found through `ps`, not from a list kept here: the
 *   NATS nodes, a build in progress and whatever the children started go too.
 */
const STOP_MS = 30_000;
const SAME_REQUEST_MS = 1_000;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
let topology: ClusterTopology | null = null;
/** When the orderly stop began (null: it has not). */
let stoppingSince: number | null = null;

process.prependListener('exit', () => {
  const killed = killDescendants();
  if (killed === null) say('could not run ps: processes this one started may still be running');
  else if (killed > 0) say(`killed ${killed} process${killed === 1 ? '' : 'es'} left running`);
});

const stop = async (reason: keyof typeof SIGNAL_EXIT | 'parent gone') => {
  const code = reason === 'parent gone' ? 129 : SIGNAL_EXIT[reason];
  if (stoppingSince !== null && Date.now() - stoppingSince < SAME_REQUEST_MS) return;
  if (stoppingSince !== null || !topology) {
    say(stoppingSince !== null ? `${reason} again: not waiting for the orderly stop` : `${reason} while starting: stopping what has started`);
    process.exit(code);
  }
  stoppingSince = Date.now();
  say(`${reason}: stopping web servers, background processes, proxy, NATS nodes`);
  const timeUp = new Promise<'time up'>((resolve) => setTimeout(() => resolve('time up'), STOP_MS).unref());
  const outcome = await Promise.race([topology.stop().then(() => 'stopped' as const), timeUp]).catch((error: unknown) => `failed: ${String(error)}`);
  say(outcome === 'time up' ? `not stopped after ${STOP_MS / 1000} s: killing what is left` : outcome);
  process.exit(0);
};

// processes.ts would exit at once on the first signal (and hear no other): the listeners below take them all.
onInterrupt(() => undefined);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
const parent = process.ppid;
setInterval(() => {
  if (stoppingSince === null && process.ppid !== parent) void stop('parent gone');
}, 1_000).unref();

const env = {
  DATABASE_URL: databaseUrl,
  CHRONICLE_DEMO_MODE: 'on',
  // The round-robin proxy on this machine forwards the client's address; the servers believe it from there only.
  CHRONICLE_TRUSTED_PROXIES: '127.0.0.1',
  // One secret for every server, so a session signed in through one is good on the others.
  CHRONICLE_SESSION_SECRET: process.env.CHRONICLE_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
};

await ensureDatabase(databaseUrl);
await run('migrating', 'npm', ['run', '--silent', 'db:migrate'], env);
await run('seeding (an empty store only)', 'npx', ['tsx', 'scripts/seed.ts', '--demo-users'], env);
if (!values['no-build'] || !existsSync(join(ROOT, '.next', 'BUILD_ID'))) await run('building', 'npx', ['next', 'build'], env);

const natsDir = join(ROOT, 'data', 'cluster', 'nats');
mkdirSync(natsDir, { recursive: true });
say('starting the NATS cluster, the background processes and three web servers');
topology = await ClusterTopology.start({
  databaseUrl,
  webPorts: [proxyPort + 1, proxyPort + 2, proxyPort + 3],
  proxyPort,
  nats: { clientPort: natsPort, clusterPort: natsPort + 2000, monitorPort: natsPort + 4000, dir: natsDir },
  env,
  echo: (name, line) => console.log(`${name.padEnd(16)}| ${line}`),
});

console.log(`\n${TOPOLOGY_PICTURE}`);
for (const line of topology.describe()) say(line);
say(`open ${topology.url} (sign in as ann / chronicle-demo); Ctrl-C stops everything`);
