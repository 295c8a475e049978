import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { relatedEvents, type RelatedEventsBody } from '../routes/related-events';
import { BASE, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

/* GET /api/streams/{streamId}/related: an event's story across streams, only what the caller may read. */

const ADA = 'account-ada-1';
const GRACE = 'account-grace-1';
let db: TemporaryStore;
let withdrawal: string;
let credit: string;
const meta = (correlationId: string, causationId: string | null = null) => ({ metadata: { actor: 'system:transfers', correlationId, causationId } });

beforeAll(async () => {
  db = await useTemporaryEventStore();
  const open = opened();
  await db.store.appendToStream(ADA, [{ ...open, data: { ...(open.data as object), accountId: 'ada-1' }, ...meta('o-1') }, { ...deposited(5_000), ...meta('d-1') }]);
  await db.store.appendToStream(GRACE, [
    { ...open, data: { ...(open.data as object), accountId: 'grace-1', customerId: 'grace-hopper', holder: { name: 'Grace Hopper', kind: 'person' } }, ...meta('o-2') },
  ]);
  await db.store.appendToStream(ADA, [{ ...withdrawn(1_000), ...meta('transfer-1') }]);
  withdrawal = (await db.events(ADA)).at(-1)!.eventId;
  await db.store.appendToStream(GRACE, [{ ...deposited(1_000), ...meta('transfer-1', withdrawal) }]);
  credit = (await db.events(GRACE)).at(-1)!.eventId;
});
afterAll(async () => db?.release());

const related = async (user: string, streamId: string, eventId: string) =>
  relatedEvents.handler(new Request(`${BASE}/api/streams/${streamId}/related?eventId=${eventId}`, { headers: await signedInAs(user) }), params({ streamId }));

describe('GET /api/streams/{streamId}/related', () => {
  it('shows staff the whole story: both legs, and what the withdrawal caused', async () => {
    const response = await related('ann', ADA, withdrawal);
    expect(response.status).toBe(200);
    const body = (await response.json()) as RelatedEventsBody;
    expect(body.correlated.map((row) => row.streamId)).toEqual([ADA, GRACE]);
    expect(body).toMatchObject({ correlationId: 'transfer-1', hidden: 0, truncated: false, cause: null });
    expect(body.effects.map((row) => row.eventId)).toEqual([credit]);
  });

  it('shows a customer only her own streams, and counts what it left out (no 403)', async () => {
    const response = await related('ada-lovelace', ADA, withdrawal);
    expect(response.status).toBe(200);
    const body = (await response.json()) as RelatedEventsBody;
    expect(body.correlated.map((row) => row.streamId)).toEqual([ADA]);
    expect(body.hidden).toBe(1);
    expect(body.effects).toEqual([]);
  });

  it('refuses another customer’s stream and answers 404 for an event not in the stream', async () => {
    expect((await related('ada-lovelace', GRACE, credit)).status).toBe(403);
    const missing = await related('ann', ADA, credit);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorJson).error.code).toBe('event_not_found');
  });
});
