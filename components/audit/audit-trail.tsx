'use client';

import Link from 'next/link';
import { useState } from 'react';
import { trailQueryString, useTrailPage } from './use-audit-data';
import type { FilterValues } from './trail-filters';
import type { CountedTrailPage } from '@/lib/server/routes/audit';
import styles from './audit.module.css';

const PAGE = 50;
const count = new Intl.NumberFormat('en-GB');

/** "1,204 events match, by teller:ann": the count, and the actor a bare name was read as. */
const matchCount = (data: CountedTrailPage) => {
  const total = data.moreMatch ? `More than ${count.format(data.matched)} events match` : `${count.format(data.matched)} ${data.matched === 1 ? 'event matches' : 'events match'}`;
  return data.actor ? `${total}, by ${data.actor}` : total;
};
const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** Results newest first, a page at a time (keyset on the global position), with exports of everything that matches. */
export function AuditTrail({ filters }: { filters: FilterValues }) {
  const filterQuery = trailQueryString(filters);
  const [cursors, setCursors] = useState<{ for: string; stack: number[] }>({ for: filterQuery, stack: [] });
  const stack = cursors.for === filterQuery ? cursors.stack : [];
  const cursor = stack.at(-1);
  const page = useTrailPage(trailQueryString(filters, { limit: PAGE, cursor }));
  const exportQuery = filterQuery ? `?${filterQuery}` : '';
  return (
    <section className="card" aria-labelledby="trail-title">
      <div className={styles.pager}>
        <h2 id="trail-title">Events</h2>
        <div className={styles.filterActions}>
          <a className="button secondary" href={`/api/audit/events.csv${exportQuery}`} download data-testid="export-csv">
            Export CSV
          </a>
          <a className="button secondary" href={`/api/audit/events.jsonl${exportQuery}`} download data-testid="export-jsonl">
            Export JSON Lines
          </a>
        </div>
      </div>
      {page.isError ? (
        <p className={styles.problem} role="alert">
          {page.error.message}
        </p>
      ) : null}
      {page.isPending ? <p className="muted">Loading events…</p> : null}
      {page.data ? (
        <p className="muted" role="status" data-testid="match-count">
          {matchCount(page.data)}
        </p>
      ) : null}
      {page.data ? (
        page.data.rows.length === 0 ? (
          <p className="muted" data-testid="trail-empty">
            No event matches these filters.
          </p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="trail-table">
              <caption className="visually-hidden">Events matching the filters, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.num}>
                    Position
                  </th>
                  <th scope="col">Recorded (UTC)</th>
                  <th scope="col">Stream and version</th>
                  <th scope="col">Type</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Correlation</th>
                </tr>
              </thead>
              <tbody>
                {page.data.rows.map((row) => (
                  <tr key={row.globalPosition}>
                    <td className={styles.num}>{row.globalPosition}</td>
                    <td>
                      <time dateTime={row.recordedAt}>{time.format(new Date(row.recordedAt))}</time>
                    </td>
                    <td>
                      <Link href={`/debugger/${encodeURIComponent(row.streamId)}?v=${row.streamVersion}`} prefetch={false}>
                        {row.streamId} v{row.streamVersion}
                      </Link>
                    </td>
                    <td>{row.type}</td>
                    <td className={styles.mono}>{row.actor}</td>
                    <td>
                      <Link href={`/audit?${trailQueryString({ correlationId: row.correlationId })}`} className={styles.mono} title="Show every event with this correlation id">
                        {row.correlationId.length > 18 ? `${row.correlationId.slice(0, 18)}…` : row.correlationId}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <nav className={styles.pager} aria-label="Pages of events">
        <button type="button" className="button secondary" disabled={stack.length === 0} onClick={() => setCursors({ for: filterQuery, stack: stack.slice(0, -1) })}>
          ← Newer
        </button>
        <span className="muted">Page {stack.length + 1}</span>
        <button
          type="button"
          className="button secondary"
          disabled={!page.data?.nextCursor}
          onClick={() => setCursors({ for: filterQuery, stack: [...stack, page.data!.nextCursor!] })}
        >
          Older →
        </button>
      </nav>
    </section>
  );
}
