import type { EventStore } from '../core/event-store';
import type { DocumentScope } from './projection-steps-schemas';
import type { EventChunks } from './projection-steps';

/*
 * Where the events that may touch a projection document are read from. An account's documents
 * (its summary, its ledger) are keyed by the account id and folded from that account's stream
 * alone, so the stepper reads one stream and whoever may read the stream may step its documents.
 * Any other projection's documents (the bank's totals) gather events from every stream: the
 * whole log is read, and only staff may ask.
 */

const ACCOUNT_DOCUMENTS: ReadonlySet<string> = new Set(['account-summary', 'account-transactions']);

export const documentScope = (projection: string, documentId: string): DocumentScope =>
  ACCOUNT_DOCUMENTS.has(projection) ? { kind: 'stream', streamId: `account-${documentId}` } : { kind: 'log' };

const CHUNK = 2_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The scope's events in global order, CHUNK at a time, yielding to other requests between reads. */
export async function* scopeChunks(store: Pick<EventStore, 'readStream' | 'readAll'>, scope: DocumentScope): EventChunks {
  let after = 0;
  for (;;) {
    const chunk =
      scope.kind === 'stream'
        ? await store.readStream(scope.streamId, { fromVersion: after + 1, toVersion: after + CHUNK })
        : await store.readAll({ fromPosition: after, limit: CHUNK });
    yield chunk;
    if (chunk.length < CHUNK) return;
    const last = chunk.at(-1)!;
    after = scope.kind === 'stream' ? last.streamVersion : last.globalPosition;
    await yieldToOthers();
  }
}
