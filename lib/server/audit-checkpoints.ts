import { UnavailableError } from '../core/errors';
import { readCheckpointLog, takeCheckpoint, verifyCheckpoint, type RecordedCheckpoint } from '../audit/checkpoints/checkpoints';
import { publicPart } from '../audit/checkpoints/signing-key';
import { checkpointMinutes, resolveSigningKeys, type SigningKeys } from '../audit/checkpoints/signing-key-config';
import { exportEvidencePack } from '../audit/pack/export-pack';
import type { PackScope } from '../audit/pack/pack-schema';
import { demoMode } from './auth/auth-mode';
import { edgeState, webRuntime } from './web-runtime';

/* The server's signed checkpoints: its audit key (resolved once per process), taking, listing, verifying, and the schedule. */

export const signingKeys = (): SigningKeys => edgeState('audit-signing-keys', (runtime) => resolveSigningKeys(process.env, { demo: demoMode(), log: runtime.log }));

/** The key checkpoints are signed with now, or 503 saying how to configure one. */
export const auditPublicKey = () => {
  const keys = signingKeys();
  if (!keys.available) throw new UnavailableError(keys.reason);
  return { ...publicPart(keys.current), jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: keys.current.publicKey, kid: keys.current.keyId, use: 'sig' as const } };
};

export const takeAuditCheckpoint = (actor: string): Promise<RecordedCheckpoint> =>
  takeCheckpoint(webRuntime().store, signingKeys(), { actor, trigger: 'on_demand' });

const LISTED = 50;

/** The newest checkpoints first, and every key ever announced. */
export const auditCheckpoints = async () => {
  const log = await readCheckpointLog(webRuntime().store);
  const keys = signingKeys();
  return {
    signing: keys.available ? { available: true, keyId: keys.current.keyId, source: keys.source } : { available: false, reason: keys.reason },
    keys: log.keys,
    checkpoints: log.checkpoints.slice(-LISTED).reverse(),
    total: log.checkpoints.length,
  };
};

export const verifyAuditCheckpoint = (streamVersion?: number) => verifyCheckpoint(webRuntime().store, streamVersion);

/**
 * Every CHRONICLE_AUDIT_CHECKPOINT_MINUTES (0: never), a checkpoint when the store moved since the
 * last one. Several servers may each run it; the stream's expected version keeps them from
 * signing twice at once, and a failure is logged, never fatal.
 */
export const startCheckpointSchedule = (): void => {
  const minutes = checkpointMinutes(process.env);
  if (minutes === 0) return;
  edgeState('audit-checkpoint-schedule', (runtime) => {
    const tick = async () => {
      const keys = signingKeys();
      if (!keys.available) return runtime.log(`[audit] scheduled checkpoint skipped: ${keys.reason}`);
      const log = await readCheckpointLog(runtime.store);
      const head = await runtime.store.headPosition();
      // The checkpoint's own events move the head: only other appends call for a new one.
      if (log.checkpoints.at(-1) && log.checkpoints.at(-1)!.globalPosition >= head) return;
      const checkpoint = await takeCheckpoint(runtime.store, keys, { actor: 'system:audit-checkpoints', trigger: 'schedule' });
      runtime.log(`[audit] checkpoint at position ${checkpoint.position} signed by ${checkpoint.keyId}`);
    };
    const timer = setInterval(() => tick().catch((error: unknown) => runtime.log(`[audit] scheduled checkpoint failed: ${String(error)}`)), minutes * 60_000);
    timer.unref();
    runtime.log(`[audit] a signed checkpoint every ${minutes} minute(s) when the store moved`);
    return timer;
  });
};

/** An evidence pack of the server's store, on a signed checkpoint (taken first when the store moved). */
export const evidencePack = (scope: PackScope, actor: string) => exportEvidencePack(webRuntime().store, signingKeys(), { scope, actor });
