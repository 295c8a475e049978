import { accountIdOf, asAccountEvent, movementOf } from './account-events';
import type { Projection } from './projection';

/** One row per money movement with the running balance after it. */
export const accountTransactionsProjection: Projection = {
  name: 'account-transactions',
  version: 1,
  eventTypes: ['MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied'],
  apply: async (recorded, { tx, generation }) => {
    const event = asAccountEvent(recorded);
    const movement = movementOf(event);
    if (!movement) return;
    const accountId = accountIdOf(recorded);
    const previous = await tx.accountTransaction.findFirst({
      where: { generation, accountId },
      orderBy: { version: 'desc' },
      select: { balanceAfter: true },
    });
    await tx.accountTransaction.create({
      data: {
        generation,
        position: BigInt(recorded.globalPosition),
        accountId,
        version: recorded.streamVersion,
        kind: movement.kind,
        amount: BigInt(movement.amount),
        currency: 'currency' in event.data ? event.data.currency : '',
        description: movement.description,
        balanceAfter: (previous?.balanceAfter ?? 0n) + BigInt(movement.amount),
        occurredAt: new Date(movement.at),
        actor: recorded.metadata.actor,
      },
    });
  },
  drop: async ({ tx, generation }) => {
    await tx.accountTransaction.deleteMany({ where: { generation } });
  },
};
