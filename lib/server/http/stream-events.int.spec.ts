import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { commandHandlerOf } from '../routes/commands';
import { streamEvents } from '../routes/streams';

const depositRoute = commandHandlerOf('account', 'deposit');
const openRoute = commandHandlerOf('account', 'open');
const eventsRoute = streamEvents.handler;

let db: TemporaryStore;
let accountId: string;
let streamId: string;
let teller: Record<string, string>;

beforeAll(async () => {
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
  const opened = await openRoute(jsonRequest('/api/accounts', { owner: 'Ada', currency: 'EUR' }, teller));
  ({ accountId } = (await opened.json()) as { accountId: string });
  streamId = `account-${accountId}`;
  for (const amount of [100, 200, 300]) {
    await depositRoute(jsonRequest(`/api/accounts/${accountId}/deposit`, { amount }, { ...teller, 'idempotency-key': `dep-${amount}-${accountId}` }), params({ accountId }));
  }
});
afterAll(async () => db.release());

const get = (id: string, query = '') => eventsRoute(new Request(`${BASE}/api/streams/${id}/events${query}`, { headers: teller }), params({ streamId: id }));

type EventsJson = { streamId: string; form: string; events: Array<Record<string, unknown>> };

const ENVELOPE = ['data', 'eventId', 'globalPosition', 'hash', 'metadata', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type'];

describe('GET /api/streams/{streamId}/events', () => {
  it('returns every envelope field of every event, in version order', async () => {
    const response = await get(streamId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as EventsJson;
    expect(body).toMatchObject({ streamId, form: 'current' });
    expect(body.events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4]);

    const stored = await db.events(streamId);
    body.events.forEach((event, index) => {
      expect(Object.keys(event).sort()).toEqual([...ENVELOPE, 'storedSchemaVersion'].sort());
      const original = stored[index]!;
      expect(event).toEqual({ ...original, recordedAt: original.recordedAt.toISOString(), storedSchemaVersion: original.schemaVersion });
      expect(new Date(event.recordedAt as string).toISOString()).toBe(event.recordedAt);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(body.events[0]).toMatchObject({ type: 'AccountOpened', schemaVersion: 3, storedSchemaVersion: 3, metadata: { actor: 'teller:ann' } });
    expect(body.events[1]).toMatchObject({ type: 'MoneyDeposited', data: { amount: 100 }, metadata: { commandId: `dep-100-${accountId}` } });
  });

  it('returns legacy events upcast by default and as stored with raw=1', async () => {
    const legacyStream = `account-legacy-${accountId}`;
    await db.store.stored.appendToStream(legacyStream, [
      { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy', name: 'Margaret Keller', openedAt: '2026-05-03T09:00:00.000Z' } },
      { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy', amount: 12.5, depositedAt: '2026-05-04T09:00:00.000Z' } },
    ]);
    const current = (await (await get(legacyStream)).json()) as EventsJson;
    const raw = (await (await get(legacyStream, '?raw=1')).json()) as EventsJson;

    expect(current.form).toBe('current');
    expect(current.events.map((event) => [event.schemaVersion, event.storedSchemaVersion])).toEqual([[3, 1], [2, 1]]);
    expect(current.events[0]!.data).toEqual({
      accountId: 'legacy',
      holder: { name: 'Margaret Keller', kind: 'person' },
      // Legacy holders map to the customer the seed made for that name.
      customerId: 'margaret-keller',
      currency: 'EUR',
      overdraftLimit: 0,
      openedAt: '2026-05-03T09:00:00.000Z',
    });
    expect(current.events[1]!.data).toMatchObject({ amount: 1250, currency: 'EUR', description: 'Deposit' });

    expect(raw.form).toBe('stored');
    expect(raw.events.map((event) => Object.keys(event).sort())).toEqual([ENVELOPE.sort(), ENVELOPE.sort()]);
    expect(raw.events.map((event) => [event.schemaVersion, event.data])).toEqual([
      [1, { accountId: 'legacy', name: 'Margaret Keller', openedAt: '2026-05-03T09:00:00.000Z' }],
      [1, { accountId: 'legacy', amount: 12.5, depositedAt: '2026-05-04T09:00:00.000Z' }],
    ]);
    // Both forms describe the same stored events: same ids, positions and hashes.
    const identity = (body: EventsJson) => body.events.map(({ eventId, globalPosition, hash }) => [eventId, globalPosition, hash]);
    expect(identity(current)).toEqual(identity(raw));
    expect(((await (await get(legacyStream, '?raw=0&fromVersion=2')).json()) as EventsJson).events[0]).toMatchObject({ storedSchemaVersion: 1, schemaVersion: 2 });
  });

  it('returns a window by fromVersion, toVersion and limit', async () => {
    const versions = async (query: string) =>
      ((await (await get(streamId, query)).json()) as EventsJson).events.map((event) => event.streamVersion);
    expect(await versions('?fromVersion=2')).toEqual([2, 3, 4]);
    expect(await versions('?toVersion=2')).toEqual([1, 2]);
    expect(await versions('?fromVersion=2&toVersion=3')).toEqual([2, 3]);
    expect(await versions('?fromVersion=2&limit=1')).toEqual([2]);
    expect(await versions('?fromVersion=3&toVersion=3&limit=10000')).toEqual([3]);
    expect(await versions('?fromVersion=99')).toEqual([]);
  });

  it('answers 400 for malformed query parameters or stream ids', async () => {
    for (const query of ['?fromVersion=0', '?fromVersion=abc', '?toVersion=-1', '?limit=0', '?limit=10001', '?limit=1.5', '?fromVersion=3&toVersion=2', '?limit=1&limit=2', '?raw=yes', '?raw=1&raw=0']) {
      const response = await get(streamId, query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.issues?.length).toBeGreaterThan(0);
    }
    for (const id of ['nodash', '-abc', 'account-', 'account-has space']) {
      expect((await get(id)).status, id).toBe(400);
    }
  });

  it('answers 404 stream_not_found for a stream with no events', async () => {
    const response = await get('account-never-opened');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorJson).error.code).toBe('stream_not_found');
  });
});
