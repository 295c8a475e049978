'use client';

import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import type { AccountActionState } from '@/lib/server/forms/action-state';
import { explainFailure, type Attempt } from './action-messages';
import styles from './account.module.css';

/** Links a control to its hint or error, as `Field` renders them. */
export const describedBy = (id: string, error: string | undefined, hint?: string) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
});

/** A refusal in plain words; messages about fields this form does not show (hidden ones) are listed here too. */
export function FormAlert({
  state,
  account,
  attempt,
  fields,
}: {
  state: AccountActionState;
  account: AccountSummaryView;
  attempt: Attempt;
  /** Fields shown in this form, whose messages appear beside them. */
  fields: readonly string[];
}) {
  if (!state || state.ok) return null;
  const stray = Object.entries(state.fieldErrors)
    .filter(([field]) => !fields.includes(field))
    .flatMap(([, messages]) => messages);
  return (
    <div className={styles.alert} role="alert" data-testid="action-error" data-code={state.code}>
      <p>{explainFailure(state, account, attempt)}</p>
      {stray.map((message) => (
        <p key={message}>{message}</p>
      ))}
    </div>
  );
}

/** What was done, beside the button: a polite status that is always in the page, so screen readers hear it change. */
export function FormSuccess({ state, message }: { state: AccountActionState; message: string | null }) {
  return (
    <p role="status" className={styles.success} data-testid={state?.ok && message ? 'action-success' : undefined}>
      {state?.ok && message ? (
        <>
          <span aria-hidden="true">✓ </span>
          {message}
        </>
      ) : null}
    </p>
  );
}
