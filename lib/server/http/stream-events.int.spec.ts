import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as depositRoute } from '@/app/api/accounts/[accountId]/deposit/route';
import { POST as openRoute } from '@/app/api/accounts/route';
import { GET as eventsRoute } from '@/app/api/streams/[streamId]/events/route';
import { BASE, jsonRequest, params, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

let db: TemporaryStore;
let accountId: string;
let streamId: string;

beforeAll(async () => {
  db = useTemporaryEventStore();
  const opened = await openRoute(jsonRequest('/api/accounts', { owner: 'Ada', currency: 'EUR' }, { 'x-demo-actor': 'teller:1' }));
  ({ accountId } = (await opened.json()) as { accountId: string });
  streamId = `account-${accountId}`;
  for (const amount of [100, 200, 300]) {
    await depositRoute(jsonRequest(`/api/accounts/${accountId}/deposit`, { amount }, { 'idempotency-key': `dep-${amount}-${accountId}` }), params({ accountId }));
  }
});
afterAll(async () => db.release());

const get = (id: string, query = '') => eventsRoute(new Request(`${BASE}/api/streams/${id}/events${query}`), params({ streamId: id }));

type EventsJson = { streamId: string; events: Array<Record<string, unknown>> };

describe('GET /api/streams/{streamId}/events', () => {
  it('returns every envelope field of every event, in version order', async () => {
    const response = await get(streamId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as EventsJson;
    expect(body.streamId).toBe(streamId);
    expect(body.events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4]);

    const stored = await db.events(streamId);
    body.events.forEach((event, index) => {
      expect(Object.keys(event).sort()).toEqual(
        ['data', 'eventId', 'globalPosition', 'hash', 'metadata', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type'].sort(),
      );
      const original = stored[index]!;
      expect(event).toEqual({ ...original, recordedAt: original.recordedAt.toISOString() });
      expect(new Date(event.recordedAt as string).toISOString()).toBe(event.recordedAt);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(body.events[0]).toMatchObject({ type: 'AccountOpened', schemaVersion: 1, metadata: { actor: 'teller:1' } });
    expect(body.events[1]).toMatchObject({ type: 'MoneyDeposited', data: { amount: 100 }, metadata: { commandId: `dep-100-${accountId}` } });
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
    for (const query of ['?fromVersion=0', '?fromVersion=abc', '?toVersion=-1', '?limit=0', '?limit=10001', '?limit=1.5', '?fromVersion=3&toVersion=2', '?limit=1&limit=2']) {
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
