import { LRUCache } from 'lru-cache';
import type { RecordedEvent } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { BlameRecorder, MAX_BLAME_CHANGES } from './blame';
import type { BlameResult } from './blame-schemas';

type Fold = {
  store: Pick<EventStore, 'readStream'>;
  initialState: () => unknown;
  evolve: (state: unknown, event: RecordedEvent) => unknown;
};

/** One field's blame folded so far: events never change and streams only grow, so it stays true and only the tail is new. */
type Entry = { folded: number; state: unknown; recorder: BlameRecorder };

const CHUNK = 2_000;
/** Kept changes across every cached blame: bounds the memory the cache may hold. */
const MAX_CACHED_CHANGES = 300_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export type Blamed = Pick<BlameResult, 'initial' | 'value' | 'changes' | 'total' | 'truncated'>;

/**
 * Blame answers, folded once per stream and field and extended by the tail on later asks. A
 * cold blame of 10,000 events reads and folds them all (about 100 ms on a busy two-core
 * machine); a field asked again, at any version, costs the events appended since.
 */
export class BlameIndex {
  private readonly entries = new LRUCache<string, Promise<Entry>>({ maxSize: MAX_CACHED_CHANGES, sizeCalculation: () => 1 });

  constructor(private readonly fold: Fold) {}

  async blame(streamId: string, path: string, upTo: number): Promise<Blamed> {
    const key = `${streamId}\u0000${path}`;
    const previous = this.entries.get(key);
    const settled = previous ? await previous.catch(() => null) : null;
    if (settled && settled.folded > upTo) return this.prefix(settled, upTo) ?? this.answer(await this.extend(this.fresh(path), streamId, upTo));
    // Extensions of one entry run one after another, so two asks never fold the same tail twice.
    const next = (previous ?? Promise.resolve(this.fresh(path))).catch(() => this.fresh(path)).then((entry) => this.extend(entry, streamId, upTo));
    this.entries.set(key, next, { size: 1 + (settled?.recorder.changes.length ?? 0) });
    const entry = await next;
    this.entries.set(key, next, { size: 1 + entry.recorder.changes.length });
    return this.answer(entry);
  }

  private fresh(path: string): Entry {
    const state = this.fold.initialState();
    return { folded: 0, state, recorder: new BlameRecorder(path, state) };
  }

  private async extend(entry: Entry, streamId: string, upTo: number): Promise<Entry> {
    while (entry.folded < upTo) {
      const chunk = await this.fold.store.readStream(streamId, { fromVersion: entry.folded + 1, toVersion: Math.min(upTo, entry.folded + CHUNK) });
      for (const event of chunk) {
        const next = this.fold.evolve(entry.state, event);
        entry.recorder.visit(event, entry.state, next);
        entry.state = next;
        entry.folded = event.streamVersion;
      }
      if (chunk.length < CHUNK) break;
      await yieldToOthers();
    }
    return entry;
  }

  /** An earlier version's blame from a longer fold: its changes up to there, when none were dropped. */
  private prefix(entry: Entry, upTo: number): Blamed | null {
    const { recorder } = entry;
    if (recorder.total > recorder.changes.length) return null;
    const changes = recorder.changes;
    let end = changes.length;
    while (end > 0 && changes[end - 1]!.version > upTo) end--;
    return listed(recorder.initial, end === 0 ? recorder.initial : changes[end - 1]!.after, changes, end, end);
  }

  private answer({ recorder }: Entry): Blamed {
    return listed(recorder.initial, recorder.value, recorder.changes, recorder.changes.length, recorder.total);
  }
}

/** The newest changes before `end`, at most MAX_BLAME_CHANGES of them: a bounded answer however long the history. */
const listed = (initial: unknown, value: unknown, changes: Blamed['changes'], end: number, total: number): Blamed => {
  const shown = changes.slice(Math.max(0, end - MAX_BLAME_CHANGES), end);
  return { initial, value, changes: shown, total, truncated: total > shown.length };
};
