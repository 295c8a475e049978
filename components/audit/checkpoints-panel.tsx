'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { checkpointListSchema, checkpointVerificationSchema, recordedCheckpointSchema } from '@/lib/audit/checkpoints/checkpoint-schemas';
import { getJson } from '@/lib/client/api-client';
import styles from './audit.module.css';

type CheckpointList = z.infer<typeof checkpointListSchema>;
type CheckpointVerification = z.infer<typeof checkpointVerificationSchema>;
type RecordedCheckpoint = z.infer<typeof recordedCheckpointSchema>;

const count = (n: number) => n.toLocaleString('en');

/** Signed checkpoints: the key that signs them, taking one, and checking one against the store now. */
export function CheckpointsPanel() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['audit', 'checkpoints'], queryFn: () => getJson<CheckpointList>('/api/audit/checkpoints'), staleTime: 10_000 });
  const take = useMutation({
    mutationFn: () => getJson<RecordedCheckpoint>('/api/audit/checkpoints', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['audit', 'checkpoints'] }),
  });
  const [verdict, setVerdict] = useState<{ version: number; result: CheckpointVerification } | { version: number; error: string } | null>(null);
  const verify = async (version: number) => {
    try {
      setVerdict({ version, result: await getJson<CheckpointVerification>(`/api/audit/checkpoints/verification?version=${version}`) });
    } catch (error) {
      setVerdict({ version, error: (error as Error).message });
    }
  };
  const data = list.data;
  return (
    <section className="card" aria-labelledby="checkpoints-title" data-testid="checkpoints">
      <h2 id="checkpoints-title">Signed checkpoints</h2>
      <p className="muted">
        The server signs the fingerprint with its Ed25519 audit key and records it in the <code>checkpoint-audit</code> stream. Anyone holding the
        public key can check a checkpoint, or an evidence pack built on one, without this server.
      </p>
      {list.isError ? <p className={styles.problem}>{list.error.message}</p> : null}
      {data ? (
        <>
          <dl className={styles.facts}>
            <dt>Signing key</dt>
            <dd className={styles.mono} data-testid="audit-key-id">
              {data.signing.available ? `${data.signing.keyId}${data.signing.source === 'demo' ? ' (demo key, made by this server)' : ''}` : data.signing.reason}
            </dd>
            {data.keys.length > 0 ? (
              <>
                <dt>Public key</dt>
                <dd className={styles.mono} data-testid="audit-public-key">
                  {data.keys.at(-1)!.publicKey} (<a href="/.well-known/chronicle-audit-key">/.well-known/chronicle-audit-key</a>)
                </dd>
                <dt>Keys announced</dt>
                <dd>{data.keys.map((key) => key.keyId).join(' → ')}</dd>
              </>
            ) : null}
            <dt>Checkpoints</dt>
            <dd>{count(data.total)}</dd>
          </dl>
          <button type="button" className="button" onClick={() => take.mutate()} disabled={take.isPending || !data.signing.available}>
            {take.isPending ? 'Signing…' : 'Take a signed checkpoint'}
          </button>
          {take.isError ? <p className={styles.problem} role="alert">{take.error.message}</p> : null}
          {data.checkpoints.length > 0 ? (
            <table className={styles.table} data-testid="checkpoint-list">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Position</th>
                  <th scope="col">Taken</th>
                  <th scope="col">Root</th>
                  <th scope="col">Key</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {data.checkpoints.slice(0, 10).map((checkpoint) => (
                  <tr key={checkpoint.streamVersion}>
                    <td>{checkpoint.streamVersion}</td>
                    <td>{count(checkpoint.position)}</td>
                    <td>{checkpoint.takenAt}</td>
                    <td className={styles.mono}>{checkpoint.root.slice(0, 16)}…</td>
                    <td className={styles.mono}>{checkpoint.keyId}</td>
                    <td>
                      <button type="button" className="button secondary" onClick={() => void verify(checkpoint.streamVersion)}>
                        Verify
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p role="status" data-testid="checkpoint-verdict">
            {verdict && 'error' in verdict ? <span className={styles.problem}>{verdict.error}</span> : null}
            {verdict && 'result' in verdict ? (
              <span className={verdict.result.ok ? undefined : styles.problem}>
                Checkpoint {verdict.version}: {verdict.result.ok ? '✓ ' : '✗ '}
                {verdict.result.message}
              </span>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}
