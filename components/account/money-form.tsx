'use client';

import { useId, useState } from 'react';
import { deposit, withdraw } from '@/lib/server/actions/account-actions';
import { Field } from '@/components/ui/field';
import { SubmitButton } from '@/components/ui/submit-button';
import { CURRENCIES } from '@/lib/domain/account/money';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { parseDecimalToMinor } from '@/lib/domain/account/decimal-amount';
import type { Attempt } from './action-messages';
import { describedBy, FormAlert, FormSuccess } from './form-parts';
import { availableToWithdraw, isCurrency, moneyText } from './format';
import { fieldError, useAccountAction } from './use-account-action';
import styles from './account.module.css';

const FIELDS = ['amount', 'currency', 'description'] as const;

const COPY = {
  deposit: { action: deposit, submit: 'Deposit', pending: 'Depositing…', done: 'deposited', placeholder: 'e.g. Salary, refund' },
  withdraw: { action: withdraw, submit: 'Withdraw', pending: 'Withdrawing…', done: 'withdrawn', placeholder: 'e.g. Rent, groceries' },
} as const;

/** What was asked for, in minor units, when the typed amount is readable: only for messages, the server parses its own. */
const attemptOf = (formData: FormData): Attempt => {
  const currency = String(formData.get('currency') ?? '');
  const amount = isCurrency(currency) ? parseDecimalToMinor(String(formData.get('amount') ?? ''), CURRENCIES[currency]) : null;
  return { currency, amount: amount?.ok ? amount.value : undefined };
};

/** Deposit or withdraw: an amount in major units with its currency, and an optional description. */
export function MoneyForm({ kind, account }: { kind: 'deposit' | 'withdraw'; account: AccountSummaryView }) {
  const copy = COPY[kind];
  const id = useId();
  const [amount, setAmount] = useState('');
  const currency = account.currency;
  const [description, setDescription] = useState('');
  const [attempt, setAttempt] = useState<Attempt>({});
  const [success, setSuccess] = useState<string | null>(null);

  const { state, formAction, commandId, formRef } = useAccountAction(copy.action, account.accountId, {
    onSubmit: (formData) => setAttempt(attemptOf(formData)),
    onSuccess: (formData, { result }) => {
      const done = attemptOf(formData);
      const what = done.amount === undefined ? `The ${kind}` : moneyText(done.amount, account.currency);
      setSuccess(`${what} ${copy.done}.${result.duplicate ? ' (It had already gone through: the repeat was not applied twice.)' : ''}`);
      setAmount('');
      setDescription('');
    },
  });

  const amountError = fieldError(state, 'amount');
  const currencyError = fieldError(state, 'currency');
  const descriptionError = fieldError(state, 'description');
  const exponent = isCurrency(currency) ? CURRENCIES[currency] : 2;
  const example = exponent === 0 ? '2500' : `25.${'0'.repeat(exponent)}`;
  const hint =
    kind === 'withdraw'
      ? `Up to ${moneyText(availableToWithdraw(account), account.currency)} available${account.overdraftLimit > 0 ? ', overdraft included' : ''}.`
      : `In ${currency}, for example ${example}.`;

  return (
    <form ref={formRef} action={formAction} noValidate className={styles.form} data-testid={`${kind}-form`}>
      <input type="hidden" name="accountId" value={account.accountId} />
      <input type="hidden" name="commandId" value={commandId} />

      <Field id={`${id}-amount`} label="Amount" error={amountError ?? currencyError} hint={hint}>
        <div className={`${styles.amountInput}${amountError || currencyError ? ` ${styles.invalid}` : ''}`}>
          <input
            id={`${id}-amount`}
            name="amount"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            required
            placeholder={example}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            {...describedBy(`${id}-amount`, amountError ?? currencyError, hint)}
          />
          {/* An account holds one currency: money in any other would be refused, so none is offered. */}
          <input type="hidden" name="currency" value={account.currency} />
          <span className={styles.unit} data-testid="amount-currency">
            {account.currency}
          </span>
        </div>
      </Field>

      <Field id={`${id}-description`} label="Description (optional)" error={descriptionError}>
        <input
          id={`${id}-description`}
          name="description"
          type="text"
          maxLength={140}
          autoComplete="off"
          placeholder={copy.placeholder}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          {...describedBy(`${id}-description`, descriptionError)}
        />
      </Field>

      <FormAlert state={state} account={account} attempt={attempt} fields={FIELDS} />

      <div className={styles.formActions}>
        <SubmitButton pendingLabel={copy.pending}>{copy.submit}</SubmitButton>
        <FormSuccess state={state} message={success} />
      </div>
    </form>
  );
}
