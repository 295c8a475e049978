import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  BrokerNotDurableError,
  decideDurability,
  fsyncFromVarz,
  fsyncWithoutOption,
  hasSyncOption,
  judgeDurability,
  type BrokerFacts,
  type DurabilityDecision,
  type DurabilityVerdict,
  type NodeDurability,
} from './broker-durability';

export type ProbeOptions = {
  servers: string;
  streamName: string;
  /** Monitoring endpoints (`nats-server -m PORT` / `http:`), e.g. http://127.0.0.1:8222; none: the policy of 2.10+ cannot be known. */
  monitorUrls: readonly string[];
  timeoutMs?: number;
};

const varzOf = async (url: string, timeoutMs: number): Promise<unknown> => {
  const response = await fetch(new URL('/varz', url), { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};

const nodeFromMonitor = async (url: string, timeoutMs: number): Promise<NodeDurability> => {
  try {
    const varz = (await varzOf(url, timeoutMs)) as { server_name?: string; version?: string };
    return { server: varz.server_name ?? url, version: varz.version ?? '?', fsync: fsyncFromVarz(varz) };
  } catch (error) {
    return { server: url, version: '?', fsync: { kind: 'unknown', why: `monitoring endpoint ${url} did not answer: ${(error as Error).message}` } };
  }
};

/**
 * What the broker says about its durability: the stream's replicas (stream info) and each node's
 * fsync policy (its monitoring endpoint's /varz). Without monitoring, a server older than 2.10 is
 * known to sync on a timer (it has no other mode); a newer one's policy cannot be known.
 */
export const probeBroker = async ({ servers, streamName, monitorUrls, timeoutMs = 3_000 }: ProbeOptions): Promise<BrokerFacts> => {
  const nc = await connect({ servers: servers.split(',').map((server) => server.trim()), timeout: timeoutMs, name: 'chronicle-durability-check' });
  try {
    const info = await (await jetstreamManager(nc, { timeout: timeoutMs })).streams.info(streamName);
    const peers = info.cluster?.replicas;
    const connected = { server: nc.info?.server_name ?? servers, version: nc.info?.version ?? '?' };
    const nodes =
      monitorUrls.length > 0
        ? await Promise.all(monitorUrls.map((url) => nodeFromMonitor(url, timeoutMs)))
        : [
            {
              ...connected,
              fsync: hasSyncOption(connected.version)
                ? { kind: 'unknown' as const, why: 'no monitoring endpoint to ask (set NATS_MONITOR_URL, e.g. http://127.0.0.1:8222)' }
                : fsyncWithoutOption(connected.version),
            },
          ];
    return {
      stream: streamName,
      replicas: info.config.num_replicas,
      currentReplicas: peers ? 1 + peers.filter((peer) => peer.current && !peer.offline).length : null,
      nodes,
    };
  } finally {
    await nc.close();
  }
};

export type DurabilityCheck = { facts: BrokerFacts | null; verdict: DurabilityVerdict; decision: DurabilityDecision };

/** A cluster electing a new leader (a node just died) does not answer for a few seconds: ask again for a while. */
const probeWithRetry = async (options: ProbeOptions, patienceMs: number): Promise<BrokerFacts> => {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      return await probeBroker(options);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
};

/**
 * The relay's start-up check: logs what it found (loudly when unsafe) and throws
 * BrokerNotDurableError where production must not accept the broker. A broker
 * that cannot be asked counts as unsafe: nothing is known about it.
 */
export const checkBrokerDurability = async (
  options: ProbeOptions & { production: boolean; allowAsyncFsync: boolean; log: (message: string) => void; patienceMs?: number },
): Promise<DurabilityCheck> => {
  let facts: BrokerFacts | null = null;
  let verdict: DurabilityVerdict;
  try {
    facts = await probeWithRetry(options, options.patienceMs ?? 30_000);
    verdict = judgeDurability(facts);
  } catch (error) {
    const why = `the broker could not be asked about its durability: ${(error as Error).message}`;
    verdict = { unsafe: [why], warnings: [], summary: `stream ${options.streamName}: durability unknown` };
  }
  const decision = decideDurability(verdict, options);
  if (decision === 'refuse') throw new BrokerNotDurableError(verdict);
  if (decision === 'accept') {
    options.log(`broker durability: ${verdict.summary}`);
  } else {
    const why = verdict.unsafe.length === 0 ? '' : options.production ? ' (accepted: NATS_ALLOW_ASYNC_FSYNC=on)' : ' (demo mode: a production relay would refuse this broker)';
    const banner = '!'.repeat(78);
    options.log(
      [banner, `WARNING broker durability: ${verdict.summary}${why}`, ...[...verdict.unsafe, ...verdict.warnings].map((line) => `  - ${line}`), banner].join('\n'),
    );
  }
  return { facts, verdict, decision };
};
