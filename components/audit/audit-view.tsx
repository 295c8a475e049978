'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { AuditTrail } from './audit-trail';
import { CheckpointsPanel } from './checkpoints-panel';
import { EvidencePackCard } from './evidence-pack-card';
import { IntegrityPanel } from './integrity-panel';
import { TotalsAsOf } from './totals-as-of';
import { TrailFilters, FILTER_KEYS, type FilterValues } from './trail-filters';
import styles from './audit.module.css';

/** The audit page: integrity of the whole store, then the trail with its filters (kept in the URL) and exports. */
export function AuditView() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, searchParams.get(key) ?? ''])) as FilterValues;
  const apply = (next: FilterValues) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key].trim()) params.set(key, next[key].trim());
    router.replace(params.size ? `/audit?${params}` : '/audit', { scroll: false });
  };
  return (
    <div className={styles.page} data-testid="audit-page">
      <div>
        <h1 className="brand">Audit</h1>
        <p className={styles.intro}>
          Every event the bank recorded, across all accounts, in the order it happened. Each event&apos;s hash chains it to the one
          before it in its stream; the fingerprint below covers the whole history, so a copy written down today proves later that nothing
          before it was changed, removed or slipped in.
        </p>
      </div>
      <IntegrityPanel />
      <CheckpointsPanel />
      <EvidencePackCard initialStream={searchParams.get('pack') ?? ''} />
      <TotalsAsOf />
      <TrailFilters key={searchParams.toString()} initial={filters} onApply={apply} />
      <AuditTrail filters={filters} />
    </div>
  );
}
