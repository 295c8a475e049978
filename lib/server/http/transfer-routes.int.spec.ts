import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAccountCommand } from '../../commands/account-commands';
import { TransferProcess } from '../../transfer/transfer-process';
import { jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { commandHandlerOf } from '../routes/commands';
import { streamState } from '../routes/debugger';
import { transferStatusRoute } from '../routes/transfers';

const stateRoute = streamState.handler;
const transferRoute = transferStatusRoute.handler;
const requestRoute = commandHandlerOf('transfer', 'send');

let db: TemporaryStore;
beforeAll(async () => {
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
  for (const id of ['ada', 'bob', 'gone']) await dispatchAccountCommand(db.store, 'open', id, { owner: id, currency: 'EUR' }, { actor: 'teller:ann' });
  await dispatchAccountCommand(db.store, 'deposit', 'ada', { amount: 100_00 }, { actor: 'teller:ann' });
  await dispatchAccountCommand(db.store, 'close', 'gone', {}, { actor: 'teller:ann' });
});
afterAll(async () => db.release());

type Accepted = { transferId: string; status: string; links: Record<string, string> };
type Status = { status: string; reason: { code: string; message: string } | null; refunded: boolean; steps: Array<{ type: string; account: { streamId: string; version: number } | null }> };

/** The teller, who may move money between any accounts. */
let teller: Record<string, string> = {};
const post = (body: unknown, headers: Record<string, string> = {}) => requestRoute(jsonRequest('/api/transfers', body, { ...teller, ...headers }));
const get = async (transferId: string) => transferRoute(new Request(`http://chronicle.test/api/transfers/${transferId}`, { headers: teller }), params({ transferId }));
const runSaga = (transferId: string) => new TransferProcess(db.store, { stepTimeoutMs: 5_000, maxAttempts: 3 }).advance(transferId);

describe('POST /api/transfers and GET /api/transfers/{id}', () => {
  it('accepts a transfer with 202, then shows each step once the saga has run', async () => {
    const response = await post({ from: 'ada', to: 'bob', amount: 25_00, currency: 'EUR', description: 'Dinner' });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as Accepted;
    expect(accepted).toMatchObject({ status: 'requested', links: { self: `/api/transfers/${accepted.transferId}`, page: `/transfers/${accepted.transferId}` } });
    expect(response.headers.get('location')).toBe(`/api/transfers/${accepted.transferId}`);
    await runSaga(accepted.transferId);
    const status = (await (await get(accepted.transferId)).json()) as Status;
    expect(status).toMatchObject({ status: 'completed', reason: null, refunded: false, requestedBy: 'teller:ann', amount: 25_00 });
    expect(status.steps.map((s) => [s.type, s.account?.streamId ?? null, s.account?.version ?? null])).toEqual([
      ['TransferRequested', null, null],
      ['SourceDebited', 'account-ada', 3],
      ['DestinationCredited', 'account-bob', 2],
      ['TransferCompleted', null, null],
    ]);
  });

  it('lets the debugger step through a transfer stream with the transfer state at each version', async () => {
    const { transferId } = (await (await post({ from: 'ada', to: 'bob', amount: 2_00, currency: 'EUR' })).json()) as Accepted;
    await runSaga(transferId);
    const streamId = `transfer-${transferId}`;
    const at = async (version: number) =>
      (await (await stateRoute(new Request(`http://chronicle.test/api/streams/${streamId}/state?version=${version}`, { headers: teller }), params({ streamId }))).json()) as {
        state: { status: string; debit: { accountId: string } | null };
      };
    expect((await at(1)).state).toMatchObject({ status: 'requested', debit: null });
    expect((await at(2)).state).toMatchObject({ status: 'debited', debit: { accountId: 'ada' } });
    expect((await at(4)).state.status).toBe('completed');
  });

  it('refunds a transfer to a closed account and says why', async () => {
    const { transferId } = (await (await post({ from: 'ada', to: 'gone', amount: 10_00, currency: 'EUR' })).json()) as Accepted;
    await runSaga(transferId);
    const status = (await (await get(transferId)).json()) as Status;
    expect(status).toMatchObject({ status: 'failed', refunded: true, reason: { code: 'account_closed', message: 'The account is closed' } });
    expect(status.steps.map((s) => s.type)).toEqual(['TransferRequested', 'SourceDebited', 'DestinationCreditFailed', 'SourceRefunded', 'TransferFailed']);
  });

  it('is idempotent by Idempotency-Key, and refuses bad input writing nothing', async () => {
    const body = { from: 'ada', to: 'bob', amount: 1_00, currency: 'EUR' };
    const first = (await (await post(body, { 'Idempotency-Key': 'pay-bob-1' })).json()) as Accepted;
    const again = await post(body, { 'Idempotency-Key': 'pay-bob-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Accepted).transferId).toBe(first.transferId);

    const before = db.rowCount();
    for (const bad of [{ ...body, to: 'ada' }, { ...body, amount: 1.5 }, { ...body, currency: 'XXX' }, { ...body, extra: 1 }, { to: 'bob' }]) {
      const response = await post(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect(((await response.json()) as ErrorJson).error.code).toBe('validation_failed');
    }
    expect(db.rowCount()).toBe(before);
    expect((await get('no-such-transfer')).status).toBe(404);
  });
});
