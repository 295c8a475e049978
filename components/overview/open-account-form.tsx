'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useActionState, useEffect, useId, useRef, useState } from 'react';
import { openAccount } from '@/lib/server/actions/account-actions';
import { useViewer } from '@/components/auth/viewer-context';
import { useLiveStore } from '@/components/live/connection-store';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { CURRENCIES, type Currency } from '@/lib/domain/account/money';
import type { AccountActionResult } from '@/lib/server/forms/action-state';
import { shortAccountId } from './format';
import { newCommandId } from './new-command-id';
import { useOverviewStore } from './overview-store';
import styles from './open-account-form.module.css';

const FIELDS = ['owner', 'customerId', 'currency', 'overdraftLimit'] as const;
type FieldName = (typeof FIELDS)[number];
type Values = Record<FieldName, string>;

/** The last submit: its answer, and what was typed, so a refused form comes back as the person left it. */
type OpenState = { result: AccountActionResult; values: Values; submission: number } | null;

const CURRENCY_NAMES: Record<Currency, string> = {
  EUR: 'Euro',
  USD: 'US dollar',
  GBP: 'Pound sterling',
  CHF: 'Swiss franc',
  JPY: 'Japanese yen',
};

/** Failures that are not about a field, said plainly; rule violations already arrive in plain words. */
const PLAIN_WORDS: Record<string, string> = {
  network_error: 'Your browser could not reach the bank. Check your connection and submit again: the account will not be opened twice.',
  unavailable: 'The bank’s records cannot be reached right now. Nothing was saved; please try again in a moment.',
  internal_error: 'Something went wrong on our side. Nothing was saved; please try again.',
  version_conflict: 'Someone else made a change at the same moment. Nothing was saved; please try again.',
};

const EMPTY: Values = { owner: '', customerId: '', currency: 'EUR', overdraftLimit: '' };

const valuesOf = (formData: FormData): Values => {
  const text = (name: FieldName) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { owner: text('owner'), customerId: text('customerId'), currency: text('currency'), overdraftLimit: text('overdraftLimit') };
};

const isField = (name: string): name is FieldName => (FIELDS as readonly string[]).includes(name);

/** Messages that belong to no visible field (a stale command id, a bad identity) or to none at all. */
const formMessages = (result: AccountActionResult | undefined): string[] => {
  if (!result || result.ok) return [];
  const others = Object.entries(result.fieldErrors).flatMap(([name, messages]) => (isField(name) ? [] : messages));
  if (result.code === 'validation_failed') return others.length > 0 ? others : [];
  return [PLAIN_WORDS[result.code] ?? result.message, ...others];
};

export function OpenAccountForm() {
  const ids = useId();
  const viewer = useViewer();
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const wrote = useLiveStore((store) => store.wrote);
  const opened = useOverviewStore((store) => store.opened);
  // One id per filled-in form: resubmitting it (double click, retry after a lost answer) is answered, not applied twice.
  const [commandId, setCommandId] = useState(newCommandId);
  const [currency, setCurrency] = useState<string>(EMPTY.currency);

  const [state, submit] = useActionState(async (previous: OpenState, formData: FormData): Promise<OpenState> => {
    const values = valuesOf(formData);
    setCurrency(values.currency);
    let result: AccountActionResult;
    try {
      result = await openAccount(null, formData);
    } catch {
      result = { ok: false, code: 'network_error', message: PLAIN_WORDS.network_error ?? '', fieldErrors: {} };
    }
    if (result.ok) {
      // Read-your-writes: the next reads wait until the read models include this account.
      wrote(result.result.globalPosition);
      opened(result.result.accountId);
      setCommandId(newCommandId());
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'static' });
    }
    return { result, values, submission: (previous?.submission ?? 0) + 1 };
  }, null);

  const result = state?.result;
  const errorOf = (name: FieldName) => (result && !result.ok ? result.fieldErrors[name]?.join(' ') : undefined);
  // After a refusal the fields keep what was typed; after success they clear for the next account, keeping the currency.
  // A customer opens accounts in their own name: the form starts with it.
  const empty: Values = { ...EMPTY, owner: viewer?.role === 'customer' ? (viewer.holderName ?? '') : '' };
  const defaults: Values = !state ? empty : state.result.ok ? { ...empty, currency: state.values.currency } : state.values;
  const problems = formMessages(result);
  const exponent = currency in CURRENCIES ? CURRENCIES[currency as Currency] : 2;

  useEffect(() => {
    if (!state || state.result.ok) return;
    const fieldErrors = state.result.fieldErrors;
    const first = FIELDS.find((name) => fieldErrors[name]);
    const control = first ? formRef.current?.elements.namedItem(first) : null;
    if (control instanceof HTMLElement) control.focus();
  }, [state]);

  const describedBy = (name: FieldName, hint: boolean) => (errorOf(name) ? `${ids}-${name}-error` : hint ? `${ids}-${name}-hint` : undefined);

  return (
    <section className={`card ${styles.panel}`} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Open an account</h2>
      <p className={styles.lede}>The account is opened at once and recorded as its first event.</p>

      <form ref={formRef} action={submit} noValidate className={styles.form}>
        <input type="hidden" name="commandId" value={commandId} />

        <Field id={`${ids}-owner`} label="Owner" error={errorOf('owner')}>
          <input
            id={`${ids}-owner`}
            name="owner"
            type="text"
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={defaults.owner}
            placeholder="e.g. Ada Lovelace"
            aria-invalid={errorOf('owner') ? true : undefined}
            aria-describedby={describedBy('owner', false)}
          />
        </Field>

        {viewer?.role !== 'customer' && (
          <Field
            id={`${ids}-customerId`}
            label="Customer id (optional)"
            error={errorOf('customerId')}
            hint="Whose account it is: their users may use it. Leave empty for one of the bank’s own accounts."
          >
            <input
              id={`${ids}-customerId`}
              name="customerId"
              type="text"
              autoComplete="off"
              maxLength={64}
              defaultValue={defaults.customerId}
              placeholder="e.g. ada-lovelace"
              aria-invalid={errorOf('customerId') ? true : undefined}
              aria-describedby={describedBy('customerId', true)}
            />
          </Field>
        )}

        <Field id={`${ids}-currency`} label="Currency" error={errorOf('currency')}>
          {/* Remounted after each submit: React applies a select's defaultValue only on mount, and resets the form after its action. */}
          <select
            key={state?.submission ?? 0}
            id={`${ids}-currency`}
            name="currency"
            required
            defaultValue={defaults.currency}
            onChange={(event) => setCurrency(event.target.value)}
            aria-invalid={errorOf('currency') ? true : undefined}
            aria-describedby={describedBy('currency', false)}
          >
            {(Object.keys(CURRENCIES) as Currency[]).map((code) => (
              <option key={code} value={code}>
                {code} · {CURRENCY_NAMES[code]}
              </option>
            ))}
          </select>
        </Field>

        <Field
          id={`${ids}-overdraftLimit`}
          label="Overdraft limit (optional)"
          error={errorOf('overdraftLimit')}
          hint={`How far below zero the balance may go, in ${currency}${exponent === 0 ? ' (whole units)' : ''}. Leave empty for none.`}
        >
          <div className={styles.affixed}>
            <input
              id={`${ids}-overdraftLimit`}
              name="overdraftLimit"
              type="text"
              inputMode={exponent === 0 ? 'numeric' : 'decimal'}
              autoComplete="off"
              defaultValue={defaults.overdraftLimit}
              placeholder={exponent === 0 ? '0' : '0.00'}
              aria-invalid={errorOf('overdraftLimit') ? true : undefined}
              aria-describedby={describedBy('overdraftLimit', true)}
            />
            <span className={styles.affix} aria-hidden="true">
              {currency}
            </span>
          </div>
        </Field>

        <div role="alert" className={problems.length > 0 ? styles.problems : undefined}>
          {problems.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>

        <div className={styles.actions}>
          <SubmitButton pendingLabel="Opening account…">Open account</SubmitButton>
        </div>

        <div role="status">
          {result?.ok ? (
            <div className={styles.success}>
              <p>
                <strong>Account opened</strong> for {state?.values.owner.trim()} in {state?.values.currency}.
              </p>
              <Link href={`/accounts/${result.result.accountId}`}>
                View account <code>{shortAccountId(result.result.accountId)}</code>
                <span aria-hidden="true"> →</span>
              </Link>
            </div>
          ) : null}
        </div>
      </form>
    </section>
  );
}
