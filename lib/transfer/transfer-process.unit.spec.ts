import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from '../core/in-memory-event-store';
import { UnavailableError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { Currency } from '../domain/account/money';
import { transferStreamId } from '../domain/transfer/decider';
import { TERMINAL_TRANSFER_EVENTS } from '../domain/transfer/events';
import { dispatchAccountCommand } from '../commands/account-commands';
import { requestTransfer } from '../commands/transfer-commands';
import { Crash, FaultyStore, type Fault } from './testing/faulty-store';
import { balanceOf, landedLegs, moneyInFlight, transferState } from './testing/ledger';
import { TransferProcess } from './transfer-process';

const actor = 'teller:ann';

type AccountSpec = { id: string; currency: Currency; balance: number; overdraft: number; closed: boolean };

const openAccounts = async (store: EventStore, accounts: AccountSpec[]) => {
  for (const account of accounts) {
    await dispatchAccountCommand(store, 'open', account.id, { owner: account.id, currency: account.currency, overdraftLimit: account.overdraft }, { actor });
    if (account.balance > 0) await dispatchAccountCommand(store, 'deposit', account.id, { amount: account.balance }, { actor });
    if (account.closed) await dispatchAccountCommand(store, 'close', account.id, {}, { actor });
  }
};

const accountSpec = (id: string) =>
  fc.record({
    id: fc.constant(id),
    currency: fc.constantFrom<Currency>('EUR', 'EUR', 'EUR', 'USD'),
    balance: fc.integer({ min: 0, max: 200_000 }),
    overdraft: fc.constantFrom(0, 0, 10_000),
    closed: fc.boolean().map((b) => b && Math.random() < 0.5),
  });

const IDS = ['a', 'b', 'c', 'd', 'e'];

const scenario = fc.record({
  accounts: fc.tuple(...IDS.map(accountSpec)).map((specs) => specs.map((s) => (s.closed ? { ...s, balance: 0 } : s))),
  transfers: fc.array(
    fc.record({
      from: fc.constantFrom(...IDS),
      // "ghost" is no account at all: the credit is refused and the money refunded.
      to: fc.constantFrom(...IDS, 'ghost'),
      amount: fc.integer({ min: 1, max: 30_000 }),
      currency: fc.constantFrom<Currency>('EUR', 'EUR', 'EUR', 'USD'),
    }),
    { minLength: 20, maxLength: 60 },
  ),
  seed: fc.integer(),
});

/** A deterministic stream of faults: mostly none, some unavailable databases, some crashes before or after a write. */
const faults = (seed: number, rate: number) => {
  let x = seed >>> 0 || 1;
  const next = () => ((x = (x * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  return (operation: 'append' | 'read'): Fault => {
    const r = next();
    if (r >= rate) return 'none';
    const kind = next();
    if (kind < 0.4) return 'unavailable';
    if (kind < 0.7) return 'crash-before';
    return operation === 'append' ? 'crash-after' : 'crash-before';
  };
};

describe('transfer process manager', () => {
  it('never creates or loses money, and every transfer ends in exactly one terminal state, through crashes and refusals (property)', async () => {
    let transfersRun = 0;
    let crashes = 0;
    const outcomes = { completed: 0, refunded: 0, failedWithoutMoving: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async ({ accounts, transfers, seed }) => {
        const store = new InMemoryEventStore();
        await openAccounts(store, accounts);
        const total = accounts.reduce((sum, a) => sum + a.balance, 0);
        const requested: Array<{ transferId: string; amount: number }> = [];
        for (const [i, transfer] of transfers.entries()) {
          if (transfer.from === transfer.to) continue;
          const { transferId } = await requestTransfer(store, transfer, { actor, transferId: `t${i}` });
          requested.push({ transferId, amount: transfer.amount });
        }
        const conserved = async () => {
          let sum = 0;
          for (const a of accounts) sum += await balanceOf(store, a.id);
          expect(sum + (await moneyInFlight(store, requested))).toBe(total);
        };

        const nextFault = faults(seed, 0.04);
        let open = requested.map((t) => t.transferId);
        for (let round = 0; open.length > 0; round++) {
          expect(round, 'transfers still open after many restarts').toBeLessThan(500);
          // A fresh process each round: whatever the previous one held in memory died with it.
          const faulty = new FaultyStore(store, round < 400 ? nextFault : () => 'none');
          const process = new TransferProcess(faulty, { stepTimeoutMs: 5_000, maxAttempts: 3 });
          for (const transferId of open) {
            try {
              await process.advance(transferId);
            } catch (error) {
              if (!(error instanceof Crash) && !(error instanceof UnavailableError)) throw error;
              if (error instanceof Crash) {
                crashes++;
                break;
              }
            }
          }
          await conserved();
          const still = [];
          for (const transferId of open) if (!['completed', 'failed'].includes((await transferState(store, transferId)).status)) still.push(transferId);
          open = still;
        }

        for (const { transferId } of requested) {
          const events = await store.readStream(transferStreamId(transferId));
          expect(events.filter((e) => TERMINAL_TRANSFER_EVENTS.includes(e.type as never)), transferId).toHaveLength(1);
          expect(events.at(-1)!.type).toMatch(/^Transfer(Completed|Failed)$/);
          const state = await transferState(store, transferId);
          const legs = await landedLegs(store, transferId);
          if (state.status === 'completed') {
            expect(legs).toEqual({ debit: true, credit: true, refund: false });
            outcomes.completed++;
          } else if (legs.debit) {
            expect(legs).toEqual({ debit: true, credit: false, refund: true });
            expect(state).toMatchObject({ status: 'failed', refund: { accountId: state.status === 'none' ? '' : state.details.fromAccountId } });
            outcomes.refunded++;
          } else {
            expect(legs).toEqual({ debit: false, credit: false, refund: false });
            outcomes.failedWithoutMoving++;
          }
          for (const event of events.slice(1)) expect(event.metadata.correlationId).toBe(transferId);
        }
        expect(await moneyInFlight(store, requested)).toBe(0);
        transfersRun += requested.length;
      }),
      { numRuns: 60 },
    );
    console.log(`[transfers property] ${transfersRun} transfers, ${crashes} injected crashes, outcomes ${JSON.stringify(outcomes)}`);
    expect(transfersRun).toBeGreaterThan(1_000);
    expect(crashes).toBeGreaterThan(50);
    expect(Math.min(outcomes.completed, outcomes.refunded, outcomes.failedWithoutMoving)).toBeGreaterThan(0);
  }, 120_000);
});
