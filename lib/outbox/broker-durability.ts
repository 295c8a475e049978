/*
 * Whether the broker keeps what it acknowledges: pure judgement over what the
 * probe found (broker-durability-probe.ts). JetStream acknowledges a publish
 * before it is on disk unless the server runs with `jetstream { sync_interval:
 * always }` (Jepsen, NATS 2.12: about 14 % of acknowledged messages lost in a
 * power cut; nats-server issue 7564). The relay marks an outbox row sent on that
 * acknowledgement, so a loss there would be silent but for reconciliation.
 */

/** How a node puts JetStream writes on disk: before each acknowledgement, on a timer, or not known. */
export type FsyncPolicy =
  | { kind: 'always' }
  | { kind: 'timer'; intervalMs: number | null; why: string }
  | { kind: 'unknown'; why: string };

export type NodeDurability = { server: string; version: string; fsync: FsyncPolicy };

export type BrokerFacts = {
  stream: string;
  /** The stream's configured replica count. */
  replicas: number;
  /** Replicas the stream's leader sees as current (null when not clustered). */
  currentReplicas: number | null;
  /** One entry per node whose policy is known or was asked for; at least the connected one. */
  nodes: NodeDurability[];
};

export type DurabilityVerdict = {
  /** Acknowledged messages may be lost (or that cannot be ruled out): the production relay refuses such a broker. */
  unsafe: string[];
  /** Weaker than it should be, but acknowledged messages survive a power cut. */
  warnings: string[];
  summary: string;
};

/** `2 minutes` is JetStream's default sync_interval (2.10 to 2.14). */
export const DEFAULT_SYNC_INTERVAL_MS = 120_000;

const SYNC_OPTION_SINCE: [number, number] = [2, 10];

/** Whether a nats-server version has the `sync_interval` option (2.10 and later). */
export const hasSyncOption = (version: string): boolean => {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return major > SYNC_OPTION_SINCE[0] || (major === SYNC_OPTION_SINCE[0] && minor >= SYNC_OPTION_SINCE[1]);
};

type Varz = { server_name?: string; version?: string; jetstream?: { config?: { sync_always?: boolean; sync_interval?: number } } };

/**
 * A node's policy from its monitoring endpoint's `/varz` (or `/jsz`, whose `config` is the same object):
 * 2.10+ report `jetstream.config.sync_always` (true under `sync_interval: always`) and `sync_interval`
 * in nanoseconds (absent at the default). Older servers have no such option and report neither.
 */
export const fsyncFromVarz = (varz: Varz): FsyncPolicy => {
  const version = varz.version ?? '?';
  const config = varz.jetstream?.config;
  if (!config) return { kind: 'unknown', why: `JetStream is not enabled on ${varz.server_name ?? 'this node'}` };
  if (config.sync_always === true) return { kind: 'always' };
  if (!hasSyncOption(version)) return fsyncWithoutOption(version);
  const intervalMs = typeof config.sync_interval === 'number' && config.sync_interval > 0 ? config.sync_interval / 1e6 : DEFAULT_SYNC_INTERVAL_MS;
  return { kind: 'timer', intervalMs, why: `sync_interval ${formatMs(intervalMs)}, not always` };
};

/** nats-server before 2.10 (Debian 12 ships 2.9): no per-write fsync option exists, so writes are synced on a timer. */
export const fsyncWithoutOption = (version: string): FsyncPolicy => ({
  kind: 'timer',
  intervalMs: null,
  why: `nats-server ${version} has no sync_interval option (2.10+): it syncs on a timer and acknowledges before fsync`,
});

export const formatMs = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

const describeFsync = (node: NodeDurability): string => {
  const { fsync } = node;
  if (fsync.kind === 'always') return `${node.server} (${node.version}): fsync before every acknowledgement`;
  return `${node.server} (${node.version}): ${fsync.kind === 'timer' ? 'fsync on a timer' : 'fsync policy unknown'}: ${fsync.why}`;
};

export const judgeDurability = (facts: BrokerFacts): DurabilityVerdict => {
  const unsafe: string[] = [];
  const warnings: string[] = [];
  for (const node of facts.nodes) if (node.fsync.kind !== 'always') unsafe.push(describeFsync(node));
  if (facts.nodes.length === 0) unsafe.push('no node reported its fsync policy');
  if (facts.replicas < 3) warnings.push(`stream ${facts.stream} has ${facts.replicas} replica${facts.replicas === 1 ? '' : 's'}: one disk lost loses what it held (3 survive one node)`);
  if (facts.currentReplicas !== null && facts.currentReplicas < facts.replicas) {
    warnings.push(`only ${facts.currentReplicas} of ${facts.replicas} replicas of ${facts.stream} are current`);
  }
  const fsync = facts.nodes.length > 0 && unsafe.length === 0 ? 'fsync always on every node' : 'fsync NOT known to be per write';
  return { unsafe, warnings, summary: `stream ${facts.stream}: R${facts.replicas}, ${fsync}` };
};

export type DurabilityDecision = 'accept' | 'warn' | 'refuse';

/**
 * Production (NODE_ENV=production, demo mode off) refuses an unsafe broker unless the operator said
 * NATS_ALLOW_ASYNC_FSYNC=on; demo and development only warn.
 */
export const decideDurability = (verdict: DurabilityVerdict, mode: { production: boolean; allowAsyncFsync: boolean }): DurabilityDecision => {
  if (verdict.unsafe.length > 0) return mode.production && !mode.allowAsyncFsync ? 'refuse' : 'warn';
  return verdict.warnings.length > 0 ? 'warn' : 'accept';
};

export class BrokerNotDurableError extends Error {
  constructor(readonly verdict: DurabilityVerdict) {
    super(
      `The relay refuses to publish to a broker that may lose acknowledged messages (${verdict.summary}):\n  - ${verdict.unsafe.join('\n  - ')}\n` +
        'Run nats-server 2.10+ with `jetstream { sync_interval: always }` (and R3 streams on a cluster), ' +
        'set NATS_MONITOR_URL so the relay can see it, or accept the risk with NATS_ALLOW_ASYNC_FSYNC=on ' +
        '(the outbox keeps sent rows for OUTBOX_SENT_RETENTION and reconciliation republishes what the broker lost).',
    );
    this.name = 'BrokerNotDurableError';
  }
}
