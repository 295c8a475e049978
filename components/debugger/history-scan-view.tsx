'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { getJson } from '@/lib/client/api-client';
import type { ScanResult } from '@/lib/debugger/history-scan';
import { formatCount, formatUtc } from './format';
import styles from './debugger.module.css';
import scanStyles from './history-scan-view.module.css';

const PRESETS = ['balance < 0', '-balance > overdraftLimit', 'status == "closed" && balance != 0', 'status == "open" && balance == 0'];

const debuggerLink = (streamId: string, version: number) => `/debugger/${encodeURIComponent(streamId)}?v=${version}`;

/** The breakpoint language over the whole log: the streams it ever held in, each first hit a deep link; step through them in order. */
export function HistoryScanView() {
  const router = useRouter();
  const params = useSearchParams();
  const expression = params.get('expr') ?? '';
  const category = params.get('category') ?? '';
  const [draft, setDraft] = useState(expression);
  const [draftCategory, setDraftCategory] = useState(category || 'account');
  const [selected, setSelected] = useState(0);
  const scan = useQuery({
    queryKey: ['debugger', 'scan', expression, category],
    queryFn: () => getJson<ScanResult>(`/api/debugger/scan?expr=${encodeURIComponent(expression)}${category ? `&category=${encodeURIComponent(category)}` : ''}`),
    enabled: expression !== '',
    staleTime: 60_000,
  });
  const run = (next: string) => {
    setSelected(0);
    const query = new URLSearchParams({ expr: next });
    if (draftCategory) query.set('category', draftCategory);
    router.push(`/debugger/scan?${query.toString()}`);
  };
  const streams = scan.data?.streams ?? [];
  const current = streams[selected];
  return (
    <div className={styles.page} data-testid="history-scan">
      <header className={styles.header}>
        <div>
          <p className={styles.crumbs}>
            <Link href="/">Overview</Link> / Scan all history
          </p>
          <h1 className={styles.title}>Where else did this happen?</h1>
        </div>
      </header>
      <form
        className={scanStyles.form}
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) run(draft.trim());
        }}
      >
        <label>
          Condition on each stream&apos;s state
          <input name="expr" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="balance < 0" spellCheck={false} className={scanStyles.expression} />
        </label>
        <label>
          Streams
          <select name="category" value={draftCategory} onChange={(event) => setDraftCategory(event.target.value)}>
            <option value="account">accounts</option>
            <option value="transfer">transfers</option>
            <option value="">every stream</option>
          </select>
        </label>
        <button type="submit">Scan</button>
        <span className={scanStyles.presets}>
          {PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              onClick={() => {
                setDraft(preset);
                run(preset);
              }}
            >
              {preset}
            </button>
          ))}
        </span>
      </form>

      {scan.isFetching ? <p role="status">Scanning the whole log…</p> : null}
      {scan.isError ? <p role="alert">The scan failed: {scan.error.message}</p> : null}
      {scan.data && !scan.isFetching ? (
        <section className={styles.panel} aria-labelledby="scan-results-title">
          <h2 id="scan-results-title">
            <code>{scan.data.expression}</code> held in {formatCount(scan.data.streamsHit)} of {formatCount(scan.data.streamsScanned)} streams
          </h2>
          <p className={styles.muted} data-testid="scan-summary">
            {formatCount(scan.data.eventsScanned)} events up to position {formatCount(scan.data.toPosition)} in {formatCount(scan.data.elapsedMs)} ms ({formatCount(scan.data.eventsPerSecond)} events/s)
            {scan.data.truncated ? ` · first ${formatCount(streams.length)} listed` : ''}
          </p>
          {current ? (
            <p className={scanStyles.stepper}>
              <button type="button" onClick={() => setSelected((index) => Math.max(0, index - 1))} disabled={selected === 0}>
                ← Previous hit
              </button>
              <Link href={debuggerLink(current.streamId, current.firstHit.version)} data-testid="scan-current">
                {selected + 1} / {formatCount(streams.length)}: {current.streamId} at v{formatCount(current.firstHit.version)}
              </Link>
              <button type="button" onClick={() => setSelected((index) => Math.min(streams.length - 1, index + 1))} disabled={selected >= streams.length - 1}>
                Next hit →
              </button>
            </p>
          ) : (
            <p>No stream ever met it.</p>
          )}
          <table className={styles.stateTable}>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">First hit</th>
                <th scope="col">Hits</th>
                <th scope="col">Last hit</th>
                <th scope="col">Holds now</th>
              </tr>
            </thead>
            <tbody>
              {streams.map((stream, index) => (
                <tr key={stream.streamId} data-testid="scan-stream" aria-current={index === selected || undefined} className={index === selected ? styles.changed : undefined}>
                  <th scope="row">
                    <Link href={debuggerLink(stream.streamId, stream.firstHit.version)}>{stream.streamId}</Link>
                  </th>
                  <td>
                    v{formatCount(stream.firstHit.version)} {stream.firstHit.type} · {formatUtc(stream.firstHit.recordedAt)}
                  </td>
                  <td>{formatCount(stream.hitCount)}</td>
                  <td>
                    <Link href={debuggerLink(stream.streamId, stream.lastHit.version)}>v{formatCount(stream.lastHit.version)}</Link>
                  </td>
                  <td>{stream.holdsAtEnd ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
