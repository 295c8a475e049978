import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope';
import { InMemoryEventStore } from './in-memory-event-store';
import { UpcastError, UpcasterRegistry } from './upcasting';
import { upcastingStore } from './upcasting-store';

/* A test-only event that went through three shapes: v1 { celsius }, v2 { value, unit }, v3 { reading: { value, unit } }. */
type V1 = { celsius: number };
type V2 = { value: number; unit: 'C' };
type V3 = { reading: { value: number; unit: 'C' }; source: string };

const v1ToV2 = { type: 'TemperatureRead', fromVersion: 1, upcast: (data: V1): V2 => ({ value: data.celsius, unit: 'C' }) };
const v2ToV3 = {
  type: 'TemperatureRead',
  fromVersion: 2,
  upcast: (data: V2, source: { streamId?: string }): V3 => ({ reading: { value: data.value, unit: data.unit }, source: source.streamId ?? '?' }),
};

const registry = () => new UpcasterRegistry().register(v1ToV2).register(v2ToV3);

const recorded = (schemaVersion: number, data: unknown, type = 'TemperatureRead'): RecordedEvent => ({
  eventId: `e-${schemaVersion}`,
  streamId: 'sensor-1',
  streamVersion: 1,
  globalPosition: 1,
  type,
  schemaVersion,
  data,
  metadata: { actor: 'probe', correlationId: 'c', causationId: null, commandId: null },
  recordedAt: new Date('2026-01-01T00:00:00.000Z'),
  hash: 'h',
});

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

describe('UpcasterRegistry', () => {
  it('knows each type’s current version: one past its newest upcaster, 1 without any', () => {
    expect(registry().currentVersion('TemperatureRead')).toBe(3);
    expect(registry().currentVersion('SomethingElse')).toBe(1);
    expect(registry().versions()).toEqual({ TemperatureRead: 3 });
  });

  it('chains v1 → v2 → v3 and starts a v2 event in the middle of the chain', () => {
    const expected = { reading: { value: 21.5, unit: 'C' }, source: 'sensor-1' };
    expect(registry().upcast(recorded(1, { celsius: 21.5 }))).toMatchObject({ schemaVersion: 3, data: expected });
    expect(registry().upcast(recorded(2, { value: 21.5, unit: 'C' }))).toMatchObject({ schemaVersion: 3, data: expected });
  });

  it('hands each step the envelope at the version it upcasts from', () => {
    const seen: number[] = [];
    const spy = new UpcasterRegistry()
      .register({ type: 'T', fromVersion: 1, upcast: (data: object, source) => (seen.push(source.schemaVersion), data) })
      .register({ type: 'T', fromVersion: 2, upcast: (data: object, source) => (seen.push(source.schemaVersion), data) });
    spy.upcast(recorded(1, {}, 'T'));
    expect(seen).toEqual([1, 2]);
  });

  it('keeps everything but the version and the data, and never changes its input', () => {
    const input = deepFreeze(recorded(1, { celsius: 3 }));
    const before = structuredClone(input);
    const output = registry().upcast(input);
    expect(input).toEqual(before);
    expect(output).not.toBe(input);
    const { schemaVersion: _a, data: _b, ...envelope } = output;
    const { schemaVersion: _c, data: _d, ...original } = before;
    expect(envelope).toEqual(original);
  });

  it('cannot be tricked into changing its input by an upcaster that mutates', () => {
    const careless = new UpcasterRegistry().register({
      type: 'T',
      fromVersion: 1,
      upcast: (data: { list: number[] }) => {
        data.list.push(99);
        return data;
      },
    });
    const input = recorded(1, { list: [1] }, 'T');
    expect(careless.upcast(input).data).toEqual({ list: [1, 99] });
    expect(input.data).toEqual({ list: [1] });
  });

  it('returns an event already current, or of a type without upcasters, as the very same object', () => {
    const current = recorded(3, { reading: { value: 1, unit: 'C' }, source: 's' });
    expect(registry().upcast(current)).toBe(current);
    const other = recorded(7, { anything: true }, 'Unrelated');
    expect(registry().upcast(other)).toBe(other);
  });

  it('names the missing step when the chain has a gap, on read and when asked to check', () => {
    const gappy = new UpcasterRegistry().register(v1ToV2).register({ type: 'TemperatureRead', fromVersion: 3, upcast: (data: unknown) => data });
    expect(gappy.currentVersion('TemperatureRead')).toBe(4);
    expect(() => gappy.upcast(recorded(1, { celsius: 1 }))).toThrow(
      new UpcastError('No upcaster for TemperatureRead from version 2 to 3: the chain v1 → v4 has a gap', 'TemperatureRead', 2),
    );
    expect(() => gappy.assertComplete()).toThrow(/from version 2 to 3/);
    expect(registry().assertComplete()).toBeInstanceOf(UpcasterRegistry);
  });

  it('refuses versions it cannot know: newer than current, or not a version at all', () => {
    expect(() => registry().upcast(recorded(4, {}))).toThrow(/TemperatureRead v4 is newer than this application knows \(current v3\)/);
    expect(() => registry().upcast(recorded(0, {}))).toThrow(/whole numbers from 1/);
  });

  it('wraps a failing upcaster’s error with the event it failed on', () => {
    const strict = new UpcasterRegistry().register({
      type: 'T',
      fromVersion: 1,
      upcast: () => {
        throw new RangeError('amount is not a number');
      },
    });
    const error = (() => {
      try {
        strict.upcast(recorded(1, {}, 'T'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UpcastError);
    expect((error as Error).message).toBe('Cannot upcast T v1 (sensor-1 version 1): amount is not a number');
    expect((error as Error).cause).toBeInstanceOf(RangeError);
  });

  it('refuses a second upcaster for the same step and a version below 1', () => {
    expect(() => registry().register(v1ToV2)).toThrow(/already registered/);
    expect(() => new UpcasterRegistry().register({ ...v1ToV2, fromVersion: 0 })).toThrow(/whole number from 1/);
  });

  it('stamps new events with their current version, keeps explicit older ones, refuses newer ones', () => {
    const stamped = registry().stamp([
      { type: 'TemperatureRead', data: {} },
      { type: 'TemperatureRead', schemaVersion: 1, data: { celsius: 1 } },
      { type: 'Unrelated', data: {} },
    ]);
    expect(stamped.map((event) => event.schemaVersion)).toEqual([3, 1, 1]);
    expect(() => registry().stamp([{ type: 'TemperatureRead', schemaVersion: 4, data: {} }])).toThrow(/current version is v3/);
  });
});

describe('upcastingStore', () => {
  it('reads every event at its current version, writes new ones at it, and stores what was written', async () => {
    const stored = new InMemoryEventStore();
    const store = upcastingStore(stored, registry());
    await store.appendToStream('sensor-1', [{ type: 'TemperatureRead', schemaVersion: 1, data: { celsius: 20 } }]);
    await store.appendToStream('sensor-1', [{ type: 'TemperatureRead', data: { reading: { value: 22, unit: 'C' }, source: 'new' } }]);

    const read = await store.readStream('sensor-1');
    expect(read.map((event) => [event.schemaVersion, event.data])).toEqual([
      [3, { reading: { value: 20, unit: 'C' }, source: 'sensor-1' }],
      [3, { reading: { value: 22, unit: 'C' }, source: 'new' }],
    ]);
    expect((await store.readAll()).map((event) => event.schemaVersion)).toEqual([3, 3]);
    expect((await stored.readStream('sensor-1')).map((event) => [event.schemaVersion, event.data])).toEqual([
      [1, { celsius: 20 }],
      [3, { reading: { value: 22, unit: 'C' }, source: 'new' }],
    ]);
    expect(store.stored).toBe(stored);
  });
});
