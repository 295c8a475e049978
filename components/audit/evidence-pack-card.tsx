'use client';

import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import styles from './audit.module.css';

/** A datetime-local value read as UTC, as the API reads a time without an offset. */
const utc = (value: string) => (value.length === 16 ? `${value}:00Z` : `${value}Z`);

/**
 * Export an evidence pack: streams and/or a time window, downloaded as one JSON file that anyone
 * can check offline with /verify-pack.html or `chronicle verify-pack`.
 */
export function EvidencePackCard({ initialStream = '' }: { initialStream?: string }) {
  const [streams, setStreams] = useState(initialStream);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [state, setState] = useState<'idle' | 'exporting' | 'done'>('idle');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    const list = streams.split(/[\s,]+/).filter(Boolean);
    if (list.length) params.set('streams', list.join(','));
    if (from) params.set('from', utc(from));
    if (to) params.set('to', utc(to));
    setProblem(null);
    setState('exporting');
    try {
      const response = await fetch(`/api/audit/evidence-pack?${params}`);
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `Export failed (${response.status})`);
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'chronicle-evidence.json';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('done');
    } catch (error) {
      setProblem((error as Error).message);
      setState('idle');
    }
  };

  return (
    <section className="card" id="evidence-pack" aria-labelledby="evidence-pack-title" data-testid="evidence-pack">
      <h2 id="evidence-pack-title">Evidence pack</h2>
      <p className="muted">
        One file for a regulator or an outside auditor: the events (as stored and as read today), their hash chains, a proof that each is in a
        signed checkpoint, the checkpoint and the public key. They check it without us: <a href="/verify-pack.html">the offline verifier page</a> or{' '}
        <code>chronicle verify-pack FILE</code>. Leave everything empty for the whole store.
      </p>
      <form onSubmit={(event) => void submit(event)} className={styles.filters}>
        <Field id="pack-streams" label="Streams (comma-separated)">
          <input id="pack-streams" value={streams} onChange={(event) => setStreams(event.target.value)} placeholder="account-…, transfer-…" className={styles.mono} />
        </Field>
        <Field id="pack-from" label="Recorded from (UTC)">
          <input id="pack-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </Field>
        <Field id="pack-to" label="Recorded before (UTC)">
          <input id="pack-to" type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
        </Field>
        <div className={styles.filterActions}>
          <button type="submit" className="button" disabled={state === 'exporting'}>
            {state === 'exporting' ? 'Exporting…' : 'Export evidence pack'}
          </button>
        </div>
      </form>
      <p role="status" data-testid="evidence-pack-status">
        {problem ? <span className={styles.problem}>{problem}</span> : state === 'done' ? 'Downloaded. Hand it over with the key id shown above.' : null}
      </p>
    </section>
  );
}
