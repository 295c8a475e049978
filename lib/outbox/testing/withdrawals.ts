import type { EventStore } from '../../core/event-store';

/** Appends `count` withdrawals to a stream: every `largeEvery`-th one 2,000.00 EUR, the rest 5.00 EUR. Returns how many are large. */
export const appendWithdrawals = async (store: EventStore, streamId: string, count: number, largeEvery = 5): Promise<number> => {
  let large = 0;
  for (let i = 1; i <= count; i++) {
    const isLarge = i % largeEvery === 0;
    if (isLarge) large++;
    await store.appendToStream(streamId, [
      {
        type: 'MoneyWithdrawn',
        data: { accountId: streamId, amount: isLarge ? 200_000 : 500, currency: 'EUR', description: `w${i}`, withdrawnAt: new Date().toISOString() },
      },
    ]);
  }
  return large;
};
