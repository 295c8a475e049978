'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import type { AccountSort } from '@/lib/views/account-summary/types';
import { naturalDirection, pageSearch, parseAccountFilters, type AccountFilters } from './account-filters';
import { AccountsTable } from './accounts-table';
import { isCatchingUp, useAccountPages, useOwnerSuggestions } from './queries';
import { QueryProblem } from './query-problem';
import styles from './accounts.module.css';
import overviewStyles from './overview.module.css';

const STATUSES = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
] as const;

const OWNER_DELAY_MS = 350;

/**
 * The accounts list with its filters; the filters are mirrored into the page URL.
 * They start from the URL as it is now, not as the server first saw it: coming
 * back from an account restores the page from the router cache, with the
 * filters replaceState wrote since.
 */
export function AccountsSection() {
  const ids = useId();
  const searchParams = useSearchParams();
  const [initialFilters] = useState(() => parseAccountFilters(Object.fromEntries(searchParams)));
  const [filters, setFilters] = useState(initialFilters);
  const [ownerDraft, setOwnerDraft] = useState(initialFilters.owner);
  const [wantsSuggestions, setWantsSuggestions] = useState(initialFilters.owner !== '');
  const ownerTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const accounts = useAccountPages(filters);
  const owners = useOwnerSuggestions(wantsSuggestions);

  useEffect(() => () => clearTimeout(ownerTimer.current), []);

  const apply = (next: AccountFilters) => {
    clearTimeout(ownerTimer.current);
    setFilters(next);
    // Next.js keeps its router in step with history.replaceState; no navigation, no refetch of the page.
    window.history.replaceState(null, '', `${window.location.pathname}${pageSearch(next)}`);
  };

  const changeOwner = (value: string) => {
    setOwnerDraft(value);
    clearTimeout(ownerTimer.current);
    ownerTimer.current = setTimeout(() => apply({ ...filters, owner: value.trim() }), OWNER_DELAY_MS);
  };

  const sortBy = (sort: AccountSort) =>
    apply({ ...filters, sort, direction: filters.sort === sort ? (filters.direction === 'asc' ? 'desc' : 'asc') : naturalDirection(sort) });

  const clearFilters = () => {
    setOwnerDraft('');
    apply({ ...filters, status: 'all', owner: '' });
  };

  const items = accounts.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.status !== 'all' || filters.owner !== '';

  return (
    <section className={`card ${styles.section}`} aria-labelledby={`${ids}-heading`}>
      <div className={styles.head}>
        <h2 id={`${ids}-heading`}>Accounts</h2>
        <form className={styles.filters} role="search" aria-label="Filter accounts" onSubmit={(event) => event.preventDefault()}>
          <fieldset className={overviewStyles.segmented}>
            <legend className="visually-hidden">Status</legend>
            {STATUSES.map((status) => (
              <label key={status.value}>
                <input
                  type="radio"
                  name={`${ids}-status`}
                  value={status.value}
                  checked={filters.status === status.value}
                  onChange={() => apply({ ...filters, status: status.value })}
                />
                <span>{status.label}</span>
              </label>
            ))}
          </fieldset>
          <label className={styles.ownerFilter}>
            <span>Owner</span>
            <input
              type="search"
              name="owner"
              value={ownerDraft}
              list={`${ids}-owners`}
              placeholder="Exact name"
              autoComplete="off"
              maxLength={100}
              onFocus={() => setWantsSuggestions(true)}
              onChange={(event) => changeOwner(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') apply({ ...filters, owner: ownerDraft.trim() });
              }}
            />
            <datalist id={`${ids}-owners`}>
              {(owners.data ?? []).map((owner) => (
                <option key={owner} value={owner} />
              ))}
            </datalist>
          </label>
        </form>
      </div>

      {accounts.isFetching && !accounts.isError && isCatchingUp(accounts.failureReason) ? (
        <p className={styles.notice} role="status">
          Catching up with the latest changes…
        </p>
      ) : null}

      {accounts.isError && !accounts.data ? (
        <QueryProblem error={accounts.error} what="accounts" onRetry={() => void accounts.refetch()} retrying={accounts.isFetching} />
      ) : (
        <AccountsTable
          items={items}
          loading={accounts.isPending}
          stale={accounts.isPlaceholderData}
          readAt={accounts.dataUpdatedAt}
          filters={filters}
          onSort={sortBy}
        />
      )}

      {accounts.data && items.length === 0 ? (
        <div className={styles.empty}>
          <p>
            {filters.owner
              ? `No ${filters.status === 'all' ? '' : `${filters.status} `}account belongs to “${filters.owner}”. Owner names must match exactly; the field suggests the names on file.`
              : `There are no ${filters.status === 'all' ? '' : `${filters.status} `}accounts yet.`}
          </p>
          {filtered ? (
            <button type="button" className="button" onClick={clearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : null}

      {accounts.data && items.length > 0 ? (
        <div className={styles.foot}>
          <p className="muted" aria-live="polite">
            {accounts.hasNextPage
              ? `Showing the first ${items.length} ${filtered ? 'matching ' : ''}accounts`
              : `${items.length === 1 ? 'The only' : `All ${items.length}`} ${filtered ? 'matching ' : ''}account${items.length === 1 ? '' : 's'}`}
          </p>
          {accounts.isFetchNextPageError ? (
            <p className={styles.inlineError} role="alert">
              The next accounts could not be loaded.
            </p>
          ) : null}
          {accounts.hasNextPage ? (
            <button type="button" className="button" onClick={() => void accounts.fetchNextPage()} disabled={accounts.isFetchingNextPage}>
              {accounts.isFetchingNextPage ? 'Loading…' : accounts.isFetchNextPageError ? 'Try again' : 'Load more'}
            </button>
          ) : null}
        </div>
      ) : null}

      {accounts.data && accounts.isRefetchError ? (
        <QueryProblem error={accounts.error} what="accounts" onRetry={() => void accounts.refetch()} retrying={accounts.isFetching} />
      ) : null}
    </section>
  );
}
