import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSideBackends } from '../read/testing/read-side-backends';
import type { BusMessage } from './message-bus';
import { NatsBus } from './nats-bus';
import { OutboxStore } from './outbox-store';
import { eventually } from './testing/bus-messages';
import { OwnNatsServer } from './testing/own-nats-server';
import { ownNatsServerAvailable } from './testing/own-nats-required';

const available = ownNatsServerAvailable();
const backends = await readSideBackends();

const STREAMS = 8;
const PER_STREAM = 150;

const startRelay = (databaseUrl: string, natsUrl: string): ChildProcess =>
  // node with tsx's loader, not the tsx CLI: the CLI runs the script in a child that SIGKILL would orphan.
  spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'scripts/relay.ts'), '--poll-ms', '20'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, OUTBOX_LEASE_MS: '1000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));

describe.skipIf(!available).each(backends)('npm run relay killed with SIGKILL mid-run on $name', ({ create }) => {
  let server: OwnNatsServer;
  beforeAll(async () => {
    server = await OwnNatsServer.start();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('resumes from the outbox in a new process: every event published once, in stream order', async () => {
    const { url, store, db, cleanup } = await create();
    const outbox = new OutboxStore(db);
    const bus = await NatsBus.connect({ servers: server.url });
    const seen: BusMessage[] = [];
    const subscription = await bus.subscribe('kill-audit', {}, async (message) => void seen.push(message));
    const children: ChildProcess[] = [];
    try {
      await Promise.all(
        Array.from({ length: STREAMS }, async (_, s) => {
          for (let i = 0; i < PER_STREAM / 10; i++) {
            const events = Array.from({ length: 10 }, (_, j) => ({ type: 'Pinged', data: { n: i * 10 + j } }));
            await store.appendToStream(`probe-k${s}`, events);
          }
        }),
      );
      const total = STREAMS * PER_STREAM;

      const first = startRelay(url, server.url);
      children.push(first);
      await eventually(async () => (await outbox.counts()).sent >= 150, 60_000, 'the first relay to get going');
      first.kill('SIGKILL');
      await exited(first);
      const afterKill = await outbox.counts();
      expect(afterKill.pending).toBeGreaterThan(0);

      const second = startRelay(url, server.url);
      children.push(second);
      await eventually(async () => (await outbox.counts()).pending === 0, 60_000, 'the second relay to drain the rest');
      await eventually(() => seen.length >= total, 30_000, 'every event at the consumer');

      expect(await outbox.counts()).toEqual({ pending: 0, sent: total, parked: 0 });
      expect(await bus.storedCount()).toBe(total);
      expect(new Set(seen.map((m) => m.id)).size).toBe(total);
      for (let s = 0; s < STREAMS; s++) {
        const versions = seen.filter((m) => m.streamId === `probe-k${s}`).map((m) => m.streamVersion);
        expect(versions, `probe-k${s}`).toEqual(Array.from({ length: PER_STREAM }, (_, i) => i + 1));
      }
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.all(children.map(exited));
      await subscription.close();
      await bus.deleteStream();
      await bus.close();
      await cleanup();
    }
  }, 150_000);
});
