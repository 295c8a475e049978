'use client';

import Link from 'next/link';
import { Money } from '@/components/ui/money';
import { formatDateTime } from './format';
import { useNotifications } from './operations-queries';
import styles from './operations.module.css';

const KIND_LABEL = { large_withdrawal: 'Large withdrawal', transfer_failed: 'Transfer failed' } as const;

/** What the notifications consumer recorded, newest first: one notice per event, however often it was delivered. */
export function NotificationsList() {
  const notifications = useNotifications();
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Recent notifications</h2>
      {notifications.data && items.length === 0 ? (
        <p className="muted">No notices yet. Large withdrawals and failed transfers appear here moments after they are recorded.</p>
      ) : notifications.data ? (
        <>
          <ol className={styles.notices}>
            {items.map((notice) => (
              <li key={notice.id} className={styles.notice} data-testid="notification">
                <div className={styles.noticeHead}>
                  <span className={`${styles.badge} ${notice.kind === 'transfer_failed' ? styles.badgeDanger : ''}`}>{KIND_LABEL[notice.kind]}</span>
                  <time className={styles.sub} dateTime={notice.occurredAt}>
                    {formatDateTime(notice.occurredAt)}
                  </time>
                </div>
                <p className={styles.noticeText}>
                  <Money amount={notice.amount} currency={notice.currency} />{' '}
                  {notice.kind === 'large_withdrawal' ? 'withdrawn from' : 'transfer failed from'}{' '}
                  <Link href={`/accounts/${encodeURIComponent(notice.accountId)}`}>{notice.accountId}</Link>
                </p>
                {notice.kind === 'transfer_failed' ? <p className={styles.sub}>{notice.message}</p> : null}
              </li>
            ))}
          </ol>
          {notifications.hasNextPage ? (
            <button type="button" className="button" onClick={() => void notifications.fetchNextPage()} disabled={notifications.isFetchingNextPage}>
              {notifications.isFetchingNextPage ? 'Loading…' : 'Show older'}
            </button>
          ) : null}
        </>
      ) : notifications.isError ? (
        <p role="alert" className={styles.problem}>
          The notifications could not be read: {notifications.error.message}
        </p>
      ) : (
        <div className="skeleton" style={{ height: '6rem' }} aria-hidden="true" />
      )}
    </section>
  );
}
