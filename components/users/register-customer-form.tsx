'use client';

import { useActionState, useId } from 'react';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { registerCustomer } from '@/lib/server/actions/user-actions';
import type { UserActionState } from '@/lib/server/forms/user-forms';
import styles from './users.module.css';

/** A teller's form for a new customer who can sign in; their accounts are opened for the customer id. */
export function RegisterCustomerForm() {
  const id = useId();
  const [state, submit] = useActionState<UserActionState, FormData>(registerCustomer, null);
  const error = (field: string) => (state && !state.ok ? state.fieldErrors[field]?.[0] : undefined);
  return (
    <form action={submit} className="card" aria-labelledby={`${id}-title`} data-testid="register-customer">
      <h2 id={`${id}-title`}>Register a customer</h2>
      <Field id={`${id}-username`} label="Username" error={error('username')} hint="Lower-case letters, digits and dashes; they sign in with it.">
        <input id={`${id}-username`} name="username" autoComplete="off" required />
      </Field>
      <Field id={`${id}-name`} label="Name" error={error('displayName')} hint="The holder name their accounts show.">
        <input id={`${id}-name`} name="displayName" autoComplete="off" required />
      </Field>
      <Field id={`${id}-customer`} label="Customer id (optional)" error={error('customerId')} hint="Whose accounts they hold; the username when empty.">
        <input id={`${id}-customer`} name="customerId" autoComplete="off" />
      </Field>
      <Field id={`${id}-password`} label="First password" error={error('password')} hint="At least 12 characters; only its hash is kept.">
        <input id={`${id}-password`} name="password" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton pendingLabel="Registering…">Register</SubmitButton>
      <p role="status" className={styles.status}>
        {state?.ok ? `Registered ${state.username}: they can sign in now.` : state && !state.ok && state.code !== 'validation_failed' ? state.message : ''}
      </p>
    </form>
  );
}
