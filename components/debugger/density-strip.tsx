'use client';

import type { DensityBucket } from '@/lib/debugger/stream-probe';
import { formatCount, formatUtc } from './format';
import styles from './debugger.module.css';

/** Events per slice of time across the stream; the current position and hits marked; click a slice to go there. */
export function DensityStrip({ buckets, version, hits, onJump }: { buckets: DensityBucket[]; version: number; hits: readonly number[]; onJump: (version: number) => void }) {
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const contains = (bucket: DensityBucket, v: number) => bucket.count > 0 && v >= bucket.firstVersion && v < bucket.firstVersion + bucket.count;
  return (
    <div className={styles.density} role="group" aria-label="Events over time" data-testid="density-strip">
      {buckets.map((bucket) => {
        const current = contains(bucket, version);
        const hit = hits.some((h) => contains(bucket, h));
        return (
          <button
            key={bucket.start}
            type="button"
            className={`${styles.bucket} ${current ? styles.bucketCurrent : ''} ${hit ? styles.bucketHit : ''}`}
            title={`${formatUtc(bucket.start)}: ${formatCount(bucket.count)} events`}
            aria-label={`${formatCount(bucket.count)} events from ${formatUtc(bucket.start)}`}
            disabled={bucket.count === 0}
            onClick={() => onJump(bucket.firstVersion)}
          >
            <span style={{ height: `${Math.max(bucket.count ? 8 : 0, (bucket.count / most) * 100)}%` }} />
          </button>
        );
      })}
    </div>
  );
}
