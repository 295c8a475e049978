import { accountIdOf, asAccountEvent, movementOf } from '../shared/account-events';
import { stateTable } from '../../projections/engine/document-tables';
import { asBigInt, asIso, asIsoOrNull, asNumber } from '../../projections/engine/row-values';
import type { Projection } from '../../projections/projection';
import type { Column } from '../../projections/engine/sql-batch';

/** One account's summary: balance, status, owner, currency, limits, version, dates (ISO strings). */
export type AccountSummaryDocument = {
  accountId: string;
  owner: string;
  customerId: string | null;
  currency: string;
  status: 'open' | 'closed';
  balance: bigint;
  overdraftLimit: bigint;
  version: number;
  openedAt: string;
  lastActivityAt: string;
  closedAt: string | null;
  position: bigint;
};

const COLUMNS: readonly Column[] = [
  ['account_id', 'text'],
  ['owner', 'text'],
  ['customer_id', 'text'],
  ['currency', 'text'],
  ['status', 'text'],
  ['balance', 'bigint'],
  ['overdraft_limit', 'bigint'],
  ['version', 'int'],
  ['opened_at', 'timestamp'],
  ['last_activity_at', 'timestamp'],
  ['closed_at', 'timestamp'],
  ['position', 'bigint'],
];

/** One row per account: balance, status, owner, currency, limits, version, dates. */
export const accountSummaryProjection: Projection<AccountSummaryDocument> = {
  name: 'account-summary',
  // 2: the customer id (AccountOpened v3) is kept beside the holder's name.
  version: 2,
  eventTypes: ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'],
  documentIds: (event) => [accountIdOf(event)],
  evolve: (summary, recorded) => {
    const event = asAccountEvent(recorded);
    const progress = { version: recorded.streamVersion, position: BigInt(recorded.globalPosition) };
    if (event.type === 'AccountOpened') {
      if (summary) throw new Error(`account ${summary.accountId} is opened twice (position ${recorded.globalPosition})`);
      const openedAt = asIso(event.data.openedAt);
      return {
        accountId: accountIdOf(recorded),
        owner: event.data.holder.name,
        customerId: event.data.customerId ?? null,
        currency: event.data.currency,
        status: 'open',
        balance: 0n,
        overdraftLimit: BigInt(event.data.overdraftLimit),
        openedAt,
        lastActivityAt: openedAt,
        closedAt: null,
        ...progress,
      };
    }
    if (!summary) throw new Error(`${event.type} at position ${recorded.globalPosition} for account ${accountIdOf(recorded)}, which was never opened`);
    if (event.type === 'AccountClosed') {
      const closedAt = asIso(event.data.closedAt);
      return { ...summary, status: 'closed', closedAt, lastActivityAt: closedAt, ...progress };
    }
    const movement = movementOf(event);
    if (!movement) return summary;
    return { ...summary, balance: summary.balance + BigInt(movement.amount), lastActivityAt: asIso(movement.at), ...progress };
  },
  documents: stateTable<AccountSummaryDocument>({
    table: 'account_summaries',
    key: ['account_id'],
    keyOf: (id) => [id],
    idOf: (row) => String(row.account_id),
    columns: COLUMNS,
    toRow: (d) => [
      d.accountId,
      d.owner,
      d.customerId,
      d.currency,
      d.status,
      d.balance,
      d.overdraftLimit,
      d.version,
      d.openedAt,
      d.lastActivityAt,
      d.closedAt,
      d.position,
    ],
    fromRow: (row) => ({
      accountId: String(row.account_id),
      owner: String(row.owner),
      customerId: row.customer_id === null ? null : String(row.customer_id),
      currency: String(row.currency),
      status: row.status === 'closed' ? 'closed' : 'open',
      balance: asBigInt(row.balance),
      overdraftLimit: asBigInt(row.overdraft_limit),
      version: asNumber(row.version),
      openedAt: asIso(row.opened_at),
      lastActivityAt: asIso(row.last_activity_at),
      closedAt: asIsoOrNull(row.closed_at),
      position: asBigInt(row.position),
    }),
  }),
};
