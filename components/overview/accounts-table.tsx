'use client';

import Link from 'next/link';
import { Money } from '@/components/ui/money';
import type { AccountSort, AccountSummaryView } from '@/lib/views/account-summary/types';
import { groupByCurrency, type AccountFilters } from './account-filters';
import { formatDate, formatDateTime, formatRelative, shortAccountId } from './format';
import { useOverviewStore } from './overview-store';
import styles from './accounts.module.css';

type Column = { key: string; label: string; sort?: AccountSort; className?: string };

const COLUMNS: Column[] = [
  { key: 'owner', label: 'Owner', sort: 'owner', className: styles.owner },
  { key: 'account', label: 'Account', className: styles.account },
  { key: 'currency', label: 'Currency', className: styles.currency },
  { key: 'balance', label: 'Balance', sort: 'balance', className: styles.balance },
  { key: 'status', label: 'Status', className: styles.status },
  { key: 'opened', label: 'Opened', sort: 'opened', className: styles.opened },
  { key: 'lastActivity', label: 'Last activity', sort: 'lastActivity', className: styles.activity },
];

const SKELETON_ROWS = 8;

function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }) {
  return (
    <svg className={styles.sortIcon} data-direction={direction ?? 'none'} viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
      <path className={styles.sortUp} d="M6 1.5 9.5 5h-7z" />
      <path className={styles.sortDown} d="M6 10.5 2.5 7h7z" />
    </svg>
  );
}

function StatusBadge({ status }: { status: AccountSummaryView['status'] }) {
  return <span className={`${styles.badge} ${status === 'open' ? styles.badgeOpen : styles.badgeClosed}`}>{status === 'open' ? 'Open' : 'Closed'}</span>;
}

/**
 * Sortable account summaries; every row leads to its account. Under 640px the
 * rows become cards and the sortable headers a row of sort buttons.
 */
export function AccountsTable({
  items,
  loading,
  stale,
  readAt,
  filters,
  onSort,
}: {
  items: AccountSummaryView[];
  loading: boolean;
  /** Rows of the previous filters, shown while the new ones load. */
  stale: boolean;
  /** When the rows were read: "2 hours ago" is counted from here. */
  readAt: number;
  filters: AccountFilters;
  onSort: (sort: AccountSort) => void;
}) {
  const justOpened = useOverviewStore((store) => store.justOpened);
  const sortedBy = COLUMNS.find((column) => column.sort === filters.sort)?.label ?? filters.sort;
  // Balances in different currencies are not comparable: sorted by balance, rows are grouped by currency.
  const byBalance = filters.sort === 'balance';
  const row = (account: AccountSummaryView) => {
    const isNew = account.accountId === justOpened;
    return (
      <tr key={account.accountId} className={`${styles.row}${isNew ? ` ${styles.rowNew}` : ''}`}>
        <td className={styles.owner}>
          {/* No viewport prefetch: a page of rows would fetch a page of account routes nobody may open. */}
          <Link href={`/accounts/${account.accountId}`} className={styles.rowLink} prefetch={false}>
            {account.owner}
          </Link>
          {isNew ? <span className={styles.newBadge}>New</span> : null}
        </td>
        <td className={styles.account}>
          <code>{shortAccountId(account.accountId)}</code>
        </td>
        <td className={styles.currency}>{account.currency}</td>
        <td className={styles.balance}>
          <Money amount={account.balance} currency={account.currency} />
        </td>
        <td className={styles.status}>
          <StatusBadge status={account.status} />
        </td>
        <td className={styles.opened}>
          <span className={styles.cellLabel}>Opened </span>
          <time dateTime={account.openedAt} title={formatDateTime(account.openedAt)}>
            {formatDate(account.openedAt)}
          </time>
        </td>
        <td className={styles.activity}>
          <span className={styles.cellLabel}>Last activity </span>
          <time dateTime={account.lastActivityAt} title={formatDateTime(account.lastActivityAt)}>
            {formatRelative(account.lastActivityAt, readAt)}
          </time>
        </td>
      </tr>
    );
  };

  return (
    <div className={styles.tableWrap}>
      {byBalance ? (
        <p className={styles.sortNote} data-testid="sort-note">
          Balances are compared within a currency, never across: the accounts are grouped by currency, each group sorted by balance.
        </p>
      ) : null}
      <table className={`${styles.table}${stale ? ` ${styles.stale}` : ''}`} aria-busy={loading || stale}>
        <caption className="visually-hidden">
          Accounts, sorted by {sortedBy.toLowerCase()}
          {byBalance ? ' within each currency' : ''}, {filters.direction === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort !== undefined && column.sort === filters.sort;
              const direction = active ? filters.direction : null;
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={`${column.className ?? ''} ${column.sort ? styles.sortable : styles.plain}`}
                  aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
                >
                  {column.sort ? (
                    <button
                      type="button"
                      className={`${styles.sortButton}${active ? ` ${styles.sortActive}` : ''}`}
                      onClick={() => onSort(column.sort as AccountSort)}
                    >
                      {column.label}
                      <SortIcon direction={direction} />
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {loading
            ? Array.from({ length: SKELETON_ROWS }, (_, index) => (
                <tr key={index} className={styles.skeletonRow} aria-hidden="true">
                  {COLUMNS.map((column) => (
                    <td key={column.key} className={column.className}>
                      <div className="skeleton" style={{ margin: column.key === 'balance' ? '0 0 0 auto' : 0, width: column.key === 'owner' ? '70%' : '55%' }} />
                    </td>
                  ))}
                </tr>
              ))
            : byBalance
              ? groupByCurrency(items).flatMap((group) => [
                  <tr key={`currency-${group.currency}`} className={styles.currencyGroup} data-testid="currency-group">
                    <td colSpan={COLUMNS.length}>{group.currency}</td>
                  </tr>,
                  ...group.rows.map(row),
                ])
              : items.map(row)}
        </tbody>
      </table>
      {loading ? (
        <p className="visually-hidden" role="status">
          Loading accounts…
        </p>
      ) : null}
    </div>
  );
}
