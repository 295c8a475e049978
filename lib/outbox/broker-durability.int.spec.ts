import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerNotDurableError, hasSyncOption } from './broker-durability';
import { checkBrokerDurability } from './broker-durability-probe';
import { NatsBus } from './nats-bus';
import { uniqueBusNames } from './testing/bus-messages';
import { natsServerVersion, OwnNatsCluster } from './testing/own-nats-cluster';
import { ownNatsServerAvailable } from './testing/own-nats-required';

/* The relay's start-up check against real nats-server nodes started here (never the machine's shared one). */

const available = ownNatsServerAvailable();
const version = available ? natsServerVersion() : '0.0.0';
const quiet = () => undefined;

const withStream = async <T>(cluster: OwnNatsCluster, replicas: number, run: (streamName: string) => Promise<T>): Promise<T> => {
  const names = uniqueBusNames();
  const bus = await NatsBus.connect({ servers: cluster.url, ...names, replicas });
  try {
    return await run(names.streamName);
  } finally {
    await bus.deleteStream().catch(() => undefined);
    await bus.close();
  }
};

describe.skipIf(!available)('broker durability on real nats-server nodes', () => {
  describe('a three-node cluster with an R3 stream', () => {
    let cluster: OwnNatsCluster;
    beforeAll(async () => {
      cluster = await OwnNatsCluster.start({ size: 3 });
    });
    afterAll(async () => cluster?.destroy());

    it('finds three current replicas and reads every node’s fsync policy from its monitoring endpoint', async () => {
      await withStream(cluster, 3, async (streamName) => {
        const lines: string[] = [];
        const check = await checkBrokerDurability({
          servers: cluster.url,
          streamName,
          monitorUrls: cluster.monitorUrl.split(','),
          production: false,
          allowAsyncFsync: false,
          log: (line) => lines.push(line),
        });
        expect(check.facts).toMatchObject({ replicas: 3, currentReplicas: 3 });
        expect(check.facts!.nodes.map((node) => node.server).sort()).toEqual(['n1', 'n2', 'n3']);
        if (cluster.syncAlways) {
          expect(check.decision).toBe('accept');
        } else {
          // Debian 12's nats-server 2.9 cannot fsync per write: the demo relay warns loudly, production refuses.
          expect(check.decision).toBe('warn');
          expect(lines.join('\n')).toMatch(/WARNING broker durability[\s\S]*no sync_interval option/);
          await expect(
            checkBrokerDurability({ servers: cluster.url, streamName, monitorUrls: cluster.monitorUrl.split(','), production: true, allowAsyncFsync: false, log: quiet }),
          ).rejects.toBeInstanceOf(BrokerNotDurableError);
          const accepted = await checkBrokerDurability({ servers: cluster.url, streamName, monitorUrls: [], production: true, allowAsyncFsync: true, log: quiet });
          expect(accepted.decision).toBe('warn');
        }
      });
    });

    it('warns when a replica is down, once the stream’s leader has noticed', async () => {
      await withStream(cluster, 3, async (streamName) => {
        await cluster.kill9(2);
        try {
          const probe = () => checkBrokerDurability({ servers: cluster.url, streamName, monitorUrls: [], production: false, allowAsyncFsync: false, log: quiet });
          let check = await probe();
          // The leader counts a peer current until its heartbeats time out (seconds).
          for (let tries = 0; check.facts?.currentReplicas !== 2 && tries < 60; tries++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            check = await probe();
          }
          expect(check.facts).toMatchObject({ replicas: 3, currentReplicas: 2 });
          expect(check.verdict.warnings).toContain(`only 2 of 3 replicas of ${streamName} are current`);
        } finally {
          await cluster.restart(2);
        }
      });
    });
  });

  describe('one node', () => {
    it(`started with sync_interval: always ${hasSyncOption(version) ? 'is accepted in production' : `is refused by nats-server ${version} itself (the option is 2.10+)`}`, async () => {
      if (!hasSyncOption(version)) {
        await expect(OwnNatsCluster.start({ size: 1, syncAlways: true })).rejects.toThrow(/unknown field "sync_interval"/);
        console.warn(`\n⚠ nats-server ${version} has no sync_interval option: the accepted path is shown with a monitoring endpoint that answers as 2.14 does\n`);
        return;
      }
      const node = await OwnNatsCluster.start({ size: 1, syncAlways: true });
      try {
        await withStream(node, 1, async (streamName) => {
          const check = await checkBrokerDurability({ servers: node.url, streamName, monitorUrls: [node.monitorUrl], production: true, allowAsyncFsync: false, log: quiet });
          expect(check.verdict.unsafe).toEqual([]);
          expect(check.decision).toBe('warn'); // R1: one disk is the only copy
        });
      } finally {
        await node.destroy();
      }
    });

    it('started at the defaults is refused in production, whatever it reports', async () => {
      const node = await OwnNatsCluster.start({ size: 1, syncAlways: false });
      try {
        await withStream(node, 1, async (streamName) => {
          const refused = checkBrokerDurability({ servers: node.url, streamName, monitorUrls: [node.monitorUrl], production: true, allowAsyncFsync: false, log: quiet });
          await expect(refused).rejects.toThrow(/refuses to publish[\s\S]*NATS_ALLOW_ASYNC_FSYNC=on/);
        });
      } finally {
        await node.destroy();
      }
    });

    it('is accepted in production when its monitoring endpoint reports sync_always, as 2.10+ does under sync_interval: always', async () => {
      const node = await OwnNatsCluster.start({ size: 1, syncAlways: false });
      // A stand-in for the monitoring endpoint of a 2.14 node (the JSON shape of its /varz), beside the real node.
      const monitor: Server = createServer((request, response) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ server_name: 'n1', version: '2.14.4', jetstream: { config: { sync_interval: 120_000_000_000, sync_always: true } } }));
      });
      await new Promise<void>((resolve) => monitor.listen(0, '127.0.0.1', resolve));
      try {
        await withStream(node, 1, async (streamName) => {
          const url = `http://127.0.0.1:${(monitor.address() as { port: number }).port}`;
          const check = await checkBrokerDurability({ servers: node.url, streamName, monitorUrls: [url], production: true, allowAsyncFsync: false, log: quiet });
          expect(check.verdict.unsafe).toEqual([]);
          expect(check.decision).toBe('warn');
        });
      } finally {
        monitor.close();
        await node.destroy();
      }
    });

    it('counts an unreachable monitoring endpoint as not knowing', async () => {
      const node = await OwnNatsCluster.start({ size: 1, syncAlways: false });
      try {
        await withStream(node, 1, async (streamName) => {
          const check = await checkBrokerDurability({ servers: node.url, streamName, monitorUrls: ['http://127.0.0.1:9'], production: false, allowAsyncFsync: false, log: quiet });
          expect(check.verdict.unsafe).toEqual([expect.stringContaining('did not answer')]);
        });
      } finally {
        await node.destroy();
      }
    });
  });
});
