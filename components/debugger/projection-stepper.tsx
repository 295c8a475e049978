'use client';

import Link from 'next/link';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError, getJson } from '@/lib/client/api-client';
import type { ProjectionSteps } from '@/lib/debugger/projection-steps-schemas';
import { writeUrl } from './debugger-url';
import { formatCount, formatUtc } from './format';
import { ProjectionBlamePanel } from './projection-blame-panel';
import { ShownValue } from './shown-value';
import { currencyOf, diffStates } from './state-diff';
import { StatePanel } from './state-panel';
import styles from './debugger.module.css';
import stepperStyles from './projection-stepper.module.css';

const PAGE = 100;

const stepsQuery = (name: string, id: string, page: number) => ({
  queryKey: ['projection-document', name, id, 'steps', page],
  queryFn: () => getJson<ProjectionSteps>(`/api/projections/${encodeURIComponent(name)}/documents/${encodeURIComponent(id)}/steps?from=${page * PAGE}&limit=${PAGE}`),
  staleTime: 10_000,
});

const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) && !(target instanceof HTMLInputElement && target.type === 'range');

/**
 * A projection's document scrubbed like an aggregate: each event that touched it, the document
 * before and after, and the time the apply took. The step is in `?step=` (1-based), so a reload
 * or a shared link opens the same place; ←/→ step, Shift ten, Home/End.
 */
export function ProjectionStepper({ name, id }: { name: string; id: string }) {
  const searchParams = useSearchParams();
  const fromUrl = Number(searchParams.get('step') ?? '1');
  const [wanted, setStep] = useState(Number.isInteger(fromUrl) && fromUrl >= 1 ? fromUrl - 1 : 0);
  const [blamePath, setBlamePath] = useState<string | null>(null);
  const asked = useQuery({ ...stepsQuery(name, id, Math.floor(wanted / PAGE)), placeholderData: keepPreviousData });
  // A step beyond the last (an old link) shows the last, from its own page.
  const known = asked.data?.total;
  const step = known !== undefined && known > 0 ? Math.min(wanted, known - 1) : wanted;
  const page = Math.floor(step / PAGE);
  const last = useQuery({ ...stepsQuery(name, id, page), enabled: page !== Math.floor(wanted / PAGE) });
  const query = page !== Math.floor(wanted / PAGE) ? last : asked;
  const client = useQueryClient();
  const total = query.data?.total ?? known;

  const goTo = (target: number) => {
    if (total === undefined || total === 0) return;
    const next = Math.max(0, Math.min(total - 1, target));
    setStep(next);
    writeUrl({ step: String(next + 1) }, 'replace');
  };
  // Re-subscribed each render, so the handler always sees this render's step and goTo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target)) return;
      const moves: Record<string, number | 'first' | 'last'> = { ArrowLeft: event.shiftKey ? -10 : -1, ArrowRight: event.shiftKey ? 10 : 1, Home: 'first', End: 'last' };
      const move = moves[event.key];
      if (move === undefined) return;
      event.preventDefault();
      if (move === 'first') goTo(0);
      else if (move === 'last') goTo(Number.MAX_SAFE_INTEGER);
      else goTo(step + move);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Near the end of a page, the next one is fetched ahead.
  useEffect(() => {
    if (total !== undefined && step % PAGE > PAGE - 10 && (page + 1) * PAGE < total) void client.prefetchQuery(stepsQuery(name, id, page + 1));
  }, [total, step, page, client, name, id]);

  if (query.isError && !query.data) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <p role="alert">
        {missing ? `No event has touched document ${id} of ${name}.` : `The document could not be loaded: ${query.error.message}`} <Link href="/">Back to the overview</Link>
      </p>
    );
  }
  const data = query.data;
  const current = data?.steps.find((candidate) => candidate.index === step) ?? null;
  const rows = current ? diffStates(current.before ?? {}, current.after ?? {}) : [];
  // Money shows in the document's own currency (a deleted document's is the one it had).
  const currency = current ? (currencyOf(current.after) ?? currencyOf(current.before)) : null;
  return (
    <div className={styles.page} data-testid="projection-stepper">
      <header className={styles.header}>
        <div>
          <p className={styles.crumbs}>
            <Link href="/">Overview</Link>
            {data?.scope.kind === 'stream' ? (
              <>
                {' / '}
                <Link href={`/debugger/${encodeURIComponent(data.scope.streamId)}`}>{data.scope.streamId}</Link>
              </>
            ) : null}
            {' / '}Projection stepper
          </p>
          <h1 className={styles.title}>
            {name} · {id}
          </h1>
        </div>
        <div className={styles.headerFacts}>
          <span className={styles.badge}>projection document</span>
          {data ? <span>{data.scope.kind === 'stream' ? `from ${data.scope.streamId}` : 'from the whole log'}</span> : null}
        </div>
      </header>
      {!data ? (
        <p className={styles.muted} role="status">
          Folding the document…
        </p>
      ) : (
        <>
          {data.failure ? (
            <p role="alert" className={styles.error}>
              The projection stops at step {formatCount(data.failure.index + 1)} ({data.failure.streamId}, position {formatCount(data.failure.globalPosition)}): {data.failure.message}
            </p>
          ) : null}
          {!data.complete ? <p className={styles.muted}>This document&apos;s history is longer than one request reads ({formatCount(data.scanned)} events); the steps shown are its first.</p> : null}
          <div className={styles.transport} data-testid="stepper-transport">
            <div className={styles.buttons} role="group" aria-label="Move through the document's history">
              <button type="button" onClick={() => goTo(0)} aria-label="First step" title="First (Home)">
                |‹
              </button>
              <button type="button" onClick={() => goTo(step - 1)} aria-label="Previous step" title="Back (←)">
                ‹
              </button>
              <button type="button" onClick={() => goTo(step + 1)} aria-label="Next step" title="Forward (→)">
                ›
              </button>
              <button type="button" onClick={() => goTo(Number.MAX_SAFE_INTEGER)} aria-label="Last step" title="Last (End)">
                ›|
              </button>
            </div>
            <input
              className={styles.slider}
              type="range"
              min={1}
              max={Math.max(1, data.total)}
              value={step + 1}
              aria-label="Step"
              aria-valuetext={`step ${step + 1} of ${data.total}`}
              onChange={(event) => goTo(Number(event.target.value) - 1)}
            />
            <span data-testid="step-label">
              step {formatCount(step + 1)} of {formatCount(data.total)}
            </span>
          </div>
          <div className={stepperStyles.stepper}>
            <section className={styles.panel} aria-labelledby="step-event-title" data-testid="step-event">
              <h2 id="step-event-title">Event</h2>
              {current ? (
                <dl className={stepperStyles.facts}>
                  <dt>type</dt>
                  <dd data-testid="step-type">{current.type}</dd>
                  <dt>stream</dt>
                  <dd>
                    <Link href={`/debugger/${encodeURIComponent(current.streamId)}?v=${current.streamVersion}`}>
                      {current.streamId} v{formatCount(current.streamVersion)}
                    </Link>
                  </dd>
                  <dt>position</dt>
                  <dd>{formatCount(current.globalPosition)}</dd>
                  <dt>recorded</dt>
                  <dd>{formatUtc(current.recordedAt)}</dd>
                  <dt>apply took</dt>
                  <dd data-testid="apply-time">{current.applyMicros < 1000 ? `${current.applyMicros} µs` : `${(current.applyMicros / 1000).toFixed(2)} ms`}</dd>
                </dl>
              ) : (
                <p className={styles.muted}>Loading the step…</p>
              )}
            </section>
            <section className={styles.panel} aria-labelledby="step-diff-title" data-testid="step-diff">
              <h2 id="step-diff-title">Before → after</h2>
              {current && rows.length === 0 ? <p className={styles.muted}>This event left the document unchanged.</p> : null}
              {current && rows.length > 0 ? (
                <table className={stepperStyles.diff}>
                  <thead>
                    <tr>
                      <th scope="col">field</th>
                      <th scope="col">before</th>
                      <th scope="col">after</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.path} data-testid="diff-row" data-path={row.path}>
                        <th scope="row">{row.path}</th>
                        <td data-testid="diff-before">{current.before === null ? '(no document)' : <ShownValue path={row.path} value={row.before} currency={currency} />}</td>
                        <td data-testid="diff-after">{current.after === null ? '(deleted)' : <ShownValue path={row.path} value={row.after} currency={currency} />}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
            {current ? (
              <div className={stepperStyles.wide}>
                <StatePanel
                  state={current.after}
                  previousState={current.before}
                  changedPaths={current.changedPaths}
                  currency={currency}
                  title={`Document after step ${formatCount(step + 1)}`}
                  onBlame={setBlamePath}
                />
              </div>
            ) : null}
            {blamePath ? (
              <div className={stepperStyles.wide}>
                <ProjectionBlamePanel name={name} id={id} path={blamePath} total={data.total} currency={currency} goTo={goTo} onClose={() => setBlamePath(null)} />
              </div>
            ) : null}
          </div>
          <p className={styles.keys}>Keys: ←/→ step · Shift ten · Home/End · click a field to blame it</p>
        </>
      )}
    </div>
  );
}
