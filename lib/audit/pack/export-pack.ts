import { storedEventsOf } from '../../core/audit-queries';
import { NotFoundError, UnavailableError } from '../../core/errors';
import type { EventStore } from '../../core/event-store';
import type { UpcasterRegistry } from '../../core/upcasting';
import { readCheckpointLog, takeCheckpoint } from '../checkpoints/checkpoints';
import type { SigningKeys } from '../checkpoints/signing-key-config';
import { buildEvidencePack } from './build-pack';
import type { EvidencePack, PackScope } from './pack-schema';

/** At most this many streams named in one pack. */
export const MAX_PACK_STREAMS = 100;

/**
 * An evidence pack for a scope, on the newest signed checkpoint: one is taken first when events
 * were recorded since (or the key changed), which is refused if the history contradicts the
 * last one. The pack is signed by the checkpoint's key, so the keys it carries end there.
 */
export const exportEvidencePack = async (
  store: EventStore & { upcasters: UpcasterRegistry },
  keys: SigningKeys,
  request: { scope: PackScope; actor: string; now?: () => Date },
): Promise<EvidencePack> => {
  if (!keys.available) throw new UnavailableError(keys.reason);
  for (const streamId of request.scope.streams ?? []) {
    if (!(await storedEventsOf(store).streamExists(streamId))) throw new NotFoundError(`There is no stream ${streamId}`, 'stream_not_found');
  }
  let log = await readCheckpointLog(store);
  const latest = log.checkpoints.at(-1);
  if (!latest || latest.keyId !== keys.current.keyId || latest.globalPosition < (await store.headPosition())) {
    await takeCheckpoint(store, keys, { actor: request.actor, trigger: 'on_demand', now: request.now });
    log = await readCheckpointLog(store);
  }
  const { streamVersion: _version, globalPosition: _position, ...checkpoint } = log.checkpoints.at(-1)!;
  const keyIndex = log.keys.findIndex((key) => key.keyId === checkpoint.keyId);
  return buildEvidencePack(store, {
    scope: request.scope,
    checkpoint,
    keys: log.keys.slice(0, keyIndex + 1),
    signer: keys.current,
    createdBy: request.actor,
    now: request.now?.() ?? new Date(),
  });
};
