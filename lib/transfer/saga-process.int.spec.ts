import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../core/event-store';
import { readSideBackends } from '../read/testing/read-side-backends';
import { dispatchAccountCommand } from '../commands/account-commands';
import { createTransferSaga } from './create-transfer-saga';
import { transferSagaConfig } from './saga-config';
import { requestTransfer } from '../commands/transfer-commands';
import { balanceOf, landedLegs, moneyInFlight, transferState } from './testing/ledger';

const backends = await readSideBackends();
const actor = 'teller:ann';
const ACCOUNTS = ['a', 'b', 'c', 'shut'];
const SAGA_ENV = { CHRONICLE_TRANSFER_LEASE_MS: '1000', CHRONICLE_TRANSFER_STEP_TIMEOUT_MS: '5000' };

const startSagas = (databaseUrl: string): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'scripts/sagas.ts', '--poll-ms', '20'], {
    env: { ...process.env, ...SAGA_ENV, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const countTerminal = async (store: EventStore, from: number): Promise<number> => {
  let count = 0;
  for (let position = from; ; ) {
    const events = await store.readAll({ fromPosition: position, limit: 1000 });
    count += events.filter((e) => e.type === 'TransferCompleted' || e.type === 'TransferFailed').length;
    if (events.length < 1000) return count;
    position = events.at(-1)!.globalPosition;
  }
};

describe.each(backends)('transfers after kill -9 of the saga process on $name', ({ create }) => {
  it('resume from their streams: every transfer ends once, no money created or lost', async () => {
    const { url, store, db, cleanup } = await create();
    Object.assign(process.env, SAGA_ENV);
    try {
      for (const id of ACCOUNTS) await dispatchAccountCommand(store, 'open', id, { owner: id, currency: 'EUR' }, { actor });
      for (const id of ['a', 'b', 'c']) await dispatchAccountCommand(store, 'deposit', id, { amount: 1_000_00 }, { actor });
      await dispatchAccountCommand(store, 'close', 'shut', {}, { actor });
      const start = await store.headPosition();
      const transfers = [];
      for (let i = 0; i < 120; i++) {
        const from = ACCOUNTS[i % 3]!;
        const to = i % 7 === 0 ? 'shut' : ACCOUNTS[(i + 1) % 3]!;
        const amount = 1_00 + ((i * 37) % 900_00);
        transfers.push({ ...(await requestTransfer(store, { from, to, amount, currency: 'EUR' }, { actor })), amount });
      }

      const child = startSagas(url);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // Kill it as soon as it has finished a few transfers, with the rest mid-way or untouched.
      const deadline = Date.now() + 30_000;
      while ((await countTerminal(store, start)) < 3) {
        if (Date.now() > deadline) throw new Error(`the saga process made no progress:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      child.kill('SIGKILL');
      await once(child, 'exit');
      const endedBeforeKill = await countTerminal(store, start);
      expect(endedBeforeKill).toBeLessThan(transfers.length);
      // Caught mid-way: money had left a source and not yet arrived or come back.
      const inFlightAtKill = await moneyInFlight(store, transfers);

      const saga = createTransferSaga(store, db, transferSagaConfig(), { holder: 'test-saga', pollMs: 20 });
      const resumed = Date.now();
      expect(await saga.drain(45_000)).toBe(true);
      const resumeSeconds = (Date.now() - resumed) / 1000;
      await saga.stop();

      let sum = 0;
      for (const id of ACCOUNTS) sum += await balanceOf(store, id);
      expect(sum).toBe(3_000_00);
      expect(await moneyInFlight(store, transfers)).toBe(0);
      const outcomes = { completed: 0, refunded: 0, declined: 0 };
      for (const { transferId } of transfers) {
        const state = await transferState(store, transferId);
        const legs = await landedLegs(store, transferId);
        if (state.status === 'completed') outcomes.completed++;
        else if (state.status === 'failed' && legs.refund) outcomes.refunded++;
        else if (state.status === 'failed' && !legs.debit) outcomes.declined++;
        else throw new Error(`transfer ${transferId} ended ${state.status} with legs ${JSON.stringify(legs)}`);
      }
      expect(outcomes.completed + outcomes.refunded + outcomes.declined).toBe(transfers.length);
      expect(outcomes.refunded).toBeGreaterThan(0);
      expect(await countTerminal(store, start)).toBe(transfers.length);
      console.log(`[saga kill -9] ${endedBeforeKill} of ${transfers.length} ended before the kill, ${inFlightAtKill} minor units in flight at the kill; after resuming (${resumeSeconds.toFixed(1)} s): ${JSON.stringify(outcomes)}`);
    } finally {
      await cleanup();
    }
  });
});
