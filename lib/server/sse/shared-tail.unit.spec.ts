import { describe, expect, it, vi } from 'vitest';
import { InMemoryEventStore } from '../../core/in-memory-event-store';
import { CatchUpGate } from './catch-up-gate';
import { liveTail } from './live-tail';
import { SharedTail } from './shared-tail';
import { SseParser } from './sse-format';
import type { EventFilter } from './stream-filter';

/** A store, a hand-rung append signal and a tail over them; every store read is counted. */
const setup = (tailOptions: { batchSize?: number; maxQueued?: number; readDelayMs?: number } = {}) => {
  const store = new InMemoryEventStore();
  const listeners = new Set<() => void>();
  const read = store.readAll.bind(store);
    const reads = vi
    .spyOn(store, 'readAll')
    .mockImplementation(async (options) => {
      const events = await read(options);
      // The answer as of when the read started, arriving later: a read in flight misses appends made meanwhile.
      if (tailOptions.readDelayMs) await new Promise((resolve) => setTimeout(resolve, tailOptions.readDelayMs));
      return events;
    });
  const tail = new SharedTail({
    store,
    onAppended: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...tailOptions,
  });
  const append = async (streamId: string, count = 1) => {
    await store.appendToStream(streamId, Array.from({ length: count }, (_, n) => ({ type: 'Noted', data: { n } })));
    for (const listener of listeners) listener();
  };
  return { store, tail, reads, append, gate: new CatchUpGate(4), listening: () => listeners.size };
};

type Setup = ReturnType<typeof setup>;

/** One connection: `pull` reads frames on demand; `follow` reads continuously, as a browser does. */
const open = (s: Setup, start: number, startIsHead: boolean, filter: EventFilter = null, batchSize?: number) => {
  const abort = new AbortController();
  const frames = liveTail({ store: s.store, tail: s.tail, gate: s.gate, readSide: null, start, startIsHead, filter, heartbeatMs: 60_000, retryMs: 2_000, batchSize, signal: abort.signal });
  const parser = new SseParser();
  const positions: number[] = [];
  let failure: unknown;
  const take = (frame: string) => {
    for (const event of parser.push(frame)) if (event.event === 'event') positions.push(Number(event.lastEventId));
  };
  /** Reads frames until `enough` holds. */
  const pullUntil = async (enough: () => boolean) => {
    while (!enough()) {
      const next = await frames.next();
      if (next.done) return;
      take(next.value);
    }
  };
  const follow = () =>
    void (async () => {
      try {
        for await (const frame of frames) take(frame);
      } catch (error) {
        failure = error;
      }
    })();
  return { positions, parser, pullUntil, follow, failure: () => failure, close: async () => (abort.abort(), await frames.return()) };
};

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

const range = (after: number, last: number) => Array.from({ length: last - after }, (_, i) => after + i + 1);

describe('the shared live tail', () => {
  it('reads the store once per append however many clients follow, each keeping its own filter', async () => {
    const s = setup();
    await s.append('note-a', 3);
    const clients = Array.from({ length: 300 }, (_, i) => open(s, 3, true, i % 3 === 0 ? { streams: new Set(['note-b']), categories: new Set() } : null));
    clients.forEach((client) => client.follow());
    await until(() => s.tail.connectionCount === 300, 'every client to take its seat');
    await until(() => clients.every((client) => client.parser.lastEventId === '3'), 'the opening frames');
    s.reads.mockClear();

    for (let n = 1; n <= 20; n++) {
      await s.append(n % 2 === 0 ? 'note-b' : 'note-a');
      await until(() => clients.every((client) => client.parser.lastEventId === String(3 + n)), `append ${n} to reach everybody`);
    }
    expect(s.reads).toHaveBeenCalledTimes(20);
    const everything = range(3, 23);
    clients.forEach((client, i) => expect(client.positions).toEqual(i % 3 === 0 ? everything.filter((p) => (p - 3) % 2 === 0) : everything));
    await Promise.all(clients.map((client) => client.close()));
    expect(s.tail.connectionCount).toBe(0);
    expect(s.listening()).toBe(0);
  });

  it('lets a resuming client catch up in bounded reads and join the tail without a gap or a duplicate, while appends go on', async () => {
    const s = setup({ batchSize: 7, readDelayMs: 1 });
    await s.append('note-a', 40);
    const live = open(s, 40, true);
    live.follow();
    await until(() => s.tail.connectionCount === 1, 'the live client');
    const resuming = Array.from({ length: 20 }, (_, i) => open(s, i, false, null, 7));
    resuming.forEach((client) => client.follow());
    for (let n = 0; n < 60; n++) {
      await s.append('note-a', 1 + (n % 3));
      await new Promise((resolve) => setTimeout(resolve, n % 4));
    }
    const head = await s.store.headPosition();
    await until(() => [live, ...resuming].every((client) => client.positions.at(-1) === head), 'every client to reach the head');
    resuming.forEach((client, i) => expect(client.positions).toEqual(range(i, head)));
    expect(live.positions).toEqual(range(40, head));
    expect(s.tail.connectionCount).toBe(21);
    // Every catch-up read asked for at most a batch.
    for (const [options] of s.reads.mock.calls) expect(options?.limit).toBeLessThanOrEqual(7);
    await Promise.all([live, ...resuming].map((client) => client.close()));
  });

  it('does not send twice what a connection read for itself before joining while the tail was still reading older events', async () => {
    const s = setup();
    const held: Array<() => void> = [];
    const read = s.reads.getMockImplementation()!;
    s.reads.mockImplementation(async (options) => {
      const events = await read(options);
      await new Promise<void>((resolve) => held.push(resolve));
      return events;
    });
    const releaseRead = async () => {
      await until(() => held.length > 0, 'a read to be in flight');
      held.shift()!();
    };
    const first = s.tail.join(0, true, null, () => undefined)!;
    await releaseRead(); // the read that joining starts finds nothing
    await new Promise((resolve) => setTimeout(resolve, 5));
    await s.append('note-a'); // position 1: the tail starts reading it
    await s.append('note-a'); // position 2: appended while that read is in flight
    const second = s.tail.join(2, true, null, () => undefined); // this connection read 1 and 2 itself
    expect(second).not.toBeNull();
    await releaseRead();
    await until(() => first.queue.length === 1, 'the first read to land');
    await releaseRead();
    await until(() => first.queue.length === 2, 'the second read to land');
    expect(first.queue.map((entry) => entry.position)).toEqual([1, 2]);
    expect(second!.queue).toEqual([]);
    expect(second!.reached).toBe(2);
    s.tail.leave(first);
    s.tail.leave(second!);
  });

  it('drops a client that stops reading back to its own pace, without holding up the others, and it still gets everything once', async () => {
    const s = setup({ maxQueued: 10 });
    const fast = open(s, 0, true);
    fast.follow();
    const slow = open(s, 0, true);
    await slow.pullUntil(() => slow.parser.retry !== undefined);
    const first = slow.pullUntil(() => slow.positions.length >= 1);
    await until(() => s.tail.connectionCount === 2, 'both clients to take their seats');
    for (let n = 0; n < 50; n++) await s.append('note-a');
    await until(() => fast.positions.length === 50, 'the fast client to get every event');
    await first;
    expect(s.tail.connectionCount).toBe(1);

    await slow.pullUntil(() => slow.positions.length >= 50);
    expect(slow.positions).toEqual(range(0, 50));
    expect(fast.positions).toEqual(range(0, 50));
    const next = slow.pullUntil(() => slow.positions.length >= 51);
    await until(() => s.tail.connectionCount === 2, 'the slow client to rejoin once caught up');
    await s.append('note-a');
    await next;
    await until(() => fast.positions.length === 51, 'the next event');
    expect(slow.positions).toEqual(range(0, 51));
    await slow.close();
    await fast.close();
  });

  it('ends every connection when its read fails, so clients reconnect and resume', async () => {
    const s = setup();
    const clients = [open(s, 0, true), open(s, 0, true)];
    clients.forEach((client) => client.follow());
    await until(() => s.tail.connectionCount === 2, 'both clients');
    s.reads.mockRejectedValueOnce(new Error('database gone'));
    await s.append('note-a');
    await until(() => clients.every((client) => client.failure() !== undefined), 'both connections to end');
    expect(s.tail.connectionCount).toBe(0);
    expect(s.listening()).toBe(0);
  });
});
