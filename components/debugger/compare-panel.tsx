'use client';

import { useSearchParams } from 'next/navigation';
import { memo, useState, type FormEvent } from 'react';
import { MAX_EVENTS_BETWEEN, useEventsBetween, useStateView } from './debugger-queries';
import { writeUrl } from './debugger-url';
import { formatCount, formatUtc } from './format';
import { currencyOf, diffStates, showValue } from './state-diff';
import styles from './debugger.module.css';

const parsePair = (raw: string | null): [number, number] | null => {
  const match = raw ? /^(\d{1,15})-(\d{1,15})$/.exec(raw) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
};

type Props = { streamId: string; version: number; head: number; hits: readonly number[]; goTo: (version: number) => void };

/**
 * Any two versions side by side (`?cmp=A-B` in the URL): what differs in the state, as a tree, money
 * in the stream's currency, and the events that made the difference.
 */
export const ComparePanel = memo(function ComparePanel({ streamId, version, head, hits, goTo }: Props) {
  const pair = parsePair(useSearchParams().get('cmp'));
  const [a, b] = pair ? [Math.min(pair[0], pair[1], head), Math.min(Math.max(pair[0], pair[1]), head)] : [null, null];
  const [draftA, setDraftA] = useState(String(Math.max(0, version - 1)));
  const [draftB, setDraftB] = useState(String(version));
  const [problem, setProblem] = useState<string | null>(null);
  const stateA = useStateView(streamId, a);
  const stateB = useStateView(streamId, b);
  const between = useEventsBetween(streamId, a, b);

  const compare = (first: number, second: number) => {
    setProblem(null);
    setDraftA(String(first));
    setDraftB(String(second));
    writeUrl({ cmp: `${first}-${second}` }, 'replace');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const [first, second] = [draftA, draftB].map((text) => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : NaN));
    if (!Number.isInteger(first) || !Number.isInteger(second) || first! > head || second! > head) {
      setProblem(`Versions are whole numbers from 0 to ${formatCount(head)}.`);
      return;
    }
    compare(first!, second!);
  };
  const hit = hits.find((candidate) => candidate > version) ?? hits[0];
  const currency = currencyOf(stateB.data?.state) ?? currencyOf(stateA.data?.state);
  const rows = stateA.data && stateB.data ? diffStates(stateA.data.state, stateB.data.state) : null;
  const events = between.data?.events ?? [];

  return (
    <section className={styles.panel} aria-labelledby="compare-title" data-testid="compare-panel">
      <h2 id="compare-title">Compare two versions</h2>
      <form onSubmit={submit} className={styles.breakpointForm}>
        <label>
          <span>A</span>
          <input value={draftA} onChange={(event) => setDraftA(event.target.value)} inputMode="numeric" aria-label="Version A" className={styles.mono} size={7} />
        </label>
        <label>
          <span>B</span>
          <input value={draftB} onChange={(event) => setDraftB(event.target.value)} inputMode="numeric" aria-label="Version B" className={styles.mono} size={7} />
        </label>
        <button type="submit">Compare</button>
        <button type="button" className={styles.chip} onClick={() => compare(Math.max(0, version - 1), version)}>
          this vs previous
        </button>
        {hit !== undefined && hit !== version ? (
          <button type="button" className={styles.chip} onClick={() => compare(version, hit)}>
            this vs the hit (v{hit})
          </button>
        ) : null}
        {pair ? (
          <button type="button" className={styles.chip} onClick={() => writeUrl({ cmp: null }, 'replace')}>
            close
          </button>
        ) : null}
      </form>
      {problem ? (
        <p role="alert" className={styles.error}>
          {problem}
        </p>
      ) : null}
      {a !== null && b !== null ? (
        <div data-testid="compare-result" aria-live="polite">
          <p className={styles.muted}>
            v{formatCount(a)} → v{formatCount(b)}: {formatCount(b - a)} {b - a === 1 ? 'event' : 'events'} between
            {currency ? `, amounts in ${currency}` : ''}.
          </p>
          {stateA.isError || stateB.isError ? <p role="alert">{(stateA.error ?? stateB.error)?.message}</p> : null}
          {rows === null ? (
            <p className={styles.muted}>Replaying both versions…</p>
          ) : rows.length === 0 ? (
            <p data-testid="compare-same">The state is the same at both versions.</p>
          ) : (
            <table className={styles.stateTable} data-testid="compare-diff">
              <caption className={styles.visuallyHidden}>Fields that differ between v{a} and v{b}</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">v{formatCount(a)}</th>
                  <th scope="col">v{formatCount(b)}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.path} data-change={row.change}>
                    <th scope="row" style={{ paddingInlineStart: `${row.depth * 1.25}rem` }}>
                      {row.path}
                    </th>
                    <td>{row.change === 'added' ? '(absent)' : showValue(row.path, row.before, currency)}</td>
                    <td>{row.change === 'removed' ? '(absent)' : showValue(row.path, row.after, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {events.length > 0 ? (
            <ol className={styles.hitList} data-testid="compare-events" aria-label={`Events between v${a} and v${b}`}>
              {events.map((event) => (
                <li key={event.streamVersion}>
                  <button type="button" onClick={() => goTo(event.streamVersion)} title={formatUtc(event.recordedAt)}>
                    v{event.streamVersion} {event.type}
                    {typeof event.data.amount === 'number' ? ` ${showValue('amount', event.data.amount, currency)}` : ''}
                  </button>
                </li>
              ))}
              {b - a > events.length ? <li className={styles.muted}>and {formatCount(b - a - MAX_EVENTS_BETWEEN)} more</li> : null}
            </ol>
          ) : null}
        </div>
      ) : null}
    </section>
  );
});
