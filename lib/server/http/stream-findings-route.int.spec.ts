import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamFindings } from '../../debugger/stream-findings';
import { deposited, opened, withdrawn } from '../../domain/account/testing/fixtures';
import { streamFindings } from '../routes/stream-findings';
import { BASE, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

let db: TemporaryStore;

beforeAll(async () => {
  db = await useTemporaryEventStore();
  // Written past the decider, as an import would: 100 below a zero limit at v3.
  await db.store.appendToStream('account-find-1', [opened(0), deposited(50), withdrawn(150), deposited(500)]);
  await db.store.appendToStream('account-find-2', [opened(1_000), withdrawn(500)]);
  // Written by code newer than this one: MoneyDeposited v7 has no path to today's version.
  await db.store.appendToStream('account-find-3', [opened(0)]);
  await db.store.stored.appendToStream('account-find-3', [{ ...deposited(5), schemaVersion: 7 }]);
  // Six withdrawals refused within a minute.
  await db.store.appendToStream('account-find-4', [opened(0), deposited(10)]);
  for (let i = 0; i < 6; i++) {
    await db.runtime.journal.record({
      commandId: `burst-${i}`,
      aggregate: 'account',
      command: 'withdraw',
      type: 'WithdrawMoney',
      streamId: 'account-find-4',
      actor: 'customer:ada-lovelace',
      correlationId: null,
      causationId: null,
      decidedAtVersion: 2,
      outcome: 'rejected',
      code: 'insufficient_funds',
      message: 'Insufficient funds',
      input: { amount: 1_000 },
      at: new Date(Date.UTC(2026, 11, 3, 9, 0, i * 5)),
    });
  }
});
afterAll(async () => {
  await db.release();
});

const findings = async (streamId: string, username = 'amir') => {
  const response = await streamFindings.handler(new Request(`${BASE}/api/streams/${streamId}/findings`, { headers: await signedInAs(username) }), params({ streamId }));
  return { status: response.status, body: (await response.json()) as StreamFindings };
};

describe('GET /api/streams/{streamId}/findings', () => {
  it('names the overdraft past the limit with its version', async () => {
    const { status, body } = await findings('account-find-1');
    expect(status).toBe(200);
    expect(body.findings).toMatchObject([{ kind: 'overdrawn_beyond_limit', severity: 'error', version: 3 }]);
  });

  it('finds nothing on an account within its overdraft, and answers its owner too', async () => {
    expect((await findings('account-find-2')).body.findings).toEqual([]);
    expect((await findings('account-find-2', 'ada-lovelace')).status).toBe(200);
    expect((await findings('account-find-2', 'joan-clarke')).status).toBe(403);
  });

  it('names an event no upcaster chain can read, and still answers', async () => {
    const { status, body } = await findings('account-find-3');
    expect(status).toBe(200);
    expect(body.findings).toMatchObject([{ kind: 'upcaster_gap', severity: 'error', version: 2 }]);
    expect(body.findings[0]!.message).toContain('MoneyDeposited v7');
  });

  it('names a burst of refused commands from the journal', async () => {
    const { body } = await findings('account-find-4');
    expect(body.findings).toMatchObject([{ kind: 'command_burst', severity: 'warning', version: 2 }]);
    expect(body.findings[0]!.message).toContain('6 refused');
  });
});
