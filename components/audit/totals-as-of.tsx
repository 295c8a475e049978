'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { BankTotalsAt } from '@/lib/audit/bank-totals-at';
import { getJson } from '@/lib/client/api-client';
import { Field } from '@/components/ui/field';
import { Money } from '@/components/ui/money';
import styles from './audit.module.css';

/** The bank's totals as the books stood at a chosen moment, folded from the events by the server. */
export function TotalsAsOf() {
  const [input, setInput] = useState('');
  const [at, setAt] = useState<string | null>(null);
  const totals = useQuery({
    queryKey: ['audit', 'totals', at],
    queryFn: () => getJson<BankTotalsAt>(`/api/bank/totals?at=${encodeURIComponent(at!)}`),
    enabled: at !== null,
    staleTime: Infinity,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input) setAt(input.length === 16 ? `${input}:00` : input);
  };
  return (
    <section className="card" aria-labelledby="totals-as-of-title" data-testid="totals-as-of">
      <h2 id="totals-as-of-title">The books as of a moment</h2>
      <form onSubmit={submit} className={styles.filters}>
        <Field id="totals-at" label="As of (UTC)">
          <input id="totals-at" type="datetime-local" step={1} value={input} onChange={(event) => setInput(event.target.value)} required />
        </Field>
        <div className={styles.filterActions}>
          <button type="submit" className="button">
            Show totals
          </button>
        </div>
      </form>
      {totals.isError ? (
        <p className={styles.problem} role="alert">
          {totals.error.message}
        </p>
      ) : null}
      {totals.isFetching ? <p role="status">Replaying the events recorded by then…</p> : null}
      {totals.data && !totals.isFetching ? (
        <>
          <p>
            {totals.data.accountsByStatus.open} open and {totals.data.accountsByStatus.closed} closed accounts, from {totals.data.eventsFolded.toLocaleString('en')} events
            up to position {totals.data.position.toLocaleString('en')}.
          </p>
          {totals.data.totalsByCurrency.length > 0 ? (
            <table className={styles.table}>
              <caption className="visually-hidden">Balances by currency as of the chosen moment</caption>
              <thead>
                <tr>
                  <th scope="col">Currency</th>
                  <th scope="col" className={styles.num}>
                    Accounts
                  </th>
                  <th scope="col" className={styles.num}>
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {totals.data.totalsByCurrency.map((total) => (
                  <tr key={total.currency}>
                    <td>{total.currency}</td>
                    <td className={styles.num}>{total.accounts}</td>
                    <td className={styles.num}>
                      <Money amount={total.balance} currency={total.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No account had been opened by then.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
