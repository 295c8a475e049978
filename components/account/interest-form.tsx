'use client';

import { useId, useState } from 'react';
import { applyInterest } from '@/lib/server/actions/account-actions';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { interestFor } from '@/lib/domain/account/interest';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { useInterestEvent, useRecentMovements } from './use-account-data';
import { describedBy, FormAlert, FormSuccess } from './form-parts';
import { basisPointsAsPercent, formatDate, moneyText, utcDay } from './format';
import { fieldError, useAccountAction } from './use-account-action';
import styles from './account.module.css';

const FIELDS = ['rateBasisPoints', 'periodStart', 'periodEnd'] as const;
const DEFAULT_RATE_BP = 225;
const DAY_MS = 86_400_000;

/**
 * Where the next interest period starts: the end of the last one paid (read
 * from its event), else the opening day when the whole history is known to
 * hold none, else the first of this month.
 */
const useInterestDefaults = (account: AccountSummaryView) => {
  const movements = useRecentMovements(account.accountId);
  const lastInterest = movements.data?.items.find((item) => item.kind === 'interest');
  const event = useInterestEvent(account.accountId, lastInterest?.version);
  const [today] = useState(() => utcDay(new Date()));

  const paidThrough = event.data?.periodEnd ?? null;
  const start = paidThrough
    ? paidThrough.slice(0, 10)
    : movements.data?.complete && !lastInterest
      ? account.openedAt.slice(0, 10)
      : `${today.slice(0, 8)}01`;
  const end = today > start ? today : utcDay(new Date(Date.parse(start) + DAY_MS));
  return { start, end, rate: String(event.data?.rateBasisPoints ?? DEFAULT_RATE_BP), paidThrough, upToDate: start >= today };
};

const estimate = (account: AccountSummaryView, rate: string, start: string, end: string): string | null => {
  if (!/^\d{1,5}$/.test(rate) || !/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return null;
  const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
  if (!(days > 0)) return null;
  if (account.balance <= 0) return 'No interest is paid while the balance is at or below zero.';
  const amount = interestFor(account.balance, Number(rate), `${start}T00:00:00Z`, `${end}T00:00:00Z`);
  return `About ${moneyText(amount, account.currency)} for ${days} day${days === 1 ? '' : 's'} on today’s balance.`;
};

/** Simple interest for a period, at an annual rate in basis points (what the form parser takes). */
export function InterestForm({ account }: { account: AccountSummaryView }) {
  const id = useId();
  const defaults = useInterestDefaults(account);
  // Null until edited: the defaults arrive with the history and move on after each payment.
  const [rate, setRate] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const [end, setEnd] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const { state, formAction, commandId, formRef } = useAccountAction(applyInterest, account.accountId, {
    onSuccess: (formData) => {
      setSuccess(`Interest paid for ${formatDate(String(formData.get('periodStart')))} to ${formatDate(String(formData.get('periodEnd')))}.`);
      setRate(null);
      setStart(null);
      setEnd(null);
    },
  });

  const values = { rate: rate ?? defaults.rate, start: start ?? defaults.start, end: end ?? defaults.end };
  const rateError = fieldError(state, 'rateBasisPoints');
  const startError = fieldError(state, 'periodStart');
  const endError = fieldError(state, 'periodEnd');
  const percent = /^\d{1,5}$/.test(values.rate) ? `${values.rate} bp is ${basisPointsAsPercent(Number(values.rate))} % a year.` : '100 bp is 1 % a year.';
  const preview = estimate(account, values.rate, values.start, values.end);

  return (
    <form ref={formRef} action={formAction} noValidate className={styles.form} data-testid="interest-form">
      <input type="hidden" name="accountId" value={account.accountId} />
      <input type="hidden" name="commandId" value={commandId} />

      <Field id={`${id}-rate`} label="Annual rate (basis points)" error={rateError} hint={percent}>
        <div className={`${styles.amountInput}${rateError ? ` ${styles.invalid}` : ''}`}>
          <input
            id={`${id}-rate`}
            name="rateBasisPoints"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            required
            value={values.rate}
            onChange={(event) => setRate(event.target.value)}
            {...describedBy(`${id}-rate`, rateError, percent)}
          />
          <span className={styles.unit} aria-hidden="true">
            bp
          </span>
        </div>
      </Field>

      <div className={styles.fieldRow}>
        <Field id={`${id}-start`} label="From" error={startError}>
          <input
            id={`${id}-start`}
            name="periodStart"
            type="date"
            required
            value={values.start}
            onChange={(event) => setStart(event.target.value)}
            {...describedBy(`${id}-start`, startError)}
          />
        </Field>
        <Field id={`${id}-end`} label="To" error={endError}>
          <input
            id={`${id}-end`}
            name="periodEnd"
            type="date"
            required
            value={values.end}
            onChange={(event) => setEnd(event.target.value)}
            {...describedBy(`${id}-end`, endError)}
          />
        </Field>
      </div>
      <p className={styles.formNote}>
        {defaults.paidThrough ? `Interest is paid up to ${formatDate(defaults.paidThrough)}${defaults.upToDate ? ': nothing is due yet' : ''}. ` : null}
        {preview}
      </p>

      <FormAlert state={state} account={account} attempt={{ interestPaidThrough: defaults.paidThrough }} fields={FIELDS} />

      <div className={styles.formActions}>
        <SubmitButton pendingLabel="Paying interest…">Pay interest</SubmitButton>
        <FormSuccess state={state} message={success} />
      </div>
    </form>
  );
}
