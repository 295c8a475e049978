'use client';

import { Money } from '@/components/ui/money';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { TransactionKind, TransactionView } from '@/lib/views/account-transactions/types';
import { useTransactionHistory } from './use-account-data';
import { describeActor, formatCount, formatDate, formatDateTime, formatTime, movementCount } from './format';
import { SectionError } from './section-error';
import styles from './account.module.css';

const KIND_LABELS: Record<TransactionKind, string> = { deposit: 'Deposit', withdrawal: 'Withdrawal', interest: 'Interest' };

function Amount({ amount, currency }: { amount: number; currency: string }) {
  return (
    <span className={amount < 0 ? styles.negative : styles.positive}>
      <Money amount={amount} currency={currency} signed />
    </span>
  );
}

function Actor({ actor, withRole }: { actor: string; withRole: boolean }) {
  const { name, role } = describeActor(actor);
  return (
    <span title={actor}>
      {name}
      {withRole && role ? <span className={styles.secondLine}>{role}</span> : null}
    </span>
  );
}

/*
 * One table for every width. On a phone the date, actor and balance columns
 * give way to copies stacked under the description and the amount; each width
 * shows (and reads out) exactly one of the two.
 */
function Row({ item }: { item: TransactionView }) {
  return (
    <tr>
      <td className={styles.wide}>
        <time dateTime={item.occurredAt}>
          {formatDate(item.occurredAt)}
          <span className={styles.secondLine}>{formatTime(item.occurredAt)}</span>
        </time>
      </td>
      <td className={styles.descriptionCell}>
        <span className={styles.description}>{item.description}</span>
        <span className={`${styles.secondLine} ${styles.wideBlock}`} title={`Event version ${item.version}`}>
          {KIND_LABELS[item.kind]} · v{item.version}
        </span>
        <span className={`${styles.secondLine} ${styles.narrow}`}>
          <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time> · <Actor actor={item.actor} withRole={false} />
        </span>
      </td>
      <td className={`${styles.wide} ${styles.actorCell}`}>
        <Actor actor={item.actor} withRole />
      </td>
      <td className={`${styles.numeric} ${styles.amountCell}`}>
        <Amount amount={item.amount} currency={item.currency} />
        <span className={`${styles.secondLine} ${styles.narrow}`}>
          Balance{' '}
          <span className={item.balanceAfter < 0 ? styles.negative : undefined}>
            <Money amount={item.balanceAfter} currency={item.currency} />
          </span>
        </span>
      </td>
      <td className={`${styles.numeric} ${styles.wide}`}>
        <span className={item.balanceAfter < 0 ? styles.negative : undefined}>
          <Money amount={item.balanceAfter} currency={item.currency} />
        </span>
      </td>
    </tr>
  );
}

function HistorySkeleton() {
  return (
    <div aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="skeleton" style={{ height: '2.25rem' }} />
      ))}
    </div>
  );
}

export function TransactionHistory({ account }: { account: AccountSummaryView }) {
  const history = useTransactionHistory(account.accountId);
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  const total = movementCount(account);

  return (
    <section className="card" aria-labelledby="history-title" data-testid="transaction-history">
      <div className={styles.cardHeader}>
        <h2 id="history-title">Transactions</h2>
        <p className={styles.cardMeta} aria-live="polite">
          {history.data ? `Showing ${formatCount(items.length)} of ${formatCount(Math.max(total, items.length))}, newest first` : null}
        </p>
      </div>

      {history.isPending ? (
        <>
          <HistorySkeleton />
          <span className="visually-hidden">Loading transactions…</span>
        </>
      ) : history.isError && !history.data ? (
        <SectionError what="the transactions" onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <p className={styles.empty}>No transactions yet. Deposits, withdrawals and interest will show up here.</p>
      ) : (
        <>
          <table className={styles.table}>
            <caption className="visually-hidden">Transactions on this account, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className={styles.wide}>
                  Date
                </th>
                <th scope="col" className={styles.descriptionCell}>
                  Description
                </th>
                <th scope="col" className={styles.wide}>
                  By
                </th>
                <th scope="col" className={`${styles.numeric} ${styles.amountCell}`}>
                  Amount
                </th>
                <th scope="col" className={`${styles.numeric} ${styles.wide}`}>
                  Balance after
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <Row key={item.version} item={item} />
              ))}
            </tbody>
          </table>
          {history.isFetchNextPageError ? (
            <p className={styles.inlineError} role="alert">
              The next transactions could not be loaded. Try again.
            </p>
          ) : null}
          {history.hasNextPage ? (
            <div className={styles.loadMore}>
              {/* aria-disabled, not disabled: a disabled button would drop keyboard focus while the page loads. */}
              <button
                type="button"
                className="button"
                onClick={() => {
                  if (!history.isFetchingNextPage) void history.fetchNextPage();
                }}
                aria-disabled={history.isFetchingNextPage}
                aria-busy={history.isFetchingNextPage}
              >
                {history.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : (
            <p className={styles.endOfHistory}>That is every transaction since the account opened.</p>
          )}
        </>
      )}
    </section>
  );
}
