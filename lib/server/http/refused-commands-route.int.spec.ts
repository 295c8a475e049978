import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandHandlerOf } from '../routes/commands';
import { streamRefusedCommands } from '../routes/refused-commands';
import type { RefusedCommandsBody } from '../../debugger/refused-commands-schemas';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

/* GET /api/streams/{streamId}/refused-commands: what was asked of a stream and did not become events. */

const openRoute = commandHandlerOf('account', 'open');
const withdrawRoute = commandHandlerOf('account', 'withdraw');
let db: TemporaryStore;
let ann: Record<string, string>;
let ada: Record<string, string>;
let adaAccount: string;
let graceAccount: string;

const open = async (owner: string, customerId: string) =>
  ((await (await openRoute(jsonRequest('/api/accounts', { owner, customerId, currency: 'EUR' }, ann))).json()) as { accountId: string }).accountId;
const refused = (user: Record<string, string>, streamId: string) =>
  streamRefusedCommands.handler(new Request(`${BASE}/api/streams/${streamId}/refused-commands`, { headers: user }), params({ streamId }));

beforeAll(async () => {
  db = await useTemporaryEventStore({ usersInStore: true });
  [ann, ada] = await Promise.all([signedInAs('ann'), signedInAs('ada-lovelace')]);
  adaAccount = await open('Ada Lovelace', 'ada-lovelace');
  graceAccount = await open('Grace Hamilton', 'grace-hamilton');
});
afterAll(async () => db?.release());

describe('GET /api/streams/{streamId}/refused-commands', () => {
  it('lists a refused withdrawal with its rule, actor and the version it was decided on; the event log did not move', async () => {
    const head = await db.store.headPosition();
    const response = await withdrawRoute(jsonRequest(`/api/accounts/${adaAccount}/withdraw`, { amount: 5_00 }, ada), params({ accountId: adaAccount }));
    expect(response.status).toBe(422);
    expect(await db.store.headPosition()).toBe(head);

    const answer = await refused(ada, `account-${adaAccount}`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as RefusedCommandsBody;
    expect(body.truncated).toBe(false);
    expect(body.entries).toEqual([
      expect.objectContaining({ command: 'withdraw', type: 'WithdrawMoney', actor: 'customer:ada-lovelace', decidedAtVersion: 1, outcome: 'rejected', code: 'insufficient_funds', input: { amount: 5_00 } }),
    ]);
  });

  it('is read by whoever may read the stream: another customer is refused', async () => {
    expect((await refused(ada, `account-${graceAccount}`)).status).toBe(403);
    expect((await refused(ann, `account-${graceAccount}`)).status).toBe(200);
  });
});
