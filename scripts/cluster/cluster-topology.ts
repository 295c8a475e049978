import { startScript, startServer, type Managed } from '../../bench/reliability/processes';
import { NatsBus } from '../../lib/outbox/nats-bus';
import { OwnNatsCluster } from '../../lib/outbox/testing/own-nats-cluster';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

/*
 * The scale-out topology on one machine: three web servers on one PostgreSQL
 * behind a round-robin proxy, every background job in processes of its own
 * (two projectors, the saga runner, the relay, two notification consumers) and a
 * three-node NATS JetStream cluster with an R3 stream. `npm run demo:cluster`
 * and the cluster reliability run both start it from here.
 */

export type TopologyOptions = {
  databaseUrl: string;
  /** One web server per port. */
  webPorts: number[];
  /** The proxy's port (0: any free one). */
  proxyPort: number;
  nats: { clientPort?: number; clusterPort?: number; monitorPort?: number; dir?: string };
  streamName?: string;
  subjectPrefix?: string;
  /** For every process (demo mode, secrets, reconcile interval …). */
  env?: Record<string, string>;
  /** For the background processes only (e.g. NODE_ENV=production). */
  workerEnv?: Record<string, string>;
  /** Each process's output, line by line, with its name in front (the demo prints it). */
  echo?: (name: string, line: string) => void;
};

export type Worker = { name: string; script: string; args: string[]; process: Managed };

/** Everything the web servers leave to processes of their own. */
const IN_PROCESS_OFF = {
  CHRONICLE_IN_PROCESS_PROJECTIONS: 'off',
  CHRONICLE_IN_PROCESS_SAGAS: 'off',
  CHRONICLE_IN_PROCESS_RELAY: 'off',
  CHRONICLE_IN_PROCESS_NOTIFICATIONS: 'off',
};

const WORKERS: Array<{ name: string; script: string; args: string[] }> = [
  { name: 'projector-1', script: 'scripts/projector.ts', args: ['--poll-ms', '200'] },
  { name: 'projector-2', script: 'scripts/projector.ts', args: ['--poll-ms', '200'] },
  { name: 'sagas', script: 'scripts/sagas.ts', args: [] },
  { name: 'relay', script: 'scripts/relay.ts', args: ['--poll-ms', '100'] },
  { name: 'notifications-1', script: 'scripts/consumer-notifications.ts', args: [] },
  { name: 'notifications-2', script: 'scripts/consumer-notifications.ts', args: [] },
];

const echoLines = (managed: Managed, name: string, echo: TopologyOptions['echo']) => {
  if (!echo) return;
  for (const stream of [managed.child.stdout, managed.child.stderr]) {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) echo(name, line);
    });
  }
};

/** The R3 stream, asked for again while a freshly started cluster still settles which peers are current. */
const createStream = async (servers: string, streamName: string, subjectPrefix: string): Promise<void> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const bus = await NatsBus.connect({ servers, streamName, subjectPrefix, replicas: 3, waitForServer: false });
      return await bus.close();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
};

export class ClusterTopology {
  private constructor(
    readonly options: TopologyOptions,
    readonly nats: OwnNatsCluster,
    readonly env: Record<string, string>,
    readonly servers: Array<Managed | null>,
    readonly workers: Worker[],
    readonly proxy: RoundRobinProxy,
  ) {}

  static async start(options: TopologyOptions): Promise<ClusterTopology> {
    const nats = await OwnNatsCluster.start({ size: 3, ...options.nats });
    const env: Record<string, string> = {
      ...options.env,
      ...IN_PROCESS_OFF,
      NATS_URL: nats.url,
      NATS_MONITOR_URL: nats.monitorUrl,
      NATS_STREAM_REPLICAS: '3',
      NATS_STREAM: options.streamName ?? 'CHRONICLE_EVENTS',
      NATS_SUBJECT_PREFIX: options.subjectPrefix ?? 'chronicle.events',
      // Appends through another server are found by polling the head: often enough for live pages.
      CHRONICLE_SSE_POLL_MS: options.env?.CHRONICLE_SSE_POLL_MS ?? '100',
      // The proxy in front forwards each client's address; the servers believe it from there only.
      CHRONICLE_TRUSTED_PROXIES: '127.0.0.1',
    };
    // The stream first, with three replicas, so no process's first start creates it otherwise.
    let proxy: RoundRobinProxy;
    try {
      await createStream(nats.url, env.NATS_STREAM!, env.NATS_SUBJECT_PREFIX!);
      proxy = await startRoundRobinProxy({ port: options.proxyPort, upstreams: options.webPorts.map((port) => ({ host: '127.0.0.1', port })) });
    } catch (error) {
      await nats.destroy();
      throw error;
    }
    const topology = new ClusterTopology(options, nats, env, options.webPorts.map(() => null), [], proxy);
    try {
      for (const spec of WORKERS) topology.workers.push({ ...spec, process: topology.spawnWorker(spec.name, spec.script, spec.args) });
      await Promise.all(options.webPorts.map((_, index) => topology.restartServer(index)));
    } catch (error) {
      await topology.stop();
      throw error;
    }
    return topology;
  }

  get url(): string {
    return `http://127.0.0.1:${this.proxy.port}`;
  }

  serverUrl(index: number): string {
    return `http://127.0.0.1:${this.options.webPorts[index]}`;
  }

  /** Starts web server `index` if it is not running; resolves once it answers. */
  async restartServer(index: number): Promise<void> {
    if (this.servers[index]) return;
    const server = await startServer({ port: this.options.webPorts[index]!, databaseUrl: this.options.databaseUrl, env: this.env });
    echoLines(server, `web-${index + 1}`, this.options.echo);
    this.servers[index] = server;
  }

  async killServer(index: number): Promise<void> {
    const server = this.servers[index];
    this.servers[index] = null;
    await server?.kill9();
  }

  worker(name: string): Worker {
    const found = this.workers.find((worker) => worker.name === name);
    if (!found) throw new Error(`No worker ${name}`);
    return found;
  }

  /** kill -9 a background process and start it again at once, as a supervisor would. */
  async killAndRestartWorker(name: string): Promise<void> {
    const worker = this.worker(name);
    await worker.process.kill9();
    worker.process = this.spawnWorker(worker.name, worker.script, worker.args);
  }

  describe(): string[] {
    return [
      `proxy       ${this.url}  (round robin over the web servers)`,
      ...this.options.webPorts.map((port, index) => `web-${index + 1}       http://127.0.0.1:${port}`),
      ...this.workers.map((worker) => `${worker.name.padEnd(16)} pid ${worker.process.child.pid}  (${worker.script})`),
      ...this.nats.describe().map((line) => `nats ${line}`),
      `stream      ${this.env.NATS_STREAM}, 3 replicas; fsync ${this.nats.syncAlways ? 'always (sync_interval: always)' : `on a timer: nats-server ${this.nats.version} has no sync_interval option`}`,
    ];
  }

  /** Web servers first (no new commands), then the background processes, the proxy, and the bus last. */
  async stop({ removeNatsData = false } = {}): Promise<void> {
    await Promise.all(this.servers.map((server) => server?.stop()));
    await Promise.all(this.workers.map((worker) => worker.process.stop()));
    await this.proxy.close().catch(() => undefined);
    await this.nats.stopAll();
    if (removeNatsData) await this.nats.destroy();
  }

  private spawnWorker(name: string, script: string, args: string[]): Managed {
    const managed = startScript(script, args, this.options.databaseUrl, { ...this.env, ...this.options.workerEnv });
    echoLines(managed, name, this.options.echo);
    return managed;
  }
}
