'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useStreamPages, type StreamFilters } from './stream-queries';
import styles from './streams.module.css';

const SORTS: ReadonlyArray<[StreamFilters['sort'], string]> = [
  ['recent', 'Newest activity'],
  ['size', 'Most events'],
  ['id', 'Stream id'],
];
const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const count = new Intl.NumberFormat('en-GB');

const filtersOf = (params: URLSearchParams): StreamFilters => {
  const sort = params.get('sort');
  return { q: params.get('q') ?? '', category: params.get('category') ?? '', sort: sort === 'size' || sort === 'id' ? sort : 'recent' };
};

/** The stream list: filters in the URL, pages fetched by cursor as the reader asks for more; each row opens the debugger. */
export function StreamBrowser({ categories }: { categories: readonly string[] }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const filters = filtersOf(searchParams);
  const [draft, setDraft] = useState(filters.q);
  const apply = (next: StreamFilters) => {
    const params = new URLSearchParams();
    if (next.q.trim()) params.set('q', next.q.trim());
    if (next.category) params.set('category', next.category);
    if (next.sort !== 'recent') params.set('sort', next.sort);
    router.replace(params.size ? `/streams?${params}` : '/streams', { scroll: false });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...filters, q: draft });
  };
  const pages = useStreamPages(filters);
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  return (
    <div className={styles.page} data-testid="stream-browser">
      <div>
        <h1 className="brand">Streams</h1>
        <p className={styles.intro}>
          Every stream in the store with its size and latest activity. Open one to travel through its history, or{' '}
          <Link href="/debugger/scan">scan all history</Link> for every stream where a condition ever held.
        </p>
      </div>
      <form className={`card ${styles.filters}`} onSubmit={submit} role="search" aria-label="Find streams">
        <label>
          Stream id or holder
          <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="e.g. 0417 or Ada Lovelace" />
        </label>
        <label>
          Category
          <select value={filters.category} onChange={(event) => apply({ ...filters, q: draft, category: event.target.value })}>
            <option value="">All</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {category}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select value={filters.sort} onChange={(event) => apply({ ...filters, q: draft, sort: event.target.value as StreamFilters['sort'] })}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      <section className="card" aria-labelledby="streams-title">
        <h2 id="streams-title">{pages.data ? `${count.format(rows.length)}${pages.hasNextPage ? '+' : ''} streams` : 'Streams'}</h2>
        {pages.isError ? (
          <p className={styles.problem} role="alert">
            {pages.error.message}
          </p>
        ) : null}
        {pages.isPending ? <p className="muted">Loading streams…</p> : null}
        {pages.data && rows.length === 0 ? (
          <p className="muted" data-testid="streams-empty">
            No stream matches. Search takes part of a stream id, or a holder’s full name or customer id.
          </p>
        ) : null}
        {rows.length > 0 ? (
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="streams-table">
              <caption className="visually-hidden">Streams, {SORTS.find(([value]) => value === filters.sort)?.[1].toLowerCase()} first</caption>
              <thead>
                <tr>
                  <th scope="col">Stream</th>
                  <th scope="col">Holder</th>
                  <th scope="col" className={styles.num}>
                    Events
                  </th>
                  <th scope="col">First event (UTC)</th>
                  <th scope="col">Last event (UTC)</th>
                  <th scope="col">Last type</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.streamId} data-testid="stream-row">
                    <td>
                      <Link href={`/debugger/${encodeURIComponent(row.streamId)}`} prefetch={false} className={styles.mono}>
                        {row.streamId}
                      </Link>
                    </td>
                    <td>{row.holder ?? <span className="muted">—</span>}</td>
                    <td className={styles.num}>{count.format(row.events)}</td>
                    <td>
                      <time dateTime={row.firstAt}>{time.format(new Date(row.firstAt))}</time>
                    </td>
                    <td>
                      <time dateTime={row.lastAt}>{time.format(new Date(row.lastAt))}</time>
                    </td>
                    <td>{row.lastType}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {pages.hasNextPage ? (
          <button type="button" className="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? 'Loading…' : 'Show more streams'}
          </button>
        ) : null}
      </section>
    </div>
  );
}
