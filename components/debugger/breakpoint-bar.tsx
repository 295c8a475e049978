'use client';

import { memo, useState, type FormEvent } from 'react';
import type { BreakpointResult } from '@/lib/debugger/types';
import { useDebuggerStore } from './debugger-store';
import { formatCount, formatUtc } from './format';
import { expressionProblem, type HitDirection } from './hit-navigation';
import { useVocabulary } from './vocabulary';
import styles from './debugger.module.css';

const SHOWN_HITS = 50;

type Props = {
  version: number;
  result: BreakpointResult | undefined;
  error: Error | null;
  loading: boolean;
  /** Why N / P / Find did not move, or that it wrapped around. */
  notice: string | null;
  goTo: (version: number) => void;
  onLand: (direction: HitDirection) => void;
  onRun: (expression: string) => void;
};

export const nextHit = (hits: readonly number[], version: number) => hits.find((hit) => hit > version);
export const previousHit = (hits: readonly number[], version: number) => hits.findLast((hit) => hit < version);

/**
 * A condition on the state (and `event.…`); every version where it becomes true. Find and the
 * presets go to the first hit after the position; next / previous (N / P) wrap around.
 */
export const BreakpointBar = memo(function BreakpointBar({ version, result, error, loading, notice, goTo, onLand, onRun }: Props) {
  const active = useDebuggerStore((state) => state.breakpoint);
  const { presets } = useVocabulary();
  const [text, setText] = useState(active || presets[0]?.expression || '');
  const [problem, setProblem] = useState<string | null>(null);

  const run = (expression: string) => {
    const found = expressionProblem(expression);
    setProblem(found);
    if (!found) onRun(expression.trim());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(text);
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
        {presets.map((preset) => (
          <button
            key={preset.expression}
            type="button"
            className={styles.chip}
            onClick={() => {
              setText(preset.expression);
              run(preset.expression);
            }}
          >
            {preset.label}
          </button>
        ))}
      </form>
      <div className={styles.hitBar} aria-live="polite">
        {problem || error ? (
          <span role="alert" className={styles.error} data-testid="breakpoint-error">
            {problem ?? error?.message}
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
            <button type="button" onClick={() => onLand('previous')} title="Previous hit (P), wrapping around">
              ◀ previous
            </button>
            <button type="button" onClick={() => onLand('next')} title="Next hit (N), wrapping around">
              next ▶
            </button>
            {notice ? (
              <span className={styles.muted} data-testid="hit-notice">
                {notice}
              </span>
            ) : null}
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
        ) : notice ? (
          <span className={styles.muted} data-testid="hit-notice">
            {notice}
          </span>
        ) : (
          <span className={styles.muted}>No breakpoint set. Try one of the conditions above.</span>
        )}
      </div>
    </section>
  );
});
