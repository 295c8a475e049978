import { fold } from '../core/decider';
import type { EventStore } from '../core/event-store';
import { accountDecider } from '../domain/account/decider';
import type { AccountEvent } from '../domain/account/events';
import type { AccountState } from '../domain/account/state';
import { requestTransfer } from '../commands/transfer-commands';
import { TransferProcess } from '../transfer/transfer-process';
import { LEGACY_ACCOUNT_ID, LEGACY_SAVINGS_ACCOUNT_ID, MERCHANT_ACCOUNT_ID } from './seed-plan';

type Known = Exclude<AccountState, { status: 'none' }>;

const accountsIn = async (store: EventStore): Promise<Known[]> => {
  const events = new Map<string, AccountEvent[]>();
  for (let position = 0; ; ) {
    const batch = await store.readAll({ fromPosition: position, limit: 5_000 });
    for (const event of batch) {
      if (!event.streamId.startsWith('account-')) continue;
      events.set(event.streamId, [...(events.get(event.streamId) ?? []), event as unknown as AccountEvent]);
    }
    if (batch.length < 5_000) break;
    position = batch.at(-1)!.globalPosition;
  }
  return [...events.values()]
    .map((history) => fold(accountDecider, history))
    .filter((state): state is Known => state.status !== 'none')
    .sort((a, b) => a.accountId.localeCompare(b.accountId));
};

export type SeededTransfer = { transferId: string; from: string; to: string; amount: number; description: string; at: Date };

/**
 * A few transfers on the day after the simulated months, run to their end by
 * the process manager: completed ones between customers, the café and the
 * legacy accounts, one to a closed account (refunded) and one the source
 * cannot afford (declined). Deterministic for a given store.
 */
export const seedTransfers = async (store: EventStore, options: { seed: number; day: Date; setTime: (at: Date) => void }): Promise<SeededTransfer[]> => {
  const accounts = await accountsIn(store);
  const eur = accounts.filter((a) => a.currency === 'EUR');
  const people = eur.filter((a) => a.status === 'open' && a.holder.kind === 'person' && !a.accountId.startsWith('legacy-') && a.balance > 200_00);
  const closed = eur.find((a) => a.status === 'closed');
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const plan: Array<Omit<SeededTransfer, 'transferId' | 'at'>> = [];
  const add = (from: string | undefined, to: string | undefined, amount: number, description: string) => {
    if (from && to && from !== to && byId.has(from)) plan.push({ from, to, amount, description });
  };
  add(LEGACY_SAVINGS_ACCOUNT_ID, LEGACY_ACCOUNT_ID, 150_00, 'Top-up from savings');
  add(people[0]?.accountId, people[1]?.accountId, 42_50, 'Concert tickets');
  add(people[2]?.accountId, MERCHANT_ACCOUNT_ID, 86_00, 'Catering deposit');
  add(MERCHANT_ACCOUNT_ID, people[2]?.accountId, 12_00, 'Refund: cancelled order');
  add(people[1]?.accountId, people[3]?.accountId, 300_00, 'Share of the rent');
  add(people[3]?.accountId, closed?.accountId, 25_00, 'Birthday present');
  if (people[0]) add(people[0].accountId, people[4]?.accountId, people[0].balance + people[0].overdraftLimit + 1_000_00, 'Car');

  let now = options.day;
  // Each step a moment after the last, as the process manager would take them; the store records the same time.
  const tick = () => {
    now = new Date(now.getTime() + 1_500);
    options.setTime(now);
    return now;
  };
  const process = new TransferProcess(store, { stepTimeoutMs: 30_000, maxAttempts: 3, clock: tick });
  const done: SeededTransfer[] = [];
  for (const [index, transfer] of plan.entries()) {
    now = new Date(options.day.getTime() + (9 * 60 + index * 47) * 60_000);
    options.setTime(now);
    const source = byId.get(transfer.from)!;
    const { transferId } = await requestTransfer(
      store,
      { from: transfer.from, to: transfer.to, amount: transfer.amount, currency: source.currency, description: transfer.description },
      { actor: source.accountId === MERCHANT_ACCOUNT_ID ? 'customer:cafe-aurora' : 'teller:ann', transferId: `seed-${options.seed}-transfer-${index + 1}`, now },
    );
    const outcome = await process.advance(transferId);
    if (outcome.retry) throw new Error(`Seeded transfer ${transferId} did not finish`);
    done.push({ ...transfer, transferId, at: now });
  }
  return done;
};
