import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandRecord } from '../../debugger/command-record';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type ErrorJson, type TemporaryStore } from './test-support';
import { commandHandlerOf } from '../routes/commands';
import { commandRecord } from '../routes/debugger';

const commandRoute = commandRecord.handler;
const depositRoute = commandHandlerOf('account', 'deposit');
const openRoute = commandHandlerOf('account', 'open');

let db: TemporaryStore;
beforeAll(async () => {
  db = await useTemporaryEventStore();
  teller = await signedInAs('ann');
});
afterAll(async () => db.release());

let teller: Record<string, string> = {};
const lookup = (commandId: string, headers: Record<string, string> = teller) =>
  commandRoute(new Request(`${BASE}/api/commands/${encodeURIComponent(commandId)}`, { headers }), params({ commandId: encodeURIComponent(commandId) }));

describe('GET /api/commands/{commandId}', () => {
  it('shows the command behind events: type, validated input, actor and every event it wrote', async () => {
    const opened = (await (await openRoute(jsonRequest('/api/accounts', { owner: 'Ada', currency: 'EUR' }, { 'Idempotency-Key': 'cmd-open-1', ...teller }))).json()) as { accountId: string };
    const deposit = await depositRoute(
      jsonRequest(`/api/accounts/${opened.accountId}/deposit`, { amount: 1250, description: 'Rent' }, { 'Idempotency-Key': 'cmd-dep-1', ...teller }),
      params({ accountId: opened.accountId }),
    );
    expect(deposit.status).toBe(200);

    const response = await lookup('cmd-dep-1');
    expect(response.status).toBe(200);
    const record = (await response.json()) as CommandRecord;
    expect(record).toMatchObject({
      commandId: 'cmd-dep-1',
      streamId: `account-${opened.accountId}`,
      version: 2,
      type: 'DepositMoney',
      input: { amount: 1250, description: 'Rent' },
      actor: 'teller:ann',
      correlationId: 'cmd-dep-1',
    });
    expect(record.events).toEqual([{ version: 2, globalPosition: expect.any(Number), type: 'MoneyDeposited' }]);
    // The event itself carries the command, so the debugger can show it without a second request.
    const [event] = await db.events(`account-${opened.accountId}`).then((events) => events.slice(1));
    expect(event!.metadata).toMatchObject({ command: { type: 'DepositMoney', input: { amount: 1250 } } });
  });

  it('answers 404 for a command never recorded and 400 for an id that cannot be one', async () => {
    const missing = await lookup('never-sent');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorJson).error.code).toBe('command_not_found');
    const bad = await lookup('has space');
    expect(bad.status).toBe(400);
  });
});
