import { expect } from 'vitest';
import type { RecordedEvent } from '../../core/envelope';
import type { AccountEvent } from '../../domain/account/events';
import { foldBatch } from '../engine/fold-batch';
import type { Projection } from '../projection';

/** Account events as the store would record them: stream `account-<id>`, versions per stream, positions from 1. */
export const recordAccountEvents = (events: Array<{ accountId: string; event: AccountEvent; actor?: string }>): RecordedEvent[] => {
  const versions = new Map<string, number>();
  return events.map(({ accountId, event, actor }, index) => {
    const streamId = `account-${accountId}`;
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    return {
      eventId: `event-${index + 1}`,
      streamId,
      streamVersion: version,
      globalPosition: index + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: { actor: actor ?? 'teller:ann', correlationId: `c-${index + 1}`, causationId: null, commandId: null },
      recordedAt: new Date('2026-01-01T00:00:00.000Z'),
      hash: `hash-${index + 1}`,
    };
  });
};

/** Folds events in batches of `batchSize`, each batch starting from the documents the previous left, as the engine does. */
export const foldInBatches = <D>(projection: Projection<D>, events: readonly RecordedEvent[], batchSize = events.length || 1) => {
  const documents = new Map<string, D>();
  const rows = new Map<string, (D | null)[]>();
  for (let start = 0; start < events.length; start += batchSize) {
    const batch = events.slice(start, start + batchSize);
    const loaded = new Map([...documents].filter(([id]) => batch.some((e) => projection.eventTypes.includes(e.type) && projection.documentIds(e).includes(id))));
    const folded = foldBatch(projection, loaded, batch);
    if (folded.failure) throw folded.failure.error;
    for (const [id, history] of folded.changes) {
      rows.set(id, [...(rows.get(id) ?? []), ...history]);
      const last = history.at(-1)!;
      if (last === null) documents.delete(id);
      else documents.set(id, last);
    }
  }
  return { documents: Object.fromEntries(documents), history: Object.fromEntries(rows) };
};

/**
 * given(events).then(documents): the projection under test folds the events
 * (in one batch and in batches of every size, which must agree) into exactly
 * these documents, keyed by id. thenHistory checks every state each document
 * went through (an append-only table's rows); thenFails the event it refuses.
 */
export const projectionSpec =
  <D>(projection: Projection<D>) =>
  (events: RecordedEvent[]) => ({
    then: (expected: Record<string, D>) => {
      const whole = foldInBatches(projection, events);
      expect(whole.documents).toEqual(expected);
      for (let size = 1; size < events.length; size++) expect(foldInBatches(projection, events, size).documents, `in batches of ${size}`).toEqual(expected);
    },
    thenHistory: (expected: Record<string, (D | null)[]>) => {
      expect(foldInBatches(projection, events).history).toEqual(expected);
      for (let size = 1; size < events.length; size++) expect(foldInBatches(projection, events, size).history, `in batches of ${size}`).toEqual(expected);
    },
    thenFails: (message: string | RegExp) => {
      expect(() => foldInBatches(projection, events)).toThrow(message);
    },
  });
