'use client';

import { useState } from 'react';
import type { ForkEdit, ForkResult, ForkRow } from '@/lib/debugger/fork-schemas';
import { describeEdit } from '@/lib/debugger/fork-test-case';
import { formatCount } from './format';
import { currencyOf, showValue } from './state-diff';
import { downloadForkTestCase, useFork } from './use-fork';
import styles from './debugger.module.css';
import forkStyles from './what-if.module.css';

type Props = {
  streamId: string;
  edits: readonly ForkEdit[];
  version: number;
  head: number;
  breakpoint: string;
  goTo: (version: number) => void;
  onRemove: (index: number) => void;
  onDiscard: () => void;
};

type Leaf = { path: string; value: unknown };
const leaves = (value: unknown, prefix = ''): Leaf[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => leaves(inner, prefix ? `${prefix}.${key}` : key))
    : [{ path: prefix, value }];

const MARK_WORDS: Record<ForkRow['mark'], string> = { same: '', skipped: 'skipped', edited: 'edited', inserted: 'inserted', refused: 'refused' };

/** One timeline's state at the position, the fields that differ from the other timeline marked. */
function ForkState({ id, title, state, differing, currency }: { id: string; title: string; state: unknown; differing: ReadonlySet<string>; currency: ReturnType<typeof currencyOf> }) {
  return (
    <section className={styles.panel} aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <table className={styles.stateTable}>
        <tbody>
          {leaves(state).map(({ path, value }) => (
            <tr key={path} className={differing.has(path) ? styles.changed : undefined} data-path={path} data-value={JSON.stringify(value)} data-differs={differing.has(path) || undefined}>
              <th scope="row">{path}</th>
              <td>
                <span className={typeof value === 'number' && value < 0 ? styles.negative : undefined}>{showValue(path, value, currency)}</span>
                {differing.has(path) ? <span className={forkStyles.differs}>differs</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const hitWord = (count: number) => `${formatCount(count)} hit${count === 1 ? '' : 's'}`;

/** The fork beside the original: edits and their outcomes, both states at the position, the first divergence, the breakpoint's hits and the fork's timeline. */
export function ForkView({ streamId, edits, version, head, breakpoint, goTo, onRemove, onDiscard }: Props) {
  const fork = useFork(streamId, edits, version, breakpoint, head);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const result: ForkResult | undefined = fork.data;
  const currency = currencyOf(result?.original.state) ?? currencyOf(result?.fork.state);
  const differing = new Set(result?.differingPaths ?? []);

  const exportTestCase = async () => {
    setExportProblem(null);
    try {
      await downloadForkTestCase(streamId, edits, version);
    } catch (error) {
      setExportProblem(error instanceof Error ? error.message : 'Export failed');
    }
  };

  return (
    <div className={forkStyles.fork} data-testid="fork-view" aria-busy={fork.isFetching}>
      <div className={forkStyles.forkHeader}>
        <h3>
          The fork: {formatCount(edits.length)} edit{edits.length === 1 ? '' : 's'}
        </h3>
        <div className={forkStyles.actions}>
          <button type="button" onClick={() => void exportTestCase()} title="Given the fork's events, when each inserted command, then its outcome and the state: a vitest file">
            Export as test case
          </button>
          <button type="button" onClick={onDiscard}>
            Discard the fork
          </button>
        </div>
      </div>
      {exportProblem ? (
        <p role="alert" className={styles.error}>
          {exportProblem}
        </p>
      ) : null}
      <ol className={forkStyles.edits} aria-label="Edits of the fork">
        {edits.map((edit, index) => {
          const outcome = result?.edits[index];
          return (
            <li key={`${index}-${JSON.stringify(edit)}`} data-testid="fork-edit" data-outcome={outcome?.outcome}>
              <span className={outcome?.outcome === 'refused' ? styles.negative : undefined}>{describeEdit(edit, outcome)}</span>
              {outcome?.refusal ? <span className={styles.muted}> · {outcome.refusal.message}</span> : null}{' '}
              <button type="button" className={styles.chip} onClick={() => onRemove(index)} aria-label={`Remove edit ${index + 1}: ${describeEdit(edit, undefined)}`}>
                remove
              </button>
            </li>
          );
        })}
      </ol>
      {fork.isError ? (
        <p role="alert" className={styles.error}>
          The fork could not be made: {fork.error.message}
        </p>
      ) : null}
      {!result && fork.isPending ? (
        <p className={styles.muted} role="status">
          Folding the fork beside the original…
        </p>
      ) : null}
      {result ? (
        <>
          <p data-testid="fork-divergence" aria-live="polite">
            {result.divergence ? (
              <>
                <button type="button" onClick={() => goTo(result.divergence!.anchor)}>
                  First divergence at v{formatCount(result.divergence.anchor)}
                </button>{' '}
                <span className={styles.muted}>
                  (the fork&apos;s v{formatCount(result.divergence.forkVersion)}: {result.divergence.paths.join(', ')}){result.differsAtHead ? '' : '; the two agree again by the head'}
                </span>
              </>
            ) : (
              'The fork never differs from the original.'
            )}{' '}
            <span className={styles.muted}>
              Original {formatCount(result.head)} events, fork {formatCount(result.forkHead)} · {result.elapsedMs} ms · nothing written
            </span>
          </p>
          {result.breakpoint ? (
            <div data-testid="fork-breakpoint">
              <p>
                <code>{result.breakpoint.expression}</code>: original <span data-testid="fork-hits-original">{hitWord(result.breakpoint.original.hitCount)}</span>, fork{' '}
                <strong data-testid="fork-hits-fork">{hitWord(result.breakpoint.fork.hitCount)}</strong>
              </p>
              {result.breakpoint.fork.hits.length > 0 ? (
                <ol className={styles.hitList} aria-label="Breakpoint hits in the fork">
                  {result.breakpoint.fork.hits.slice(0, 50).map((hit) => (
                    <li key={hit.version}>
                      <button type="button" onClick={() => goTo(hit.anchor)} title={`The fork's v${hit.version}, at the original's v${hit.anchor}`}>
                        fork v{hit.version} {hit.type}
                        {hit.inserted ? ' (inserted)' : ''}
                      </button>
                    </li>
                  ))}
                </ol>
              ) : null}
            </div>
          ) : null}
          <div className={forkStyles.states}>
            <ForkState id="fork-state-original" title={`Original at v${formatCount(result.original.version)}`} state={result.original.state} differing={differing} currency={currency} />
            <ForkState id="fork-state-fork" title={`Fork at the same position (its v${formatCount(result.fork.version)})`} state={result.fork.state} differing={differing} currency={currency} />
          </div>
          <h4 className={forkStyles.timelineTitle}>The fork&apos;s timeline around v{formatCount(result.at)}</h4>
          <ol className={forkStyles.timeline} data-testid="fork-timeline" aria-label={`The fork's timeline around v${result.at}`}>
            {result.rows.map((row, index) => (
              <li key={`${row.anchor}-${row.forkVersion ?? 'x'}-${index}`} data-mark={row.mark} className={forkStyles[`mark_${row.mark}`]} aria-current={row.anchor === result.at && row.originalVersion !== null ? 'true' : undefined}>
                <button type="button" onClick={() => goTo(row.anchor)} title={`Go to the original's v${row.anchor}`}>
                  <span className={forkStyles.versions}>
                    {row.originalVersion !== null ? `v${row.originalVersion}` : `after v${row.anchor}`} → {row.forkVersion !== null ? `fork v${row.forkVersion}` : '—'}
                  </span>{' '}
                  <strong>{row.type}</strong>
                  {row.amount !== null ? ` ${showValue('amount', row.amount, currency)}` : ''}
                  {MARK_WORDS[row.mark] ? <span className={forkStyles.markWord}> {MARK_WORDS[row.mark]}</span> : null}
                  {row.refusal ? <span> ({row.refusal.code})</span> : null}
                </button>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
