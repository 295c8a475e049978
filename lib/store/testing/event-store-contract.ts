import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../core/envelope';
import { ConcurrencyError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';
import { chainHash, GENESIS_HASH } from '../../core/hash-chain';

export type StoreFixture = { store: EventStore; cleanup: () => Promise<void> };

const event = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  type: 'ThingHappened',
  data: { n, nested: { list: [1, 'two', null], text: 'zürich ✓ 日本' } },
  metadata: { actor: 'tester' },
  ...extra,
});

const streamName = () => `thing-${randomUUID()}`;

/** The behaviour every EventStore adapter must show; run against each of them. */
export const describeEventStoreContract = (name: string, createFixture: () => Promise<StoreFixture>) =>
  describe(`EventStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => fixture.cleanup());

    it('numbers a new stream 1..n and records a complete envelope', async () => {
      const stream = streamName();
      const result = await store.appendToStream(stream, [event(1), event(2), event(3)], { expectedVersion: 'no_stream' });
      expect(result).toMatchObject({ streamId: stream, nextExpectedVersion: 3, duplicate: false });
      const events = await store.readStream(stream);
      expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(events.at(-1)!.globalPosition).toBe(result.lastGlobalPosition);
      const [first] = events;
      expect(first!.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(first).toMatchObject({ streamId: stream, type: 'ThingHappened', schemaVersion: 1, data: event(1).data });
      expect(first!.metadata).toMatchObject({ actor: 'tester', causationId: null, commandId: null });
      expect(first!.metadata.correlationId).toEqual(expect.any(String));
      expect(first!.recordedAt).toBeInstanceOf(Date);
      expect(first!.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('links every event into its stream hash chain from the first event', async () => {
      const stream = streamName();
      await store.appendToStream(stream, [event(1), event(2)]);
      await store.appendToStream(stream, [event(3)]);
      const events = await store.readStream(stream);
      let previous: string | null = GENESIS_HASH;
      for (const recorded of events) {
        expect(recorded.hash).toBe(chainHash(previous, recorded));
        previous = recorded.hash;
      }
    });

    it('enforces each expected-version mode with a typed conflict that writes nothing', async () => {
      const stream = streamName();
      await expect(store.appendToStream(stream, [event(1)], { expectedVersion: 'stream_exists' })).rejects.toMatchObject({
        expected: 'stream_exists',
        actual: 0,
      });
      await store.appendToStream(stream, [event(1)], { expectedVersion: 'no_stream' });
      const noStream = store.appendToStream(stream, [event(2)], { expectedVersion: 'no_stream' });
      await expect(noStream).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(store.appendToStream(stream, [event(2)], { expectedVersion: 5 })).rejects.toMatchObject({
        streamId: stream,
        expected: '5',
        actual: 1,
      });
      await store.appendToStream(stream, [event(2)], { expectedVersion: 1 });
      await store.appendToStream(stream, [event(3)], { expectedVersion: 'stream_exists' });
      await store.appendToStream(stream, [event(4)], { expectedVersion: 'any' });
      expect((await store.readStream(stream)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
    });

    it('writes a batch atomically: one bad event and none is stored', async () => {
      const stream = streamName();
      const duplicateId = randomUUID();
      await expect(
        store.appendToStream(stream, [event(1, { eventId: duplicateId }), event(2, { eventId: duplicateId })]),
      ).rejects.toThrow();
      expect(await store.streamExists(stream)).toBe(false);
      expect(await store.readStream(stream)).toEqual([]);
    });

    // 1, 7, 100 and 157 events: the adapters split a batch into multi-row statements, so sizes that cross their chunk edges matter.
    it('writes batches of every size in order, chained, in position order', async () => {
      const stream = streamName();
      let version = 0;
      for (const size of [1, 7, 100, 157]) {
        const batch = Array.from({ length: size }, (_, i) => event(version + i + 1));
        const result = await store.appendToStream(stream, batch, { expectedVersion: version === 0 ? 'no_stream' : version });
        version += size;
        expect(result.nextExpectedVersion).toBe(version);
        const written = await store.readStream(stream, { fromVersion: version - size + 1 });
        expect(written.map((e) => (e.data as { n: number }).n)).toEqual(batch.map((e) => (e.data as { n: number }).n));
        const positions = written.map((e) => e.globalPosition);
        expect(positions.every((position, i) => i === 0 || position > positions[i - 1]!)).toBe(true);
        expect(positions.at(-1)).toBe(result.lastGlobalPosition);
      }
      const events = await store.readStream(stream);
      expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 265 }, (_, i) => i + 1));
      expect(new Set(events.map((e) => e.eventId)).size).toBe(265);
      let previous: string | null = GENESIS_HASH;
      for (const recorded of events) {
        expect(recorded.hash).toBe(chainHash(previous, recorded));
        previous = recorded.hash;
      }
    });

    it('refuses a large batch whole when its last event clashes', async () => {
      const stream = streamName();
      const taken = randomUUID();
      await store.appendToStream(streamName(), [event(0, { eventId: taken })]);
      const batch = Array.from({ length: 99 }, (_, i) => event(i + 1));
      await expect(store.appendToStream(stream, [...batch, event(100, { eventId: taken })])).rejects.toThrow();
      expect(await store.streamExists(stream)).toBe(false);
    });

    it('reads a stream by version range and limit', async () => {
      const stream = streamName();
      await store.appendToStream(stream, Array.from({ length: 10 }, (_, i) => event(i + 1)));
      const versions = async (options: Parameters<EventStore['readStream']>[1]) =>
        (await store.readStream(stream, options)).map((e) => e.streamVersion);
      expect(await versions({ fromVersion: 4 })).toEqual([4, 5, 6, 7, 8, 9, 10]);
      expect(await versions({ fromVersion: 2, toVersion: 4 })).toEqual([2, 3, 4]);
      expect(await versions({ fromVersion: 5, limit: 2 })).toEqual([5, 6]);
      expect(await store.readStream(streamName())).toEqual([]);
    });

    it('reads all streams in global order from a position', async () => {
      const [a, b] = [streamName(), streamName()];
      const first = await store.appendToStream(a, [event(1)]);
      await store.appendToStream(b, [event(2), event(3)]);
      await store.appendToStream(a, [event(4)]);
      const all = await store.readAll({ fromPosition: first.lastGlobalPosition - 1 });
      const ours = all.filter((e) => e.streamId === a || e.streamId === b);
      expect(ours.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
      const positions = all.map((e) => e.globalPosition);
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
      const page = await store.readAll({ fromPosition: first.lastGlobalPosition, limit: 2 });
      expect(page.map((e) => (e.data as { n: number }).n)).toEqual([2, 3]);
    });

    it('reports the head position', async () => {
      const before = await store.headPosition();
      const result = await store.appendToStream(streamName(), [event(1), event(2)]);
      expect(result.lastGlobalPosition).toBeGreaterThan(before);
      expect(await store.headPosition()).toBe(result.lastGlobalPosition);
    });

    it('knows which streams exist', async () => {
      const stream = streamName();
      expect(await store.streamExists(stream)).toBe(false);
      await store.appendToStream(stream, [event(1)]);
      expect(await store.streamExists(stream)).toBe(true);
    });

    it('appends once per command id and returns the first result again', async () => {
      const stream = streamName();
      const commandId = randomUUID();
      const first = await store.appendToStream(stream, [event(1)], { commandId });
      const again = await store.appendToStream(stream, [event(1)], { commandId, expectedVersion: 0 });
      expect(again).toEqual({ ...first, duplicate: true });
      expect(await store.findCommand(commandId)).toEqual({ ...first, duplicate: true });
      expect(await store.readStream(stream)).toHaveLength(1);
      expect((await store.readStream(stream))[0]!.metadata.commandId).toBe(commandId);
    });

    it('takes 1,000 concurrent appends to one stream: only typed conflicts, versions without gaps', async () => {
      const stream = streamName();
      await store.appendToStream(stream, [event(0)]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 1000 }, (_, i) => store.appendToStream(stream, [event(i + 1)], { expectedVersion: 1 })),
      );
      const failures = outcomes.filter((o) => o.status === 'rejected');
      expect(failures.every((f) => f.reason instanceof ConcurrencyError)).toBe(true);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const anyOutcomes = await Promise.allSettled(
        Array.from({ length: 1000 }, (_, i) => store.appendToStream(stream, [event(i + 1)], { expectedVersion: 'any' })),
      );
      expect(anyOutcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const versions = (await store.readStream(stream)).map((e) => e.streamVersion);
      expect(versions).toEqual(Array.from({ length: 1002 }, (_, i) => i + 1));
    });

    it('takes 1,000 concurrent appends to many streams without an error', async () => {
      const streams = Array.from({ length: 1000 }, streamName);
      const outcomes = await Promise.allSettled(
        streams.map((stream, i) => store.appendToStream(stream, [event(i)], { expectedVersion: 'no_stream' })),
      );
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const positions = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.lastGlobalPosition : -1));
      expect(new Set(positions).size).toBe(1000);
    });
  });
