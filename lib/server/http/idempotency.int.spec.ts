import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlerOf } from '../routes/commands';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';

const depositRoute = commandHandlerOf('account', 'deposit');
const openRoute = commandHandlerOf('account', 'open');

/*
 * A command id stands for one request: one actor sending one command with one body to one stream.
 * The same request again gets the first answer; anything else under a known id is refused (409)
 * and writes nothing. Ids the server makes for its own steps cannot be named by a client (400).
 */

let db: TemporaryStore;
let ada: Record<string, string>;
let ann: Record<string, string>;
beforeAll(async () => {
  db = await useTemporaryEventStore();
  ada = await signedInAs('ada-lovelace');
  ann = await signedInAs('ann');
});
afterAll(async () => db.release());

const open = (body: unknown, who: Record<string, string>) => openRoute(jsonRequest('/api/accounts', body, who));
const deposit = (accountId: string, body: unknown, who: Record<string, string>) =>
  depositRoute(jsonRequest(`/api/accounts/${accountId}/deposit`, body, who), params({ accountId }));

const refusedWithoutWriting = async (response: Promise<Response>, status: number, code: string) => {
  const before = db.rowCount();
  const answer = await response;
  expect(answer.status).toBe(status);
  expect(((await answer.json()) as ErrorJson).error.code).toBe(code);
  expect(db.rowCount()).toBe(before);
};

describe('command ids', () => {
  it('answer the same actor’s same request again with the first answer', async () => {
    const body = { owner: 'Ada Lovelace', currency: 'EUR', commandId: 'ada-open-1' };
    const first = await open(body, ada);
    expect(first.status).toBe(201);
    const again = await open(body, ada);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
  });

  it('refuse another actor, or the same actor with another body, under a known id: 409 and nothing written', async () => {
    const mine = (await (await open({ owner: 'Ada Lovelace', currency: 'EUR', commandId: 'ada-open-2' }, ada)).json()) as { accountId: string };
    // The teller reusing the customer's key must not receive her account id, nor open anything.
    await refusedWithoutWriting(open({ owner: 'Grace Hopper', currency: 'USD', commandId: 'ada-open-2' }, ann), 409, 'idempotency_key_reused');
    await refusedWithoutWriting(open({ owner: 'Ada Lovelace', currency: 'GBP', commandId: 'ada-open-2' }, ada), 409, 'idempotency_key_reused');
    // The same key on another stream, or another command, is another request too.
    await deposit(mine.accountId, { amount: 100, commandId: 'ada-dep-1' }, ada);
    await refusedWithoutWriting(deposit(mine.accountId, { amount: 101, commandId: 'ada-dep-1' }, ada), 409, 'idempotency_key_reused');
    await refusedWithoutWriting(deposit(mine.accountId, { amount: 100, commandId: 'ada-open-2' }, ada), 409, 'idempotency_key_reused');
  });

  it('keep the server’s own step ids out of a client’s reach: 400 before anything is looked up', async () => {
    const { accountId } = (await (await open({ owner: 'Ada Lovelace', currency: 'EUR' }, ada)).json()) as { accountId: string };
    for (const commandId of ['transfer:abc:debit', 'transfer:x:record-credit', 'system:anything']) {
      await refusedWithoutWriting(deposit(accountId, { amount: 1, commandId }, ada), 400, 'validation_failed');
    }
    const header = { ...ada, 'idempotency-key': 'transfer:abc:credit' };
    await refusedWithoutWriting(
      depositRoute(new Request(`${BASE}/api/accounts/${accountId}/deposit`, { method: 'POST', headers: { 'content-type': 'application/json', ...header }, body: JSON.stringify({ amount: 1 }) }), params({ accountId })),
      400,
      'validation_failed',
    );
  });
});
