import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/auth/forbidden-notice';
import { authorize } from '@/lib/auth/policy';
import { requirePrincipal } from '@/lib/server/auth/current-principal';
import { NotificationsList } from '@/components/operations/notifications-list';
import { OutboxPanel } from '@/components/operations/outbox-panel';
import { ParkedMessages } from '@/components/operations/parked-messages';
import styles from '@/components/operations/operations.module.css';

export const metadata: Metadata = { title: 'Operations' };

/** The outbox backlog, messages the relay parked, and what the notifications consumer recorded. Data loads in the browser. */
export default async function OperationsPage() {
  const decision = authorize(await requirePrincipal('/operations'), 'operations.read');
  if (!decision.allowed) return <ForbiddenNotice title="Operations are for the bank’s staff" message={decision.reason} />;
  return (
    <div className={styles.page}>
      <header className={styles.pageHeader}>
        <h1 className={styles.title}>Operations</h1>
        <p className={styles.lede}>
          Recorded events leave through the outbox to the message bus, at least once and in order per stream; consumers such as
          notifications act on each exactly once.
        </p>
      </header>
      <div className={styles.columns}>
        <div>
          <OutboxPanel />
          <ParkedMessages />
        </div>
        <NotificationsList />
      </div>
    </div>
  );
}
