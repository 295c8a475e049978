import { describe, expect, it } from 'vitest';
import { decideDurability, fsyncFromVarz, hasSyncOption, judgeDurability, type BrokerFacts, type NodeDurability } from './broker-durability';
import { parseDuration } from './durations';
import { messagingConfig, productionMode } from './messaging-config';

/* /varz as nats-server reports it (jetstream.config; sync_interval in nanoseconds, omitted at the default). */
const varz = (version: string, config: Record<string, unknown> | null) => ({ server_name: 'n1', version, ...(config ? { jetstream: { config } } : {}) });
const node = (fsync: NodeDurability['fsync'], server = 'n1'): NodeDurability => ({ server, version: '2.14.4', fsync });
const facts = (nodes: NodeDurability[], replicas = 3, currentReplicas: number | null = 3): BrokerFacts => ({ stream: 'S', replicas, currentReplicas, nodes });

describe('reading a node’s fsync policy from /varz', () => {
  it('given 2.14 with sync_interval: always, then fsync before every acknowledgement', () => {
    expect(fsyncFromVarz(varz('2.14.4', { max_memory: 1, sync_interval: 120_000_000_000, sync_always: true }))).toEqual({ kind: 'always' });
  });

  it('given 2.14 at its defaults (sync_always absent), then a timer of 2 minutes', () => {
    expect(fsyncFromVarz(varz('2.14.4', { max_memory: 1, sync_interval: 120_000_000_000 }))).toMatchObject({ kind: 'timer', intervalMs: 120_000 });
    expect(fsyncFromVarz(varz('2.10.0', { max_memory: 1 }))).toMatchObject({ kind: 'timer', intervalMs: 120_000 });
  });

  it('given sync_interval: 10s, then a 10 s timer', () => {
    expect(fsyncFromVarz(varz('2.11.0', { sync_interval: 10_000_000_000 }))).toMatchObject({ kind: 'timer', intervalMs: 10_000, why: expect.stringContaining('10 s') });
  });

  it('given 2.9 (no sync option, nothing reported), then a timer, said to be for want of the option', () => {
    expect(fsyncFromVarz(varz('2.9.10', { max_memory: 1, store_dir: '/x' }))).toMatchObject({ kind: 'timer', intervalMs: null, why: expect.stringContaining('no sync_interval option') });
  });

  it('given a node without JetStream, then unknown', () => {
    expect(fsyncFromVarz(varz('2.14.4', null))).toMatchObject({ kind: 'unknown' });
  });

  it('knows which versions have the option', () => {
    expect([hasSyncOption('2.9.10'), hasSyncOption('2.10.0'), hasSyncOption('2.14.4'), hasSyncOption('3.0.0'), hasSyncOption('1.99.0')]).toEqual([false, true, true, true, false]);
  });
});

describe('judging the broker and deciding', () => {
  const production = { production: true, allowAsyncFsync: false };
  const demo = { production: false, allowAsyncFsync: false };

  it('given every node fsyncing always and R3 all current, then accepted everywhere', () => {
    const verdict = judgeDurability(facts([node({ kind: 'always' }), node({ kind: 'always' }, 'n2'), node({ kind: 'always' }, 'n3')]));
    expect(verdict).toMatchObject({ unsafe: [], warnings: [] });
    expect(decideDurability(verdict, production)).toBe('accept');
  });

  it('given one node on a timer, then production refuses unless NATS_ALLOW_ASYNC_FSYNC=on, and demo warns', () => {
    const verdict = judgeDurability(facts([node({ kind: 'always' }), node({ kind: 'timer', intervalMs: 120_000, why: 'sync_interval 2 min' }, 'n2')]));
    expect(verdict.unsafe).toEqual([expect.stringContaining('n2')]);
    expect(decideDurability(verdict, production)).toBe('refuse');
    expect(decideDurability(verdict, { production: true, allowAsyncFsync: true })).toBe('warn');
    expect(decideDurability(verdict, demo)).toBe('warn');
  });

  it('given a policy that cannot be known, then it counts as unsafe', () => {
    const verdict = judgeDurability(facts([node({ kind: 'unknown', why: 'no monitoring endpoint' })]));
    expect(decideDurability(verdict, production)).toBe('refuse');
  });

  it('given fsync always on one node with R1, then accepted with a warning about the single copy', () => {
    const verdict = judgeDurability(facts([node({ kind: 'always' })], 1, null));
    expect(verdict.unsafe).toEqual([]);
    expect(verdict.warnings).toEqual([expect.stringContaining('1 replica')]);
    expect(decideDurability(verdict, production)).toBe('warn');
  });

  it('given an R3 stream with a replica behind, then a warning', () => {
    expect(judgeDurability(facts([node({ kind: 'always' })], 3, 2)).warnings).toEqual([expect.stringContaining('only 2 of 3')]);
  });
});

describe('settings', () => {
  it('is production only under NODE_ENV=production with demo mode off', () => {
    expect(productionMode({ NODE_ENV: 'production' })).toBe(true);
    expect(productionMode({ NODE_ENV: 'production', CHRONICLE_DEMO_MODE: 'on' })).toBe(false);
    expect(productionMode({ NODE_ENV: 'development', CHRONICLE_DEMO_MODE: 'off' })).toBe(false);
    expect(productionMode({})).toBe(false);
  });

  it('reads durations, the monitoring endpoints and the switches', () => {
    expect([parseDuration('250ms'), parseDuration('30s'), parseDuration('5m'), parseDuration('1h'), parseDuration('7d'), parseDuration('1500')]).toEqual([
      250, 30_000, 300_000, 3_600_000, 604_800_000, 1500,
    ]);
    expect([parseDuration('soon'), parseDuration('-5m'), parseDuration('0s')]).toEqual([null, null, null]);
    const config = messagingConfig({ NATS_MONITOR_URL: 'http://a:8222, http://b:8222', OUTBOX_RECONCILE_INTERVAL: 'off', NATS_STREAM_REPLICAS: '3' });
    expect(config).toMatchObject({ natsMonitorUrls: ['http://a:8222', 'http://b:8222'], reconcileIntervalMs: null, natsStreamReplicas: 3, allowAsyncFsync: false });
    expect(messagingConfig({})).toMatchObject({ reconcileIntervalMs: 300_000, reconcileWindowMs: 3_600_000, sentRetentionMs: 604_800_000, natsStreamReplicas: null });
    expect(() => messagingConfig({ OUTBOX_SENT_RETENTION: 'forever' })).toThrow(/OUTBOX_SENT_RETENTION/);
    expect(() => messagingConfig({ NATS_ALLOW_ASYNC_FSYNC: 'yes' })).toThrow(/on or off/);
  });
});
