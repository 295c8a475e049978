'use client';

import { useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { closeAccount } from '@/lib/server/actions/account-actions';
import { Field } from '@/components/ui/field';
import { Money } from '@/components/ui/money';
import { SubmitButton } from '@/components/ui/submit-button';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { describedBy, FormAlert, FormSuccess } from './form-parts';
import { fieldError, useAccountAction } from './use-account-action';
import styles from './account.module.css';

const FIELDS = ['reason'] as const;

/**
 * Closing is final, so it takes two steps: ask, then confirm. The version the
 * person saw goes with the command: if anything moved in between, nothing is
 * closed and they are shown the latest figures instead.
 */
export function CloseAccountForm({ account }: { account: AccountSummaryView }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const askRef = useRef<HTMLButtonElement>(null);

  const { state, formAction, commandId, formRef } = useAccountAction(closeAccount, account.accountId, {
    onSuccess: () => {
      setConfirming(false);
      setReason('');
    },
  });

  const reasonError = fieldError(state, 'reason');
  const empty = account.balance === 0;

  const cancel = () => {
    flushSync(() => setConfirming(false));
    askRef.current?.focus();
  };

  return (
    <form ref={formRef} action={formAction} noValidate className={styles.form} data-testid="close-form">
      <input type="hidden" name="accountId" value={account.accountId} />
      <input type="hidden" name="commandId" value={commandId} />
      <input type="hidden" name="expectedVersion" value={account.version} />

      {account.status === 'closed' ? null : (
        <p className={styles.formNote} id={`${id}-note`}>
          {empty ? (
            'The balance is zero, so this account can be closed. Its history stays available; no money can move afterwards.'
          ) : (
            <>
              Only an account with a balance of exactly zero can be closed. This one holds{' '}
              <Money amount={account.balance} currency={account.currency} />
              {account.balance > 0 ? ': withdraw it first.' : ': pay in what is owed first.'}
            </>
          )}
        </p>
      )}

      {confirming ? (
        <div className={styles.confirm} role="group" aria-labelledby={`${id}-confirm-title`}>
          <p id={`${id}-confirm-title`} className={styles.confirmTitle}>
            Close the account of {account.owner}? This cannot be undone.
          </p>
          <Field id={`${id}-reason`} label="Reason (optional)" error={reasonError}>
            <input
              id={`${id}-reason`}
              name="reason"
              type="text"
              maxLength={140}
              autoComplete="off"
              placeholder="e.g. Customer moved abroad"
              // The confirmation replaces the button that opened it: focus follows.
              autoFocus
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              {...describedBy(`${id}-reason`, reasonError)}
            />
          </Field>
          <div className={styles.formActions}>
            <SubmitButton pendingLabel="Closing…" variant="danger">
              Yes, close the account
            </SubmitButton>
            <button type="button" className="button" onClick={cancel}>
              Keep it open
            </button>
          </div>
        </div>
      ) : (
        <div className={styles.formActions}>
          {/* Only an empty account can close: with money in it the confirmation would only lead to a refusal. */}
          <button
            ref={askRef}
            type="button"
            className={`button ${styles.dangerOutline}`}
            onClick={() => setConfirming(true)}
            disabled={!empty || account.status === 'closed'}
            aria-describedby={account.status === 'closed' ? undefined : `${id}-note`}
          >
            Close this account…
          </button>
        </div>
      )}

      <FormAlert state={state} account={account} attempt={{}} fields={FIELDS} />
      <FormSuccess state={state} message={account.status === 'closed' ? 'The account is closed.' : 'Closing the account…'} />
    </form>
  );
}
