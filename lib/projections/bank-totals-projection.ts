import { asAccountEvent, movementOf } from './account-events';
import type { Projection, ProjectionContext } from './projection';

const countStatus = async ({ tx, generation }: ProjectionContext, status: string, delta: number) =>
  tx.bankStatusCount.upsert({
    where: { generation_status: { generation, status } },
    create: { generation, status, accounts: delta },
    update: { accounts: { increment: delta } },
  });

/** Accounts by status, balances by currency, money in and out per day. */
export const bankTotalsProjection: Projection = {
  name: 'bank-totals',
  version: 1,
  eventTypes: ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'],
  apply: async (recorded, context) => {
    const { tx, generation } = context;
    const event = asAccountEvent(recorded);
    if (event.type === 'AccountOpened') {
      await countStatus(context, 'open', 1);
      const currency = event.data.currency;
      await tx.bankCurrencyTotal.upsert({
        where: { generation_currency: { generation, currency } },
        create: { generation, currency, balance: 0n, accounts: 1 },
        update: { accounts: { increment: 1 } },
      });
      return;
    }
    if (event.type === 'AccountClosed') {
      await countStatus(context, 'open', -1);
      await countStatus(context, 'closed', 1);
      return;
    }
    const movement = movementOf(event);
    if (!movement || !('currency' in event.data)) return;
    const currency = event.data.currency;
    const amount = BigInt(movement.amount);
    await tx.bankCurrencyTotal.update({
      where: { generation_currency: { generation, currency } },
      data: { balance: { increment: amount } },
    });
    const flow = {
      deposits: movement.kind === 'deposit' ? amount : 0n,
      withdrawals: movement.kind === 'withdrawal' ? -amount : 0n,
      interest: movement.kind === 'interest' ? amount : 0n,
    };
    const day = movement.at.slice(0, 10);
    await tx.bankDailyFlow.upsert({
      where: { generation_day_currency: { generation, day, currency } },
      create: { generation, day, currency, ...flow, movements: 1 },
      update: {
        deposits: { increment: flow.deposits },
        withdrawals: { increment: flow.withdrawals },
        interest: { increment: flow.interest },
        movements: { increment: 1 },
      },
    });
  },
  drop: async ({ tx, generation }) => {
    await tx.bankStatusCount.deleteMany({ where: { generation } });
    await tx.bankCurrencyTotal.deleteMany({ where: { generation } });
    await tx.bankDailyFlow.deleteMany({ where: { generation } });
  },
};
