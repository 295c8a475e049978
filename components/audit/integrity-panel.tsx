'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { FingerprintCheck } from '@/lib/audit/fingerprints';
import { getJson } from '@/lib/client/api-client';
import { Field } from '@/components/ui/field';
import { useStoreVerification } from './use-audit-data';
import styles from './audit.module.css';

const count = (n: number) => n.toLocaleString('en');

/** The whole store rehashed: verdict, first break, and the fingerprint to write down. */
export function IntegrityPanel() {
  const verification = useStoreVerification(true);
  const report = verification.data;
  return (
    <div className={styles.summaryGrid}>
      <section className="card" aria-labelledby="integrity-title" data-testid="store-verification">
        <h2 id="integrity-title">Integrity of the whole store</h2>
        {verification.isPending || verification.isFetching ? <p role="status">Rehashing every event…</p> : null}
        {verification.isError ? (
          <p className={styles.problem} role="alert">
            The store could not be verified: {verification.error.message}
          </p>
        ) : null}
        {report && !verification.isFetching ? (
          <>
            <p role="status" data-testid="store-verdict">
              {report.ok ? (
                <span className={`${styles.badge} ${styles.verified}`}>✓ Every chain holds</span>
              ) : (
                <span className={`${styles.badge} ${styles.broken}`}>✗ The history was altered</span>
              )}
            </p>
            <dl className={styles.facts}>
              <dt>Checked</dt>
              <dd>
                {count(report.eventsChecked)} events in {count(report.streamsChecked)} streams, up to position {count(report.headPosition)}, in{' '}
                {count(report.elapsedMs)} ms
              </dd>
              {report.firstBreak ? (
                <>
                  <dt>First break</dt>
                  <dd className={styles.problem}>
                    {report.firstBreak.message}
                    {report.firstBreak.streamId && report.firstBreak.streamVersion ? (
                      <>
                        {' '}
                        <Link href={`/debugger/${encodeURIComponent(report.firstBreak.streamId)}?v=${report.firstBreak.streamVersion}`}>open it</Link>
                      </>
                    ) : null}
                  </dd>
                  {report.firstBreak.expectedHash ? (
                    <>
                      <dt>Expected hash</dt>
                      <dd className={styles.mono}>{report.firstBreak.expectedHash}</dd>
                      <dt>Stored hash</dt>
                      <dd className={styles.mono}>{report.firstBreak.storedHash}</dd>
                    </>
                  ) : null}
                  <dt>Breaks found</dt>
                  <dd>{count(report.breaks.length)}</dd>
                </>
              ) : null}
            </dl>
            {report.warnings.map((warning) => (
              <p key={warning} className="muted">
                {warning}
              </p>
            ))}
          </>
        ) : null}
        <button type="button" className="button secondary" onClick={() => void verification.refetch()} disabled={verification.isFetching}>
          Verify again
        </button>
      </section>
      <FingerprintCard fingerprint={report?.fingerprint ?? null} />
    </div>
  );
}

function FingerprintCard({ fingerprint }: { fingerprint: { position: number; eventCount: number; root: string } | null }) {
  const [position, setPosition] = useState('');
  const [root, setRoot] = useState('');
  const [check, setCheck] = useState<{ state: 'idle' | 'checking' } | { state: 'done'; result: FingerprintCheck } | { state: 'failed'; message: string }>({ state: 'idle' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCheck({ state: 'checking' });
    try {
      const result = await getJson<FingerprintCheck>(`/api/audit/fingerprint?${new URLSearchParams({ position: position.trim(), root: root.trim() })}`);
      setCheck({ state: 'done', result });
    } catch (error) {
      setCheck({ state: 'failed', message: (error as Error).message });
    }
  };
  return (
    <section className="card" aria-labelledby="fingerprint-title" data-testid="fingerprint">
      <h2 id="fingerprint-title">Fingerprint</h2>
      {fingerprint ? (
        <dl className={styles.facts}>
          <dt>Position</dt>
          <dd data-testid="fingerprint-position">{count(fingerprint.position)}</dd>
          <dt>Events</dt>
          <dd>{count(fingerprint.eventCount)}</dd>
          <dt>Merkle root</dt>
          <dd className={styles.mono} data-testid="fingerprint-root">
            {fingerprint.root}
          </dd>
        </dl>
      ) : (
        <p className="muted">Shown once the store verifies.</p>
      )}
      <p className="muted">Write the position and root down somewhere the database cannot reach. Later, check them here:</p>
      <form onSubmit={(event) => void submit(event)} className={styles.filters}>
        <Field id="check-position" label="Position">
          <input id="check-position" inputMode="numeric" value={position} onChange={(event) => setPosition(event.target.value)} required />
        </Field>
        <Field id="check-root" label="Merkle root">
          <input id="check-root" value={root} onChange={(event) => setRoot(event.target.value)} required className={styles.mono} />
        </Field>
        <div className={styles.filterActions}>
          <button type="submit" className="button" disabled={check.state === 'checking'}>
            Check fingerprint
          </button>
        </div>
      </form>
      <p role="status" data-testid="fingerprint-check">
        {check.state === 'checking' ? 'Recomputing…' : null}
        {check.state === 'failed' ? <span className={styles.problem}>{check.message}</span> : null}
        {check.state === 'done' ? <span className={check.result.ok ? undefined : styles.problem}>{check.result.message}.</span> : null}
      </p>
    </section>
  );
}
