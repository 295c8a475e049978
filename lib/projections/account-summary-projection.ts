import { accountIdOf, asAccountEvent, movementOf } from './account-events';
import type { Projection } from './projection';

/** One row per account: balance, status, owner, currency, limits, version, dates. */
export const accountSummaryProjection: Projection = {
  name: 'account-summary',
  // 2: the customer id (AccountOpened v3) is kept beside the holder's name.
  version: 2,
  eventTypes: ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'],
  apply: async (recorded, { tx, generation }) => {
    const event = asAccountEvent(recorded);
    const accountId = accountIdOf(recorded);
    const where = { generation_accountId: { generation, accountId } };
    const progress = { version: recorded.streamVersion, position: BigInt(recorded.globalPosition) };
    if (event.type === 'AccountOpened') {
      const openedAt = new Date(event.data.openedAt);
      await tx.accountSummary.create({
        data: {
          generation,
          accountId,
          owner: event.data.holder.name,
          customerId: event.data.customerId,
          currency: event.data.currency,
          status: 'open',
          balance: 0n,
          overdraftLimit: BigInt(event.data.overdraftLimit),
          openedAt,
          lastActivityAt: openedAt,
          ...progress,
        },
      });
      return;
    }
    if (event.type === 'AccountClosed') {
      const closedAt = new Date(event.data.closedAt);
      await tx.accountSummary.update({ where, data: { status: 'closed', closedAt, lastActivityAt: closedAt, ...progress } });
      return;
    }
    const movement = movementOf(event);
    if (!movement) return;
    await tx.accountSummary.update({
      where,
      data: { balance: { increment: BigInt(movement.amount) }, lastActivityAt: new Date(movement.at), ...progress },
    });
  },
  drop: async ({ tx, generation }) => {
    await tx.accountSummary.deleteMany({ where: { generation } });
  },
};
