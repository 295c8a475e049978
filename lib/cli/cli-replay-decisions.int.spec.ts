import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAccountCommand } from '../commands/account-commands';
import { createRuntime } from '../runtime/runtime';
import { runtimeConfig } from '../runtime/runtime-config';
import { createSqliteTestDatabase } from '../store/testing/test-databases';
import type { ReplayReport } from '../debugger/decision-replay';
import { runInProcess } from './testing/run-in-process';

const url = `file:${createSqliteTestDatabase()}`;

beforeAll(async () => {
  const runtime = createRuntime({ config: runtimeConfig({ DATABASE_URL: url }) });
  try {
    const store = runtime.store;
    const send = (name: 'open' | 'deposit' | 'withdraw', id: string | undefined, input: Record<string, unknown>) => dispatchAccountCommand(store, name, id, input, { actor: 'teller:ann' });
    const { accountId: id } = await send('open', undefined, { owner: 'Ada Lovelace', currency: 'EUR', overdraftLimit: 1_000 });
    await send('deposit', id, { amount: 500 });
    await send('withdraw', id, { amount: 800 }); // into the overdraft: allowed today
    await send('deposit', id, { amount: 1_000 });
    // A legacy import: written as it was, past the decider, overdrawing with no overdraft.
    await store.stored.appendToStream(
      'account-legacy-rd',
      [
        { type: 'AccountOpened', schemaVersion: 1, data: { accountId: 'legacy-rd', name: 'Margaret Keller', openedAt: '2025-01-02T09:00:00.000Z' } },
        { type: 'MoneyDeposited', schemaVersion: 1, data: { accountId: 'legacy-rd', amount: 12.5, depositedAt: '2025-01-03T09:00:00.000Z' } },
        { type: 'MoneyWithdrawn', schemaVersion: 1, data: { accountId: 'legacy-rd', amount: 20, withdrawnAt: '2025-01-04T09:00:00.000Z' } },
      ].map((event) => ({ ...event, metadata: { actor: 'import:legacy-core', commandId: 'import-rd', command: { type: 'ImportLegacyAccount', input: { legacyRef: 'CORE1/rd' } } } })),
    );
  } finally {
    await runtime.close();
  }
});
afterAll(() => undefined);

const replay = async (...args: string[]) => {
  const run = await runInProcess(['replay-decisions', '--json', ...args], { DATABASE_URL: url });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ReplayReport & { decider: string };
};

describe('chronicle replay-decisions', () => {
  it("names the legacy import's withdrawal that today's decider would refuse, and nothing else", async () => {
    const report = await replay();
    expect(report).toMatchObject({ commandsReplayed: 7, derived: 3, differing: 1 });
    expect(report.findings[0]).toMatchObject({ streamId: 'account-legacy-rd', command: 'WithdrawMoney', derived: true, recordedCommand: 'ImportLegacyAccount', versions: { from: 3 }, verdict: 'now_refused', now: { code: 'insufficient_funds' } });
  });

  it('names the withdrawal a candidate without overdrafts would refuse', async () => {
    const report = await replay('--decider', 'lib/debugger/testing/no-overdraft-decider.ts', '--category', 'account');
    expect(report.decider).toContain('no-overdraft-decider.ts');
    const decided = report.findings.filter((finding) => !finding.derived);
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ command: 'WithdrawMoney', decidedAtVersion: 2, recorded: { outcome: 'accepted' }, now: { outcome: 'refused', code: 'insufficient_funds' } });
  });

  it('limits itself to a stream and a time, and refuses a module with no decider', async () => {
    expect((await replay('--stream', 'account-legacy-rd')).commandsReplayed).toBe(3);
    expect((await replay('--since', '2099-01-01T00:00:00Z')).commandsReplayed).toBe(0);
    const bad = await runInProcess(['replay-decisions', '--decider', 'lib/debugger/blame.ts'], { DATABASE_URL: url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('exports no decide function');
  });
});
