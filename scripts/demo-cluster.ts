/**
 * `npm run demo:cluster [-- --port 3000] [-- --nats-port 4301] [-- --no-build]`: the scale-out
 * topology on this machine (see the README's "Outbox, bus and scale-out"): a three-node NATS
 * JetStream cluster, three web servers on one PostgreSQL database behind a round-robin proxy, two
 * projectors, the saga runner, the relay and two notification consumers, seeded like `npm run demo`.
 * Ctrl-C stops everything: the web servers, the background processes, the proxy, the NATS nodes.
 *
 * The database is DATABASE_URL when it is a postgresql:// URL, else
 * postgresql://postgres@127.0.0.1:5432/chronicle_cluster, created if missing. NATS nodes keep their
 * stores under data/cluster/nats, so a second start finds the stream where it was.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { onInterrupt, ROOT } from '../bench/reliability/processes';
import { ClusterTopology } from './cluster/cluster-topology';
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

const run = (what: string, command: string, args: string[], env: Record<string, string>) => {
  say(what);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status})`);
};

const env = {
  DATABASE_URL: databaseUrl,
  CHRONICLE_DEMO_MODE: 'on',
  // The round-robin proxy on this machine forwards the client's address; the servers believe it from there only.
  CHRONICLE_TRUSTED_PROXIES: '127.0.0.1',
  // One secret for every server, so a session signed in through one is good on the others.
  CHRONICLE_SESSION_SECRET: process.env.CHRONICLE_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
};

await ensureDatabase(databaseUrl);
run('migrating', 'npm', ['run', '--silent', 'db:migrate'], env);
run('seeding (an empty store only)', 'npx', ['tsx', 'scripts/seed.ts', '--demo-users'], env);
if (!values['no-build'] || !existsSync(join(ROOT, '.next', 'BUILD_ID'))) run('building', 'npx', ['next', 'build'], env);

const natsDir = join(ROOT, 'data', 'cluster', 'nats');
mkdirSync(natsDir, { recursive: true });
say('starting the NATS cluster, the background processes and three web servers');
const topology = await ClusterTopology.start({
  databaseUrl,
  webPorts: [proxyPort + 1, proxyPort + 2, proxyPort + 3],
  proxyPort,
  nats: { clientPort: natsPort, clusterPort: natsPort + 2000, monitorPort: natsPort + 4000, dir: natsDir },
  env,
  echo: (name, line) => console.log(`${name.padEnd(16)}| ${line}`),
});

let stopping = false;
onInterrupt(async () => {
  if (stopping) return;
  stopping = true;
  say('stopping: web servers, background processes, proxy, NATS nodes');
  await topology.stop();
  say('stopped');
  process.exit(0);
});

console.log(`\n${TOPOLOGY_PICTURE}`);
for (const line of topology.describe()) say(line);
say(`open ${topology.url} (sign in as ann / chronicle-demo); Ctrl-C stops everything`);
