'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { BlameChange } from '@/lib/debugger/blame-schemas';
import type { Currency } from '@/lib/domain/account/money';
import { formatCount, formatUtc } from './format';
import { ShownValue } from './shown-value';
import styles from './debugger.module.css';
import blameStyles from './blame-panel.module.css';

/** What a stream's blame and a projection document's blame both answer: the value now and every event that changed it, oldest first. */
type BlameAnswer = { value: unknown; total: number; truncated: boolean; elapsedMs: number; changes: BlameChange[] };

/** The panel's element ids and test ids: each blame keeps its own, so pages and tests tell them apart. */
export type BlameViewIds = { panel: string; title: string; summary: string; change: string };

/**
 * A blame answer as a panel: the value and how many events changed it, then those events newest
 * first, each with a button that moves the page to it. Which answer, and where a change leads,
 * are the caller's: a stream's versions or a document's steps.
 */
export function BlameView<Answer extends BlameAnswer>({
  ids,
  path,
  at,
  pending,
  blame,
  currency,
  note,
  jump,
  where,
  onClose,
}: {
  ids: BlameViewIds;
  path: string;
  /** After the path in the heading, e.g. " at v12". */
  at?: ReactNode;
  /** Shown while the answer is computed. */
  pending: string;
  blame: UseQueryResult<Answer>;
  /** Money fields show in it; null: values as JSON. */
  currency: Currency | null;
  /** Added to the summary line, e.g. that the history was longer than one request reads. */
  note?: (answer: Answer) => string;
  jump: (change: Answer['changes'][number]) => { label: string; title: string; onClick: () => void };
  /** Leads the change's details line, e.g. its stream when changes come from several. */
  where?: (change: Answer['changes'][number]) => string;
  onClose: () => void;
}) {
  const changes = blame.data ? [...blame.data.changes].reverse() : [];
  return (
    <section className={`${styles.panel} ${blameStyles.blame}`} aria-labelledby={ids.title} data-testid={ids.panel}>
      <h2 id={ids.title}>
        Blame <code>{path}</code>
        {at}{' '}
        <button type="button" className={blameStyles.close} onClick={onClose} aria-label="Close blame">
          ×
        </button>
      </h2>
      {blame.isError ? <p role="alert">Could not blame this field: {blame.error.message}</p> : null}
      {blame.isPending ? <p className={styles.muted}>{pending}</p> : null}
      {blame.data ? (
        <>
          <p className={styles.muted} data-testid={ids.summary}>
            <ShownValue path={path} value={blame.data.value} currency={currency} /> after {formatCount(blame.data.total)} change{blame.data.total === 1 ? '' : 's'}
            {blame.data.truncated ? ` (newest ${formatCount(blame.data.changes.length)} listed)` : ''}
            {note?.(blame.data) ?? ''} · {blame.data.elapsedMs} ms
          </p>
          <ol className={blameStyles.changes}>
            {changes.map((change) => {
              const target = jump(change);
              return (
                // A document's changes may come from several streams: the global position tells every event apart.
                <li key={`${change.globalPosition}`} data-testid={ids.change}>
                  <button type="button" className={blameStyles.position} onClick={target.onClick} title={target.title}>
                    {target.label}
                  </button>{' '}
                  <strong>{change.type}</strong> <ShownValue path={path} value={change.before} currency={currency} /> →{' '}
                  <ShownValue path={path} value={change.after} currency={currency} />
                  <div className={styles.muted}>
                    {where ? `${where(change)} · ` : ''}
                    {change.command ?? 'no command recorded'} · {change.actor} · {formatUtc(change.recordedAt)} · correlation {change.correlationId} · position{' '}
                    {formatCount(change.globalPosition)}
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </section>
  );
}
