import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamReplayReport } from '../../debugger/decision-replay-schemas';
import { dispatchAccountCommand } from '../../commands/account-commands';
import { streamDecisions } from '../routes/decisions';
import { BASE, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

let db: TemporaryStore;
let accountId = '';

beforeAll(async () => {
  db = await useTemporaryEventStore();
  const send = (name: 'open' | 'deposit' | 'withdraw', id: string | undefined, input: Record<string, unknown>) => dispatchAccountCommand(db.store, name, id, input, { actor: 'teller:ann' });
  accountId = (await send('open', undefined, { owner: 'Ada Lovelace', customerId: 'ada-lovelace', currency: 'EUR', overdraftLimit: 0 })).accountId;
  await send('deposit', accountId, { amount: 500 });
  await send('withdraw', accountId, { amount: 200 });
  await db.store.stored.appendToStream('account-legacy-dec', [
    { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-dec', name: 'Margaret Keller', openedAt: '2025-01-02T09:00:00.000Z' } },
    { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId: 'legacy-dec', amount: 20, withdrawnAt: '2025-01-04T09:00:00.000Z' } },
  ].map((event) => ({ ...event, metadata: { actor: 'import:legacy-core', commandId: 'import-dec', command: { type: 'ImportLegacyAccount', input: {} } } })));
});
afterAll(async () => {
  await db.release();
});

const decisions = async (streamId: string, username = 'amir') => {
  const response = await streamDecisions.handler(new Request(`${BASE}/api/streams/${streamId}/decisions`, { headers: await signedInAs(username) }), params({ streamId }));
  return { status: response.status, body: (await response.json()) as StreamReplayReport };
};

describe('GET /api/streams/{streamId}/decisions', () => {
  it("finds today's decider agreeing with the commands it decided", async () => {
    const { status, body } = await decisions(`account-${accountId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ commandsReplayed: 3, same: 3, differing: 0, findings: [] });
  });

  it('names the imported withdrawal that overdrew, derived from the event', async () => {
    const { body } = await decisions('account-legacy-dec');
    expect(body.findings).toMatchObject([{ command: 'WithdrawMoney', derived: true, versions: { from: 2 }, now: { outcome: 'refused', code: 'insufficient_funds' } }]);
  });

  it("answers a customer for their own stream only", async () => {
    expect((await decisions(`account-${accountId}`, 'ada-lovelace')).status).toBe(200);
    expect((await decisions(`account-${accountId}`, 'joan-clarke')).status).toBe(403);
  });
});
