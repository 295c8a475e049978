'use client';

import { useId, useState } from 'react';
import { authorize, commandAction } from '@/lib/auth/policy';
import { transferAggregate } from '@/lib/domain/transfer/aggregate';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { useViewer } from '../auth/viewer-context';
import { TransferForm } from './transfer-form';
import styles from './transfer.module.css';

const SEND = commandAction(transferAggregate, 'send');

/**
 * "Send money" on the account page, only for who may send from this account (the policy the
 * server applies: not auditors, not another customer). The form opens on request, so the
 * actions column stays short enough to keep beside the history.
 */
export function TransferCard({ account }: { account: AccountSummaryView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const viewer = useViewer();
  if (!authorize(viewer, SEND, { owner: account.customerId }).allowed) return null;
  const closed = account.status === 'closed';
  return (
    <section className={`card ${styles.card}`} aria-labelledby={`${id}-title`} data-testid="transfer-card">
      <div className={styles.cardHeader}>
        <h2 id={`${id}-title`}>Send money</h2>
        {closed ? null : (
          <button type="button" className="button" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((value) => !value)}>
            {open ? 'Cancel' : 'New transfer'}
          </button>
        )}
      </div>
      {closed ? <p className={styles.note}>Money cannot leave a closed account.</p> : null}
      <div id={`${id}-body`} hidden={!open || closed} className={styles.cardBody}>
        {open && !closed ? <TransferForm account={account} /> : null}
      </div>
    </section>
  );
}
