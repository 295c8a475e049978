import type { NewEvent, RecordedEvent } from '../core/envelope';
import { streamCategory } from '../core/envelope';
import type { EventStore } from '../core/event-store';
import { migratedFrom, type MigratedFrom } from '../core/migrated-from';
import type { UpcasterRegistry } from '../core/upcasting';
import { diffData, type DataChange } from './data-diff';

export type StreamMigrationOptions = {
  source: string;
  /** Default: {@link defaultMigrationTarget}. */
  target?: string;
  /** Without it nothing is written: the report says what would be. */
  apply?: boolean;
  batchSize?: number;
  /** Recorded on the migration log event. */
  actor?: string;
  onProgress?: (done: number, total: number) => void;
};

/** Events of one type that went (or would go) from one stored schema version to another; `from === to`: copied unchanged. */
export type VersionChange = { type: string; from: number; to: number; events: number };

export type SampleDiff = { sourceVersion: number; type: string; from: number; to: number; changes: DataChange[] };

export type StreamMigrationReport = {
  source: string;
  target: string;
  /** Where the link from the old stream to its copies is recorded: the old stream itself never changes. */
  logStreamId: string;
  applied: boolean;
  /** Events of the source already in the target from an earlier run (a run that stopped, or the source grew since). */
  alreadyCopied: number;
  /** Source versions this run copies (or would), inclusive; empty when `copied` is 0. */
  fromVersion: number;
  toVersion: number;
  copied: number;
  changes: VersionChange[];
  /** The first event of each change of version, before and after. */
  samples: SampleDiff[];
};

export class StreamMigrationRefused extends Error {
  constructor(
    readonly code: 'same_stream' | 'source_not_found' | 'target_exists',
    message: string,
  ) {
    super(message);
    this.name = 'StreamMigrationRefused';
  }
}

export const STREAM_MIGRATED = 'StreamMigrated';

/**
 * `account-legacy-000417` → `account_migrated-legacy-000417`: the same id in
 * a category of its own. No command addresses it (they build `account-{id}`),
 * subscribers to the `account` category do not get the copy twice, and the id
 * still says which account it is.
 */
export const defaultMigrationTarget = (source: string): string => {
  const category = streamCategory(source);
  return `${category}_migrated${source.slice(category.length)}`;
};

export const migrationLogStreamId = (source: string): string => `migration-${source}`;

/**
 * Copies a stream into a new one with every event upcast to its current
 * schema version, each linked to its original by `metadata.migratedFrom`;
 * then records the copy in the source's migration log. The source is only
 * read. A target that already holds an exact prefix of this source's copy is
 * continued (after an interrupted run, or to add events appended since); any
 * other existing target is refused.
 */
export const migrateStream = async (
  store: { stored: EventStore; upcasters: UpcasterRegistry },
  options: StreamMigrationOptions,
): Promise<StreamMigrationReport> => {
  const { stored, upcasters } = store;
  const { source, apply = false, batchSize = 500 } = options;
  const target = options.target ?? defaultMigrationTarget(source);
  if (target === source) throw new StreamMigrationRefused('same_stream', 'The target must be a new stream, not the source itself');
  const lastVersion = await lastStreamVersion(stored, source);
  if (lastVersion === 0) throw new StreamMigrationRefused('source_not_found', `Stream ${source} does not exist`);
  const alreadyCopied = await copiedPrefix(stored, source, target, batchSize);

  const changes = new Map<string, VersionChange>();
  const samples: SampleDiff[] = [];
  const total = lastVersion - alreadyCopied;
  let written = alreadyCopied;
  options.onProgress?.(0, total);
  for (let from = alreadyCopied + 1; from <= lastVersion; from += batchSize) {
    const page = await stored.readStream(source, { fromVersion: from, toVersion: Math.min(from + batchSize - 1, lastVersion) });
    const copies = page.map((event) => {
      const current = upcasters.upcast(event);
      const key = `${event.type}\u0000${event.schemaVersion}\u0000${current.schemaVersion}`;
      const change = changes.get(key) ?? { type: event.type, from: event.schemaVersion, to: current.schemaVersion, events: 0 };
      change.events++;
      changes.set(key, change);
      if (change.events === 1 && change.from !== change.to) {
        samples.push({ sourceVersion: event.streamVersion, type: event.type, from: change.from, to: change.to, changes: diffData(event.data, current.data) });
      }
      return copyOf(event, current);
    });
    if (apply) {
      await stored.appendToStream(target, copies, { expectedVersion: written === 0 ? 'no_stream' : written });
      written += copies.length;
    }
    options.onProgress?.(from - alreadyCopied - 1 + page.length, total);
  }

  const report: StreamMigrationReport = {
    source,
    target,
    logStreamId: migrationLogStreamId(source),
    applied: apply,
    alreadyCopied,
    fromVersion: alreadyCopied + 1,
    toVersion: lastVersion,
    copied: total,
    changes: [...changes.values()].sort((a, b) => a.type.localeCompare(b.type) || a.from - b.from),
    samples,
  };
  if (apply && total > 0) await recordMigration(stored, report, options.actor ?? 'system:stream-migration');
  return report;
};

const copyOf = (original: RecordedEvent, current: RecordedEvent): NewEvent => {
  const link: MigratedFrom = {
    streamId: original.streamId,
    version: original.streamVersion,
    eventId: original.eventId,
    schemaVersion: original.schemaVersion,
    globalPosition: original.globalPosition,
    recordedAt: original.recordedAt.toISOString(),
  };
  // Who did it and why stay those of the original fact; only the link is added.
  return { type: current.type, schemaVersion: current.schemaVersion, data: current.data, metadata: { ...original.metadata, migratedFrom: link } };
};

/** How much of `target` is already this source's copy; throws if it holds anything else. */
const copiedPrefix = async (store: EventStore, source: string, target: string, batchSize: number): Promise<number> => {
  let count = 0;
  for (;;) {
    const page = await store.readStream(target, { fromVersion: count + 1, limit: batchSize });
    for (const event of page) {
      const link = migratedFrom(event);
      if (link?.streamId !== source || link.version !== event.streamVersion) {
        throw new StreamMigrationRefused(
          'target_exists',
          `Stream ${target} already exists and is not a copy of ${source} (version ${event.streamVersion}); choose another target`,
        );
      }
    }
    count += page.length;
    if (page.length < batchSize) return count;
  }
};

/** The stream's version (0 when it has no events), in O(log n) one-event reads. */
export const lastStreamVersion = async (store: EventStore, streamId: string): Promise<number> => {
  const exists = async (version: number) => (await store.readStream(streamId, { fromVersion: version, limit: 1 })).length > 0;
  if (!(await exists(1))) return 0;
  let low = 1;
  let high = 2;
  while (await exists(high)) [low, high] = [high, high * 2];
  // low exists, high does not.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await exists(middle)) low = middle;
    else high = middle;
  }
  return low;
};

/** Appends the copy's record to the source's migration log, the only way to find a copy from the old stream. */
const recordMigration = async (store: EventStore, report: StreamMigrationReport, actor: string): Promise<void> => {
  await store.appendToStream(report.logStreamId, [
    {
      type: STREAM_MIGRATED,
      schemaVersion: 1,
      data: {
        source: report.source,
        target: report.target,
        // Version n of the target is the copy of version n of the source.
        fromVersion: report.fromVersion,
        toVersion: report.toVersion,
        changes: report.changes,
      },
      metadata: { actor },
    },
  ]);
};
