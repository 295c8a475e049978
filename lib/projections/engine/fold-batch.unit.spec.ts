import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../core/envelope';
import type { Projection } from '../projection';
import { foldInBatches, recordAccountEvents } from '../testing/projection-spec';
import { depositedEvent, openedEvent } from '../testing/account-events-fixtures';
import { foldBatch, touchedIds } from './fold-batch';

/** A projection that remembers which positions it folded, per account: any event folded twice or skipped shows. */
const witness: Projection<{ positions: number[] }> = {
  name: 'witness',
  version: 1,
  eventTypes: ['AccountOpened', 'MoneyDeposited'],
  documentIds: (event) => [event.streamId],
  evolve: (document, event) => ({ positions: [...(document?.positions ?? []), event.globalPosition] }),
  documents: { load: async () => new Map(), write: async () => undefined, drop: async () => undefined },
};

const log: RecordedEvent[] = recordAccountEvents(
  Array.from({ length: 40 }, (_, n) => (n < 4 ? { accountId: `a${n}`, event: openedEvent(`a${n}`) } : { accountId: `a${n % 4}`, event: depositedEvent(`a${n % 4}`, n) })),
);
const expected = Object.fromEntries([0, 1, 2, 3].map((a) => [`account-a${a}`, { positions: log.filter((e) => e.streamId === `account-a${a}`).map((e) => e.globalPosition) }]));

describe('folding a batch', () => {
  it('folds every event exactly once, whatever the batch size', () => {
    for (let size = 1; size <= log.length; size++) expect(foldInBatches(witness, log, size).documents, `batches of ${size}`).toEqual(expected);
  });

  it('stops before an event that throws and keeps all of that event’s documents unchanged', () => {
    const twoDocuments: Projection<{ positions: number[] }> = {
      ...witness,
      documentIds: (event) => [event.streamId, 'all'],
      evolve: (document, event, id) => {
        if (event.globalPosition === 6 && id === 'all') throw new Error('no fold');
        return witness.evolve(document, event, id);
      },
    };
    const folded = foldBatch(twoDocuments, new Map(), log.slice(0, 10));
    expect(folded.failure).toMatchObject({ index: 5 });
    expect(folded.folded).toBe(5);
    expect(folded.changes.get('all')!.at(-1)).toEqual({ positions: [1, 2, 3, 4, 5] });
    expect(folded.changes.get('account-a1')!.at(-1)).toEqual({ positions: [2] });
  });

  it('writes only documents that changed and loads each touched document once', () => {
    const unchanged: Projection<{ positions: number[] }> = { ...witness, evolve: (document, event) => (event.type === 'MoneyDeposited' ? document : witness.evolve(document, event, '')) };
    expect([...foldBatch(unchanged, new Map(), log).changes.keys()]).toEqual(['account-a0', 'account-a1', 'account-a2', 'account-a3']);
    expect(touchedIds(witness, log)).toEqual(['account-a0', 'account-a1', 'account-a2', 'account-a3']);
  });
});
