'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { newCommandId } from '@/components/overview/new-command-id';
import { ApiError, getJson } from '@/lib/client/api-client';
import { parseMoney } from '@/lib/domain/account/decimal-amount';
import { CURRENCIES, type Currency } from '@/lib/domain/account/money';
import type { AccountSummaryView } from '@/lib/views/account-summary/types';
import { availableToWithdraw, moneyText } from '@/components/account/format';
import { useDestinations, type TransferAccepted } from './transfer-queries';
import styles from './transfer.module.css';

type Errors = Partial<Record<'to' | 'amount' | 'description' | 'form', string>>;

const post = async (body: unknown, commandId: string): Promise<TransferAccepted> => {
  const response = await fetch('/api/transfers', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': commandId },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as (TransferAccepted & { error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> } }) | null;
  if (!response.ok) {
    const error = new ApiError(response.status, json?.error?.code ?? 'http_error', json?.error?.message ?? `Request failed (${response.status})`);
    throw Object.assign(error, { issues: json?.error?.issues ?? [] });
  }
  return json as TransferAccepted;
};

/**
 * Why this payee cannot be paid, asked of the store before anything is sent (so an unknown account
 * never costs a debit and a refund), or null. Reads the payee's first event: a 404 means no such
 * account; another customer's account answers 403, and the bank checks it when the money moves.
 */
const payeeProblem = async (payee: string, currency: string): Promise<string | null> => {
  try {
    const { events } = await getJson<{ events: Array<{ data: { currency?: unknown } }> }>(`/api/streams/${encodeURIComponent(`account-${payee}`)}/events?limit=1`);
    const held = events[0]?.data.currency;
    return typeof held === 'string' && held !== currency ? `That account holds ${held}; this one sends ${currency}` : null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return `No account ${payee} exists: check the id`;
    if (error instanceof ApiError && error.status === 400) return 'An account id is letters, digits, _ or -';
    return null;
  }
};

/** Send money from this account to another; the transfer's own page then follows it to the end. */
export function TransferForm({ account }: { account: AccountSummaryView }) {
  const id = useId();
  const router = useRouter();
  const destinations = useDestinations();
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [commandId, setCommandId] = useState(newCommandId);
  const currency = account.currency as Currency;
  const exponent = CURRENCIES[currency] ?? 2;
  const example = exponent === 0 ? '2500' : `25.${'0'.repeat(exponent)}`;
  const available = availableToWithdraw(account);
  const options = (destinations.data?.items ?? []).filter((a) => a.accountId !== account.accountId && a.currency === account.currency);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const found: Errors = {};
    const destination = to.trim();
    if (!destination) found.to = 'Enter the account to send to';
    else if (destination === account.accountId) found.to = 'Choose a different account from this one';
    const parsed = parseMoney(amount, currency);
    if (!parsed.ok) found.amount = amount.trim() ? parsed.message : 'Enter an amount';
    else if (parsed.value <= 0) found.amount = 'The amount must be greater than zero';
    else if (parsed.value > available) found.amount = `That is more than the ${moneyText(available, account.currency)} available`;
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.ok) return;
    setPending(true);
    const known = options.some((option) => option.accountId === destination);
    const problem = known ? null : await payeeProblem(destination, account.currency);
    if (problem) {
      setErrors({ to: problem });
      setPending(false);
      return;
    }
    try {
      const accepted = await post(
        { from: account.accountId, to: destination, amount: parsed.value, currency, ...(description.trim() ? { description: description.trim() } : {}) },
        commandId,
      );
      setCommandId(newCommandId());
      router.push(accepted.links.page);
    } catch (error) {
      const issues = (error as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
      const byField: Errors = {};
      for (const issue of issues) if (issue.path === 'to' || issue.path === 'amount' || issue.path === 'description') byField[issue.path] ??= issue.message;
      setErrors(Object.keys(byField).length > 0 ? byField : { form: error instanceof Error ? error.message : 'The transfer could not be sent' });
      setPending(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid="transfer-form">
      <Field id={`${id}-to`} label="To account" error={errors.to} hint="An account id; suggestions are open accounts in the same currency.">
        <input
          id={`${id}-to`}
          name="to"
          type="text"
          list={`${id}-destinations`}
          autoComplete="off"
          spellCheck={false}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          aria-invalid={errors.to ? true : undefined}
          aria-describedby={errors.to ? `${id}-to-error` : `${id}-to-hint`}
        />
      </Field>
      <datalist id={`${id}-destinations`}>
        {options.map((option) => (
          <option key={option.accountId} value={option.accountId} label={option.owner} />
        ))}
      </datalist>
      <Field
        id={`${id}-amount`}
        label={`Amount (${currency})`}
        error={errors.amount}
        hint={`Up to ${moneyText(available, account.currency)} available.`}
      >
        <input
          id={`${id}-amount`}
          name="amount"
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={example}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={errors.amount ? `${id}-amount-error` : `${id}-amount-hint`}
        />
      </Field>
      <Field id={`${id}-description`} label="Reference (optional)" error={errors.description}>
        <input
          id={`${id}-description`}
          name="description"
          type="text"
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Rent for March"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </Field>
      {errors.form ? (
        <p className={styles.alert} role="alert">
          {errors.form}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button primary" aria-disabled={pending} aria-busy={pending}>
          {pending ? 'Sending…' : 'Send transfer'}
        </button>
      </div>
    </form>
  );
}
