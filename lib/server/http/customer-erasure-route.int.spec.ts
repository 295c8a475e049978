import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED } from '../../core/personal-data/sealed-field';
import { eraseCustomerRoute } from '../routes/customers';
import { streamEvents } from '../routes/streams';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

/* Who may erase a customer over HTTP (tellers only), what a repeat answers, and what the events API shows afterwards. */

let db: TemporaryStore;

beforeAll(async () => {
  process.env.CHRONICLE_DATA_KEY = randomBytes(32).toString('base64');
  db = await useTemporaryEventStore();
  const send = (command: string, input: Record<string, unknown>) => db.runtime.commands.send('account', command, 'erin1', input, { actor: 'teller:ann' });
  await send('open', { owner: 'Erin Example', customerId: 'erin', currency: 'EUR' });
  await send('deposit', { amount: 10_00, description: 'Savings from Aunt Maud' });
});
afterAll(async () => {
  await db.release();
  delete process.env.CHRONICLE_DATA_KEY;
});

const erase = (headers: Record<string, string>, body: unknown = { reason: 'Asked to be forgotten' }, customerId = 'erin') =>
  eraseCustomerRoute.handler(jsonRequest(`/api/customers/${customerId}/erasure`, body, headers), params({ customerId }));
const events = async (streamId: string, headers: Record<string, string>, raw = false) =>
  streamEvents.handler(new Request(`${BASE}/api/streams/${streamId}/events${raw ? '?raw=1' : ''}`, { headers }), params({ streamId }));

describe('POST /api/customers/{customerId}/erasure', () => {
  it('refuses auditors (read_only_role), customers (staff_only, even for themselves) and strangers, writing nothing', async () => {
    const auditor = await erase(await signedInAs('amir'));
    expect(auditor.status).toBe(403);
    expect(await auditor.json()).toMatchObject({ error: { code: 'read_only_role' } });
    const customer = await erase(await signedInAs('ada-lovelace'), undefined, 'ada-lovelace');
    expect(customer.status).toBe(403);
    expect(await customer.json()).toMatchObject({ error: { code: 'staff_only' } });
    expect((await erase({ origin: BASE })).status).toBe(401);
    expect(await db.store.streamExists('erasure-erin')).toBe(false);
    expect(await db.runtime.personalData.status('erin')).toMatchObject({ erasedAt: null });
  });

  it('checks the body before anything: a missing or too short reason is 400', async () => {
    const teller = await signedInAs('ann');
    expect((await erase(teller, {})).status).toBe(400);
    expect((await erase(teller, { reason: 'no' })).status).toBe(400);
    expect(await db.store.streamExists('erasure-erin')).toBe(false);
  });

  it('lets a teller erase: the record names who and why; events read [erased] while the stored form keeps its ciphertext; a repeat is 409', async () => {
    const teller = await signedInAs('ann');
    const response = await erase(teller);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ customerId: 'erin', erasedBy: 'teller:ann', reason: 'Asked to be forgotten', streams: ['account-erin1'] });

    const current = await (await events('account-erin1', teller)).json();
    expect(current.events.map((event: { data: unknown }) => event.data)).toMatchObject([{ holder: { name: ERASED } }, { description: ERASED, amount: 10_00 }]);
    const stored = await (await events('account-erin1', teller, true)).json();
    expect(stored.events[0].data.holder.name).toMatchObject({ $enc: 'v1' });

    const again = await erase(teller);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'customer_already_erased' } });
    expect(await db.store.stored.readStream('erasure-erin')).toHaveLength(1);
    expect((await erase(teller, undefined, 'nobody-here')).status).toBe(404);
  });

  it('keeps the record of the erasure from customers: it is staff-only, like every stream no customer owns', async () => {
    expect((await events('erasure-erin', await signedInAs('ada-lovelace'))).status).toBe(403);
    expect((await events('erasure-erin', await signedInAs('amir'))).status).toBe(200);
  });
});
