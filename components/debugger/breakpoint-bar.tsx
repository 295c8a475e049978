'use client';

import { useState, type FormEvent } from 'react';
import type { BreakpointResult } from '@/lib/debugger/types';
import { useDebuggerStore } from './debugger-store';
import { formatCount, formatUtc } from './format';
import styles from './debugger.module.css';

const PRESETS = ['balance < 0', 'status == "closed"', 'balance < -overdraftLimit'];
const SHOWN_HITS = 50;

type Props = {
  version: number;
  result: BreakpointResult | undefined;
  error: Error | null;
  loading: boolean;
  goTo: (version: number) => void;
  onRun: (expression: string, jump: boolean) => void;
};

export const nextHit = (hits: readonly number[], version: number) => hits.find((hit) => hit > version);
export const previousHit = (hits: readonly number[], version: number) => hits.findLast((hit) => hit < version);

/** A condition on the state; every version where it becomes true, run to next / previous (N / P). */
export function BreakpointBar({ version, result, error, loading, goTo, onRun }: Props) {
  const active = useDebuggerStore((state) => state.breakpoint);
  const [text, setText] = useState(active || 'balance < 0');
  const hits = result?.hits.map((hit) => hit.version) ?? [];
  const next = nextHit(hits, version);
  const previous = previousHit(hits, version);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onRun(text.trim(), false);
  };

  return (
    <section className={styles.breakpoints} aria-labelledby="breakpoints-title" data-testid="breakpoint-bar">
      <h2 id="breakpoints-title" className={styles.visuallyHidden}>
        Breakpoint
      </h2>
      <form onSubmit={submit} className={styles.breakpointForm}>
        <label>
          <span>Break when</span>
          <input value={text} onChange={(event) => setText(event.target.value)} aria-label="Breakpoint condition" spellCheck={false} className={styles.mono} />
        </label>
        <button type="submit">Find hits</button>
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className={styles.chip}
            onClick={() => {
              setText(preset);
              onRun(preset, true);
            }}
          >
            {preset}
          </button>
        ))}
      </form>
      <div className={styles.hitBar} aria-live="polite">
        {error ? (
          <span role="alert" className={styles.error}>
            {error.message}
          </span>
        ) : loading ? (
          <span className={styles.muted}>Replaying the stream…</span>
        ) : result ? (
          <>
            <strong data-testid="hit-count">
              {formatCount(result.hitCount)} {result.hitCount === 1 ? 'hit' : 'hits'}
            </strong>
            <span className={styles.muted}>
              for <code>{result.expression}</code> in {formatCount(result.head)} events ({result.elapsedMs} ms)
            </span>
            <button type="button" disabled={previous === undefined} onClick={() => previous !== undefined && goTo(previous)} title="Previous hit (P)">
              ◀ previous
            </button>
            <button type="button" disabled={next === undefined} onClick={() => next !== undefined && goTo(next)} title="Next hit (N)">
              next ▶
            </button>
            <ol className={styles.hitList}>
              {result.hits.slice(0, SHOWN_HITS).map((hit) => (
                <li key={hit.version}>
                  <button type="button" aria-current={hit.version === version || undefined} onClick={() => goTo(hit.version)} title={formatUtc(hit.recordedAt)}>
                    v{hit.version} {hit.type}
                  </button>
                </li>
              ))}
              {result.hits.length > SHOWN_HITS ? <li className={styles.muted}>and {formatCount(result.hitCount - SHOWN_HITS)} more</li> : null}
            </ol>
          </>
        ) : (
          <span className={styles.muted}>No breakpoint set. Try one of the conditions above.</span>
        )}
      </div>
    </section>
  );
}
