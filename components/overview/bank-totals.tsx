'use client';

import { useViewer } from '@/components/auth/viewer-context';
import { Money } from '@/components/ui/money';
import { CURRENCIES } from '@/lib/domain/account/money';
import type { CurrencyTotalView } from '@/lib/views/bank-totals/types';
import { isCatchingUp, useBankStats } from './queries';
import { QueryProblem } from './query-problem';
import styles from './overview.module.css';

/** The chart's default window: the totals ask for the same, so the first paint makes one request for both. */
export const DEFAULT_STATS_RANGE = 90;

const currencyOrder = (currency: string): number => {
  const index = Object.keys(CURRENCIES).indexOf(currency);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
};

export const byCurrencyOrder = (a: CurrencyTotalView, b: CurrencyTotalView): number =>
  currencyOrder(a.currency) - currencyOrder(b.currency) || a.currency.localeCompare(b.currency);

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** Accounts by status and the money held per currency: the whole bank's for staff, a customer's own for a customer (the API answers by role). */
export function BankTotals() {
  const stats = useBankStats(DEFAULT_STATS_RANGE);
  const own = useViewer()?.role === 'customer';

  return (
    <section aria-labelledby="totals-heading" aria-busy={stats.isPending} data-testid="totals" data-scope={own ? 'own' : 'bank'}>
      <h2 id="totals-heading" className={own ? styles.totalsHeading : 'visually-hidden'}>
        {own ? 'Your accounts' : 'Bank totals'}
      </h2>
      {stats.data ? (
        <dl className={styles.tiles}>
          <div className={styles.tile}>
            <dt>Open accounts</dt>
            <dd className={styles.tileValue}>{stats.data.accountsByStatus.open.toLocaleString('en-GB')}</dd>
            <dd className={styles.tileNote}>{plural(stats.data.accountsByStatus.closed, 'closed account', 'closed accounts')}</dd>
          </div>
          {[...stats.data.totalsByCurrency].sort(byCurrencyOrder).map((total) => (
            <div className={styles.tile} key={total.currency}>
              <dt>Held in {total.currency}</dt>
              <dd className={styles.tileValue}>
                <Money amount={total.balance} currency={total.currency} />
              </dd>
              <dd className={styles.tileNote}>{plural(total.accounts, 'account', 'accounts')}</dd>
            </div>
          ))}
        </dl>
      ) : stats.isError ? (
        <QueryProblem error={stats.error} what="bank totals" onRetry={() => void stats.refetch()} retrying={stats.isFetching} />
      ) : (
        <div className={styles.tiles}>
          <p className={isCatchingUp(stats.failureReason) ? styles.tilesNote : 'visually-hidden'} role="status">
            {isCatchingUp(stats.failureReason) ? 'Catching up with the latest changes…' : 'Loading bank totals…'}
          </p>
          {Array.from({ length: 4 }, (_, index) => (
            <div className={styles.tile} key={index} aria-hidden="true">
              <div className="skeleton" style={{ width: '55%', margin: 0 }} />
              <div className="skeleton" style={{ width: '80%', height: '1.75rem', margin: '0.6rem 0' }} />
              <div className="skeleton" style={{ width: '40%', margin: 0 }} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
