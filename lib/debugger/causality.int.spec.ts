import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import { auditQueriesOf } from '../core/audit-queries';
import { requestTransfer } from '../commands/transfer-commands';
import { OutboxStore } from '../outbox/outbox-store';
import { publishRecords } from '../outbox/publish-records';
import { createRuntime, type Runtime } from '../runtime/runtime';
import { runtimeConfig } from '../runtime/runtime-config';
import { CONCURRENT_WITHDRAWALS_ACCOUNT, seedConcurrentWithdrawals } from '../seed/seed-concurrent-withdrawals';
import { testBackends, type TestBackend } from '../store/testing/backends';
import { TransferProcess } from '../transfer/transfer-process';
import { causalityLanes, MAX_MARKS } from './causality';

/* The causality lanes from a real store, journal and outbox: a race lost, a transfer refunded, what a customer may see. */

const backends = await testBackends();
const ada: Principal = { id: 'customer:ada', role: 'customer', name: 'Ada', customerId: 'ada' };
const ann: Principal = { id: 'teller:ann', role: 'teller', name: 'Ann' };

describe.each(backends)('causality lanes on $name', ({ create }) => {
  let backend: TestBackend;
  let runtime: Runtime;
  const lanes = (streamId: string, principal: Principal = ann, window = { from: new Date(0), to: new Date(Date.now() + 3_600_000) }) =>
    causalityLanes(
      {
        audit: auditQueriesOf(runtime.store)!,
        store: runtime.store,
        journal: runtime.journal,
        publishRecords: (positions) => publishRecords(runtime.readDb, positions),
        mayRead: (other) => runtime.access.mayRead(principal, other),
      },
      streamId,
      window,
    );
  const send = (command: string, id: string | undefined, input: unknown) => runtime.commands.send('account', command, id, input, { actor: 'teller:ann' });

  beforeAll(async () => {
    backend = await create();
    runtime = createRuntime({ config: runtimeConfig({ DATABASE_URL: backend.url }) });
  });
  afterAll(async () => {
    await runtime?.close();
    await backend?.cleanup();
  });

  it('shows the command that lost a race beside the event written in its place', async () => {
    expect(await seedConcurrentWithdrawals((...args) => runtime.commands.send(...args), new Date())).toBe(true);
    const { commands } = await lanes(`account-${CONCURRENT_WITHDRAWALS_ACCOUNT}`);
    expect(commands.truncated).toBe(false);
    expect(commands.marks.map((mark) => [mark.outcome, mark.type, mark.version])).toEqual([
      ['accepted', 'OpenAccount', 1],
      ['accepted', 'DepositMoney', 2],
      ['accepted', 'WithdrawMoney', 3],
      ['conflicted', 'WithdrawMoney', 2],
    ]);
    const [winner, loser] = commands.marks.slice(2);
    expect(loser).toMatchObject({ code: 'version_conflict', events: [], lostTo: { version: 3, type: 'MoneyWithdrawn', commandId: winner!.commandId, actor: winner!.actor } });
    expect(loser!.actor).not.toBe(winner!.actor);
  });

  it("follows a refunded transfer across the transfer and the source account, with each event's publication and lag", async () => {
    const { id: from } = await runtime.commands.send('account', 'open', undefined, { owner: 'Ada', customerId: 'ada', currency: 'EUR' }, { actor: 'teller:ann' });
    await send('deposit', from, { amount: 100_00 });
    const { id: to } = await runtime.commands.send('account', 'open', undefined, { owner: 'Bob', customerId: 'bob', currency: 'EUR' }, { actor: 'teller:ann' });
    await send('close', to, {});
    const { transferId } = await requestTransfer(runtime.store, { from, to, amount: 25_00, currency: 'EUR', description: 'Present' }, { actor: 'teller:ann' });
    expect(await new TransferProcess(runtime.store, { stepTimeoutMs: 30_000, maxAttempts: 3 }).advance(transferId)).toMatchObject({ status: 'failed' });

    const transfer = await lanes(`transfer-${transferId}`);
    expect(transfer.saga.transfers).toEqual([transferId]);
    expect(transfer.saga.hidden).toBe(0);
    expect(transfer.saga.marks.map((mark) => [mark.label, mark.kind])).toEqual([
      ['requested', 'step'],
      ['debit', 'step'],
      ['credit refused', 'refusal'],
      ['refund', 'compensation'],
      ['failed, refunded', 'end'],
    ]);
    const [, debit, refused, refund] = transfer.saga.marks;
    expect(debit!.places).toEqual([{ streamId: `transfer-${transferId}`, version: 2 }, { streamId: `account-${from}`, version: 3 }]);
    expect(refused!.reason).toMatch(/closed/i);
    expect(refund!.places).toEqual([{ streamId: `transfer-${transferId}`, version: 4 }, { streamId: `account-${from}`, version: 4 }]);

    // Nothing published yet, then the relay's ack for the first two events.
    expect(transfer.outbox.marks.map((mark) => mark.status)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    await new OutboxStore(runtime.readDb).markSent(transfer.outbox.marks.slice(0, 2).map((mark) => mark.position));
    const published = (await lanes(`transfer-${transferId}`)).outbox.marks;
    expect(published.map((mark) => mark.status)).toEqual(['sent', 'sent', 'pending', 'pending', 'pending']);
    for (const mark of published.slice(0, 2)) {
      expect(mark.lagMs).toBe(new Date(mark.publishedAt!).getTime() - new Date(mark.recordedAt).getTime());
      expect(mark.lagMs).toBeGreaterThanOrEqual(0);
    }
    expect(published[2]).toMatchObject({ publishedAt: null, lagMs: null });

    // From the source account: the legs were sent by the transfer, caused by its events.
    const account = await lanes(`account-${from}`);
    expect(account.saga.transfers).toEqual([transferId]);
    expect(account.commands.marks.slice(2).map((mark) => [mark.type, mark.actor, mark.causedBy])).toEqual([
      ['WithdrawMoney', 'system:transfers', { streamId: `transfer-${transferId}`, version: 1 }],
      ['DepositMoney', 'system:transfers', { streamId: `transfer-${transferId}`, version: 3 }],
    ]);

    // The customer sees her own legs only: the transfer stream and the other account are staff's.
    const hers = await lanes(`account-${from}`, ada);
    expect(hers.saga.marks.map((mark) => [mark.label, mark.places, mark.reason])).toEqual([
      ['debit', [{ streamId: `account-${from}`, version: 3 }], null],
      ['refund', [{ streamId: `account-${from}`, version: 4 }], null],
    ]);
    expect(hers.saga.hidden).toBe(3);
    expect(hers.commands.marks.every((mark) => mark.causedBy === null)).toBe(true);
  });

  it('answers for the window asked, and says when a lane holds more than one answer may', async () => {
    const { id } = await runtime.commands.send('account', 'open', undefined, { owner: 'Busy', customerId: 'busy', currency: 'EUR' }, { actor: 'teller:ann' });
    for (let index = 0; index < MAX_MARKS + 5; index += 25) await Promise.all(Array.from({ length: 25 }, () => send('deposit', id, { amount: 1 })));
    const all = await lanes(`account-${id}`);
    expect(all.commands.marks).toHaveLength(MAX_MARKS);
    expect(all.commands.truncated).toBe(true);
    expect(all.outbox.truncated).toBe(true);
    const before = await lanes(`account-${id}`, ann, { from: new Date(0), to: new Date(0) });
    expect(before.commands.marks).toEqual([]);
    expect(before.outbox.marks).toEqual([]);
  });
});
