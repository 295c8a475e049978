'use client';

import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import styles from './audit.module.css';

export const FILTER_KEYS = ['actor', 'type', 'from', 'to', 'correlationId', 'streamId', 'category'] as const;
export type FilterValues = Record<(typeof FILTER_KEYS)[number], string>;

const EVENT_TYPES = ['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'InterestApplied', 'AccountClosed'];

const LABELS: Record<(typeof FILTER_KEYS)[number], { label: string; hint?: string; placeholder?: string }> = {
  actor: { label: 'Actor', hint: 'A user (ann) or an actor (teller:ann)', placeholder: 'ann' },
  type: { label: 'Event types', hint: 'Comma-separated, any case', placeholder: 'MoneyWithdrawn,AccountClosed' },
  from: { label: 'From (UTC)', hint: 'Recorded at or after' },
  to: { label: 'To (UTC)', hint: 'Recorded before' },
  correlationId: { label: 'Correlation id' },
  streamId: { label: 'Stream', placeholder: 'account-…' },
  category: { label: 'Category', placeholder: 'account' },
};

/** `datetime-local` speaks local wall time without a zone; the API reads a zone-less time as UTC, as the labels say. */
const isTime = (key: string) => key === 'from' || key === 'to';

export function TrailFilters({ initial, onApply }: { initial: FilterValues; onApply: (values: FilterValues) => void }) {
  const [values, setValues] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  const clear = () => {
    const empty = Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as FilterValues;
    setValues(empty);
    onApply(empty);
  };
  return (
    <section className="card" aria-labelledby="trail-filters-title">
      <h2 id="trail-filters-title">Filter the trail</h2>
      <form onSubmit={submit} className={styles.filters} data-testid="trail-filters">
        {FILTER_KEYS.map((key) => (
          <Field key={key} id={`filter-${key}`} label={LABELS[key].label} hint={LABELS[key].hint}>
            <input
              id={`filter-${key}`}
              name={key}
              type={isTime(key) ? 'datetime-local' : 'text'}
              step={isTime(key) ? 1 : undefined}
              list={key === 'type' ? 'event-types' : undefined}
              placeholder={LABELS[key].placeholder}
              value={isTime(key) ? values[key].replace(/Z$/, '').slice(0, 19) : values[key]}
              aria-describedby={LABELS[key].hint ? `filter-${key}-hint` : undefined}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            />
          </Field>
        ))}
        <datalist id="event-types">
          {EVENT_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <div className={styles.filterActions}>
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            Clear
          </button>
        </div>
      </form>
    </section>
  );
}
