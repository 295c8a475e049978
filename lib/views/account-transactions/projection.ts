import { accountIdOf, asAccountEvent, movementOf } from '../shared/account-events';
import { appendOnlyTable } from '../../projections/engine/document-tables';
import { asBigInt, asIso, asNumber } from '../../projections/engine/row-values';
import type { Projection } from '../../projections/projection';
import type { Column } from '../../projections/engine/sql-batch';

/** An account's newest money movement, with the running balance after it; each one is a row of the ledger. */
export type AccountTransactionDocument = {
  position: bigint;
  accountId: string;
  version: number;
  kind: 'deposit' | 'withdrawal' | 'interest';
  /** signed: deposits and interest positive, withdrawals negative */
  amount: bigint;
  currency: string;
  description: string;
  balanceAfter: bigint;
  occurredAt: string;
  actor: string;
};

const COLUMNS: readonly Column[] = [
  ['position', 'bigint'],
  ['account_id', 'text'],
  ['version', 'int'],
  ['kind', 'text'],
  ['amount', 'bigint'],
  ['currency', 'text'],
  ['description', 'text'],
  ['balance_after', 'bigint'],
  ['occurred_at', 'timestamp'],
  ['actor', 'text'],
];

/** One row per money movement with the running balance after it. */
export const accountTransactionsProjection: Projection<AccountTransactionDocument> = {
  name: 'account-transactions',
  version: 1,
  eventTypes: ['MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied'],
  documentIds: (event) => [accountIdOf(event)],
  evolve: (previous, recorded) => {
    const event = asAccountEvent(recorded);
    const movement = movementOf(event);
    if (!movement) return previous;
    const amount = BigInt(movement.amount);
    return {
      position: BigInt(recorded.globalPosition),
      accountId: accountIdOf(recorded),
      version: recorded.streamVersion,
      kind: movement.kind,
      amount,
      currency: 'currency' in event.data ? event.data.currency : '',
      description: movement.description,
      balanceAfter: (previous?.balanceAfter ?? 0n) + amount,
      occurredAt: asIso(movement.at),
      actor: recorded.metadata.actor,
    };
  },
  documents: appendOnlyTable<AccountTransactionDocument>({
    table: 'account_transactions',
    key: ['account_id'],
    keyOf: (id) => [id],
    idOf: (row) => String(row.account_id),
    latestBy: 'version',
    columns: COLUMNS,
    toRow: (d) => [d.position, d.accountId, d.version, d.kind, d.amount, d.currency, d.description, d.balanceAfter, d.occurredAt, d.actor],
    fromRow: (row) => ({
      position: asBigInt(row.position),
      accountId: String(row.account_id),
      version: asNumber(row.version),
      kind: row.kind as AccountTransactionDocument['kind'],
      amount: asBigInt(row.amount),
      currency: String(row.currency),
      description: String(row.description),
      balanceAfter: asBigInt(row.balance_after),
      occurredAt: asIso(row.occurred_at),
      actor: String(row.actor),
    }),
  }),
};
