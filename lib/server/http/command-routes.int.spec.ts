import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { commandHandlerOf } from '../routes/commands';

const closeRoute = commandHandlerOf('account', 'close');
const depositRoute = commandHandlerOf('account', 'deposit');
const interestRoute = commandHandlerOf('account', 'interest');
const withdrawRoute = commandHandlerOf('account', 'withdraw');
const openRoute = commandHandlerOf('account', 'open');

type Result = { accountId: string; version: number; globalPosition: number };

let db: TemporaryStore;
/** Every request here comes from the teller's browser; who may do what is in auth-routes.int.spec.ts. */
let teller: Record<string, string>;
beforeAll(async () => {
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
});
afterAll(async () => db.release());

const commands = { deposit: depositRoute, withdraw: withdrawRoute, close: closeRoute, interest: interestRoute };

const open = async (body: unknown = { owner: 'Ada', currency: 'EUR' }, headers: Record<string, string> = {}) =>
  openRoute(jsonRequest('/api/accounts', body, { ...teller, ...headers }));

const send = async (name: keyof typeof commands, accountId: string, body: unknown, headers: Record<string, string> = {}) =>
  commands[name](jsonRequest(`/api/accounts/${accountId}/${name}`, body, { ...teller, ...headers }), params({ accountId }));

const openAccount = async (body?: unknown): Promise<Result> => {
  const response = await open(body);
  expect(response.status).toBe(201);
  return (await response.json()) as Result;
};

const stream = (accountId: string) => db.events(`account-${accountId}`);

/** Sends a request expected to fail and checks that it wrote nothing anywhere. */
const rejected = async (response: Promise<Response>, status: number, code: string): Promise<ErrorJson> => {
  const before = db.rowCount();
  const answer = await response;
  expect(answer.status).toBe(status);
  const body = (await answer.json()) as ErrorJson;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(db.rowCount()).toBe(before);
  return body;
};

describe('POST /api/accounts', () => {
  it('opens an account: 201 with id, version and position, recorded with the signed-in teller as actor', async () => {
    const response = await open({ owner: 'Ada Lovelace', currency: 'EUR', overdraftLimit: 5000 });
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Result;
    expect(Object.keys(body).sort()).toEqual(['accountId', 'globalPosition', 'version']);
    expect(body.version).toBe(1);
    expect(body.globalPosition).toBeGreaterThan(0);

    const [opened, ...rest] = await stream(body.accountId);
    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      type: 'AccountOpened',
      globalPosition: body.globalPosition,
      schemaVersion: 3,
      data: { accountId: body.accountId, holder: { name: 'Ada Lovelace', kind: 'person' }, customerId: null, currency: 'EUR', overdraftLimit: 5000 },
      metadata: { actor: 'teller:ann' },
    });
  });

  it('ignores the retired X-Demo-Actor header: the actor is who signed in', async () => {
    const opened = (await (await open(undefined, { 'x-demo-actor': 'teller:grace', cookie: `${teller.cookie}; chronicle-actor=auditor` })).json()) as Result;
    expect((await stream(opened.accountId))[0]?.metadata.actor).toBe('teller:ann');
  });

  it('reports per-field issues: missing owner, unknown currency, unknown field', async () => {
    const missing = await rejected(open({ currency: 'EUR' }), 400, 'validation_failed');
    expect(missing.error.issues?.map((issue) => issue.path)).toEqual(['owner']);

    const many = await rejected(open({ owner: '  ', currency: 'XYZ', overdraftLimit: -1 }), 400, 'validation_failed');
    expect(many.error.issues?.map((issue) => issue.path).sort()).toEqual(['currency', 'overdraftLimit', 'owner']);

    const unknown = await rejected(open({ owner: 'Ada', currency: 'EUR', colour: 'red' }), 400, 'validation_failed');
    expect(unknown.error.issues?.[0]?.message).toContain('colour');
  });
});

describe('POST /api/accounts/{id}/{command}', () => {
  it('deposits, withdraws, applies interest and closes: 200 with the new version each time', async () => {
    const { accountId } = await openAccount();
    const expectOk = async (response: Response, version: number) => {
      expect(response.status).toBe(200);
      const body = (await response.json()) as Result;
      expect(body).toMatchObject({ accountId, version });
      expect(response.headers.get('etag')).toBe(`"${version}"`);
    };
    await expectOk(await send('deposit', accountId, { amount: 100_000, description: 'Salary' }), 2);
    await expectOk(await send('withdraw', accountId, { amount: 2_500, currency: 'EUR' }), 3);
    await expectOk(
      await send('interest', accountId, {
        rateBasisPoints: 500,
        periodStart: '2025-01-01T00:00:00Z',
        periodEnd: '2025-12-31T00:00:00Z',
      }),
      4,
    );
    const events = await stream(accountId);
    expect(events.map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied']);

    const interest = (events[3]?.data as { amount: number }).amount;
    await expectOk(await send('withdraw', accountId, { amount: 97_500 + interest }), 5);
    await expectOk(await send('close', accountId, {}), 6);
    // A command without fields needs no body at all.
    const again = await closeRoute(new Request(`${BASE}/api/accounts/${accountId}/close`, { method: 'POST', headers: teller }), params({ accountId }));
    expect(again.status).toBe(422);
  });

  it('reports per-field issues for amounts and writes nothing', async () => {
    const { accountId } = await openAccount();
    for (const amount of [-5, 0, 1.5, '10', null]) {
      const body = await rejected(send('deposit', accountId, { amount }), 400, 'validation_failed');
      expect(body.error.issues?.map((issue) => issue.path)).toEqual(['amount']);
    }
    const missing = await rejected(send('withdraw', accountId, { description: 'no amount' }), 400, 'validation_failed');
    expect(missing.error.issues?.map((issue) => issue.path)).toEqual(['amount']);
    const interest = await rejected(
      send('interest', accountId, { rateBasisPoints: 100, periodStart: '2026-02-01T00:00:00Z', periodEnd: '2026-01-01T00:00:00Z' }),
      400,
      'validation_failed',
    );
    expect(interest.error.issues?.map((issue) => issue.path)).toEqual(['periodEnd']);
    expect(await stream(accountId)).toHaveLength(1);
  });

  it('answers 404 for an account that does not exist', async () => {
    await rejected(send('deposit', 'no-such-account', { amount: 100 }), 404, 'account_not_found');
    await rejected(send('close', 'not a valid id!', {}), 404, 'account_not_found');
  });

  it('answers 422 for business-rule violations and writes nothing', async () => {
    const { accountId } = await openAccount({ owner: 'Ada', currency: 'EUR', overdraftLimit: 1_000 });
    await send('deposit', accountId, { amount: 5_000 });
    await rejected(send('withdraw', accountId, { amount: 6_001 }), 422, 'insufficient_funds');
    await rejected(send('deposit', accountId, { amount: 100, currency: 'USD' }), 422, 'currency_mismatch');
    await rejected(send('close', accountId, {}), 422, 'balance_not_zero');

    const { accountId: emptyId } = await openAccount();
    expect((await send('close', emptyId, { reason: 'Moving abroad' })).status).toBe(200);
    await rejected(send('deposit', emptyId, { amount: 100 }), 422, 'account_closed');
    await rejected(send('withdraw', emptyId, { amount: 100 }), 422, 'account_closed');
    expect(await stream(emptyId)).toHaveLength(2);
  });
});

describe('optimistic concurrency', () => {
  it('answers 409 when If-Match does not match the stream version, and 200 when it does', async () => {
    const { accountId } = await openAccount();
    const conflict = await rejected(send('deposit', accountId, { amount: 100 }, { 'if-match': '"5"' }), 409, 'version_conflict');
    expect(conflict.error.message).toContain('version 1');
    await rejected(send('deposit', accountId, { amount: 100 }, { 'if-match': '0' }), 409, 'version_conflict');

    const ok = await send('deposit', accountId, { amount: 100 }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect((await send('deposit', accountId, { amount: 100 }, { 'if-match': ok.headers.get('etag')! })).status).toBe(200);
    expect((await send('deposit', accountId, { amount: 100 }, { 'if-match': '*' })).status).toBe(200);
    expect(await stream(accountId)).toHaveLength(4);
  });

  it('answers 409 for a stale body expectedVersion, which never reaches the command schema', async () => {
    const { accountId } = await openAccount();
    await rejected(send('withdraw', accountId, { amount: 100, expectedVersion: 3 }), 409, 'version_conflict');
    expect((await send('deposit', accountId, { amount: 100, expectedVersion: 1 })).status).toBe(200);
    // An open with expectedVersion 0 means "the stream must not exist yet".
    expect((await open({ owner: 'Ada', currency: 'EUR', expectedVersion: 0 })).status).toBe(201);
  });

  it('refuses malformed or contradictory expected versions', async () => {
    const { accountId } = await openAccount();
    for (const expectedVersion of [-1, 1.5, '1', null]) {
      const body = await rejected(send('deposit', accountId, { amount: 1, expectedVersion }), 400, 'validation_failed');
      expect(body.error.issues?.map((issue) => issue.path)).toEqual(['expectedVersion']);
    }
    for (const ifMatch of ['abc', '-1', '"1', 'W/"1"', '1.0']) {
      const body = await rejected(send('deposit', accountId, { amount: 1 }, { 'if-match': ifMatch }), 400, 'validation_failed');
      expect(body.error.issues?.map((issue) => issue.path)).toEqual(['If-Match']);
    }
    await rejected(send('deposit', accountId, { amount: 1, expectedVersion: 1 }, { 'if-match': '2' }), 400, 'validation_failed');
  });
});

describe('idempotency', () => {
  it('answers a repeated Idempotency-Key with the first answer and writes once', async () => {
    const key = `open-${crypto.randomUUID()}`;
    const rowsBefore = db.rowCount();
    const first = await open({ owner: 'Ada', currency: 'GBP' }, { 'idempotency-key': key });
    const second = await open({ owner: 'Ada', currency: 'GBP' }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const firstBody = (await first.json()) as Result;
    expect(await second.json()).toEqual(firstBody);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await stream(firstBody.accountId)).toHaveLength(1);
    // Counted in the file itself: the routes wrote to the temporary database.
    expect(db.rowCount()).toBe(rowsBefore + 1);
  });

  it('treats a body commandId the same way', async () => {
    const { accountId } = await openAccount();
    const commandId = `deposit-${crypto.randomUUID()}`;
    const first = await send('deposit', accountId, { amount: 700, commandId });
    const second = await send('deposit', accountId, { amount: 700, commandId });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(await first.json());
    const events = await stream(accountId);
    expect(events.map((event) => event.type)).toEqual(['AccountOpened', 'MoneyDeposited']);
    expect(events[1]?.metadata.commandId).toBe(commandId);
  });

  it('refuses malformed or contradictory command ids', async () => {
    const { accountId } = await openAccount();
    const header = await rejected(send('deposit', accountId, { amount: 1 }, { 'idempotency-key': 'has space' }), 400, 'validation_failed');
    expect(header.error.issues?.map((issue) => issue.path)).toEqual(['Idempotency-Key']);
    const body = await rejected(send('deposit', accountId, { amount: 1, commandId: 42 }), 400, 'validation_failed');
    expect(body.error.issues?.map((issue) => issue.path)).toEqual(['commandId']);
    await rejected(send('deposit', accountId, { amount: 1, commandId: 'a' }, { 'idempotency-key': 'b' }), 400, 'validation_failed');
  });
});

describe('request bodies', () => {
  it('answers 400 invalid_json for malformed JSON and for JSON that is not an object', async () => {
    const { accountId } = await openAccount();
    for (const raw of ['{"amount":', '[1,2]', '"text"', 'null', '42']) {
      await rejected(send('deposit', accountId, raw), 400, 'invalid_json');
    }
    await rejected(open('{owner: Ada}'), 400, 'invalid_json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const request = new Request(`${BASE}/api/accounts`, { method: 'POST', headers: { ...teller, 'content-type': 'text/plain' }, body: '{}' });
    await rejected(openRoute(request), 415, 'unsupported_media_type');
  });

  it('answers 413 for a 20 KiB body, declared or not, without reading an endless one', async () => {
    const big = { owner: 'Ada', currency: 'EUR', padding: 'x'.repeat(20 * 1024) };
    await rejected(open(big), 413, 'payload_too_large');
    await rejected(open(big, { 'content-length': String(JSON.stringify(big).length) }), 413, 'payload_too_large');

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const request = new Request(`${BASE}/api/accounts`, {
      method: 'POST',
      headers: { ...teller, 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    await rejected(openRoute(request), 413, 'payload_too_large');
    expect(pulled).toBeLessThan(40);
  });
});
