'use client';

import Link from 'next/link';
import { VerificationBadge } from '@/components/audit/verification-badge';
import { Money } from '@/components/ui/money';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { availableToWithdraw, formatCount, formatDate, formatDateTime } from './format';
import styles from './account.module.css';

export function StatusBadge({ status }: { status: AccountSummaryView['status'] }) {
  return (
    <span className={`${styles.badge} ${status === 'open' ? styles.badgeOpen : styles.badgeClosed}`} data-testid="account-status">
      {status === 'open' ? 'Open' : 'Closed'}
    </span>
  );
}

/** Who holds the account, what it holds now and what it may go down to. */
export function AccountSummary({ account, refreshing }: { account: AccountSummaryView; refreshing: boolean }) {
  const negative = account.balance < 0;
  return (
    <section className={`card ${styles.summary}`} aria-labelledby="account-owner" data-testid="account-summary">
      <div className={styles.summaryMain}>
        <div className={styles.identity}>
          <p className={styles.eyebrow}>
            <span>{account.currency} account</span>
            <StatusBadge status={account.status} />
            <VerificationBadge streamId={`account-${account.accountId}`} />
          </p>
          <h1 id="account-owner" className={styles.owner}>
            {account.owner}
          </h1>
          <p className={styles.accountId}>
            <span className="muted">Account</span> <code>{account.accountId}</code>
          </p>
        </div>

        <div className={styles.balanceBlock}>
          <p className={styles.balanceLabel}>
            Balance
            <span className={styles.refreshing} aria-live="polite">
              {refreshing ? ' · updating…' : ''}
            </span>
          </p>
          <p className={`${styles.balance}${negative ? ` ${styles.negative}` : ''}`} data-testid="account-balance">
            <Money amount={account.balance} currency={account.currency} />
          </p>
          {account.status === 'open' ? (
            <p className={styles.available}>
              <Money amount={availableToWithdraw(account)} currency={account.currency} /> available
              {account.overdraftLimit > 0 ? ' with the overdraft' : ''}
            </p>
          ) : null}
        </div>
      </div>

      <dl className={styles.facts}>
        <div>
          <dt>Overdraft limit</dt>
          <dd>{account.overdraftLimit > 0 ? <Money amount={account.overdraftLimit} currency={account.currency} /> : 'None'}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            <time dateTime={account.openedAt}>{formatDate(account.openedAt)}</time>
          </dd>
        </div>
        {account.closedAt ? (
          <div>
            <dt>Closed</dt>
            <dd>
              <time dateTime={account.closedAt}>{formatDate(account.closedAt)}</time>
            </dd>
          </div>
        ) : (
          <div>
            <dt>Last activity</dt>
            <dd>
              <time dateTime={account.lastActivityAt}>{formatDateTime(account.lastActivityAt)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>Version</dt>
          <dd>
            <span data-testid="account-version">{formatCount(account.version)}</span>{' '}
            <span className={styles.factNote}>events</span>
          </dd>
        </div>
      </dl>

      <p className={styles.debuggerLink}>
        <Link href={`/debugger/account-${account.accountId}`} prefetch={false} className="button">
          Open in time-travel debugger <span aria-hidden="true">→</span>
        </Link>
        <span className={styles.factNote}>Replay this account event by event.</span>
      </p>
    </section>
  );
}
