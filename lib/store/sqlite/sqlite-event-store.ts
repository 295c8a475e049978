import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewEvent, RecordedEvent } from '../../core/envelope';
import { ConcurrencyError, UnavailableError, ValidationError } from '../../core/errors';
import type { AppendOptions, AppendResult, EventStore, ReadAllOptions, ReadStreamOptions } from '../../core/event-store';
import { assertExpectedVersion } from '../../core/expected-version';
import { prepareEvents, type PreparedEvent } from '../../core/prepare-events';
import type { AuditQueries } from '../../core/audit-queries';
import { sqliteAuditQueries } from './sqlite-audit-queries';
import { EVENT_COLUMNS, toRecordedEvent, type SqliteEventRow } from './sqlite-rows';

export type SqliteEventStoreOptions = {
  filename: string;
  /** FULL (default) survives power loss; NORMAL is faster and survives process crashes. */
  synchronous?: 'FULL' | 'NORMAL';
  clock?: () => Date;
  /** How long another connection's write lock is waited for (asynchronously) before failing. */
  lockWaitMs?: number;
};

/** Rows per INSERT statement, largest first; 1 ends every batch. SQLite allows 32,766 parameters (9 per row). */
const INSERT_CHUNK_SIZES = [64, 16, 4, 1];

type PendingAppend = {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
};

/**
 * SQLite in WAL mode through the raw better-sqlite3 driver (beneath Prisma's
 * ORM: appends are the hot path). Appends issued in the same turn of the event
 * loop are group-committed in one transaction, each inside its own savepoint,
 * so concurrent callers share one fsync and never see SQLITE_BUSY.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly lockWaitMs: number;
  private closed = false;
  private audit: AuditQueries | undefined;
  private readonly statements: ReturnType<SqliteEventStore['compileStatements']>;
  /** Multi-row INSERTs by row count (only the sizes in INSERT_CHUNK_SIZES), prepared on first use. */
  private readonly inserts = new Map<number, Database.Statement>();

  constructor(options: SqliteEventStoreOptions) {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    // No blocking busy handler: a synchronous wait would freeze the event loop, and with it any other
    // connection in this process (the read side's) that holds the lock. Busy batches are retried asynchronously.
    this.db.pragma('busy_timeout = 0');
    this.lockWaitMs = options.lockWaitMs ?? 5000;
    this.clock = options.clock ?? (() => new Date());
    this.statements = this.prepareStatements();
  }

  private prepareStatements() {
    try {
      return this.compileStatements();
    } catch (error) {
      this.db.close();
      if (error instanceof Error && error.message.includes('no such table')) {
        throw new UnavailableError('The database has no tables yet: run `npm run db:migrate`');
      }
      throw error;
    }
  }

  private compileStatements() {
    return {
      head: this.db.prepare<[string], { version: number; hash: string }>(
        'SELECT stream_version AS version, hash FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1',
      ),
      findCommand: this.db.prepare<[string], { stream_id: string; version: number; position: number }>(
        'SELECT stream_id, version, position FROM commands WHERE command_id = ?',
      ),
      recordCommand: this.db.prepare(
        'INSERT INTO commands (command_id, stream_id, version, position, recorded_at) VALUES (?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare<[string, number, number, number], SqliteEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version LIMIT ?`,
      ),
      readAll: this.db.prepare<[number, number], SqliteEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      exists: this.db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE stream_id = ? LIMIT 1'),
      headPosition: this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    };
  }

  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new ValidationError('An append needs at least one event'));
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    if (batch.length === 0) return;
    this.commit(batch, Date.now());
  }

  private commit(batch: PendingAppend[], firstTry: number): void {
    if (this.closed) {
      for (const pending of batch) pending.reject(new Error('The event store was closed before the append was written'));
      return;
    }
    const outcomes: Array<{ ok: true; result: AppendResult } | { ok: false; error: unknown }> = [];
    const appendOne = this.db.transaction((pending: PendingAppend) => this.appendInTransaction(pending));
    const commitBatch = this.db.transaction(() => {
      for (const pending of batch) {
        try {
          outcomes.push({ ok: true, result: appendOne(pending) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    try {
      commitBatch.immediate();
    } catch (error) {
      if (isBusy(error) && !this.closed && Date.now() - firstTry < this.lockWaitMs) {
        setTimeout(() => this.commit(batch, firstTry), 2 + Math.random() * 8);
        return;
      }
      for (const pending of batch) pending.reject(asStoreError(error));
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(asStoreError(outcome.error));
    });
  }

  /** Runs inside a savepoint: a throw undoes this append only. */
  private appendInTransaction({ streamId, events, options }: PendingAppend): AppendResult {
    if (options.commandId) {
      const previous = this.statements.findCommand.get(options.commandId);
      if (previous) {
        return { streamId: previous.stream_id, nextExpectedVersion: previous.version, lastGlobalPosition: previous.position, duplicate: true };
      }
    }
    const head = this.statements.head.get(streamId) ?? { version: 0, hash: null };
    assertExpectedVersion(streamId, options.expectedVersion ?? 'any', head.version);
    const recordedAt = this.clock();
    const prepared = prepareEvents(streamId, events, head, recordedAt, options.commandId);
    let lastPosition = 0;
    try {
      lastPosition = this.insertEvents(streamId, prepared, recordedAt.toISOString());
    } catch (error) {
      if (isUniqueViolation(error, 'events.stream_id')) throw new ConcurrencyError(streamId, String(options.expectedVersion ?? 'any'), head.version);
      throw error;
    }
    const version = head.version + prepared.length;
    if (options.commandId) {
      this.statements.recordCommand.run(options.commandId, streamId, version, lastPosition, recordedAt.toISOString());
    }
    return { streamId, nextExpectedVersion: version, lastGlobalPosition: lastPosition, duplicate: false };
  }

  /**
   * Inserts a batch with as few statements as the chunk sizes allow (100 events: 64 + 16 + 16 + 4), so the
   * per-statement cost is paid a handful of times instead of once per event. Returns the last position.
   */
  private insertEvents(streamId: string, prepared: PreparedEvent[], recordedAt: string): number {
    let lastPosition = 0;
    let offset = 0;
    while (offset < prepared.length) {
      const rows = INSERT_CHUNK_SIZES.find((size) => size <= prepared.length - offset)!;
      const values: unknown[] = [];
      for (let i = offset; i < offset + rows; i++) {
        const event = prepared[i]!;
        values.push(event.eventId, streamId, event.streamVersion, event.type, event.schemaVersion, event.dataJson, event.metadataJson, recordedAt, event.hash);
      }
      lastPosition = Number(this.insertStatement(rows).run(values).lastInsertRowid);
      offset += rows;
    }
    return lastPosition;
  }

  private insertStatement(rows: number): Database.Statement {
    let statement = this.inserts.get(rows);
    if (!statement) {
      // Anonymous parameters: better-sqlite3 binds an array only to `?`, not to numbered `?NNN`.
      const tuples = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      statement = this.db.prepare(
        `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash) VALUES ${tuples}`,
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(options.fromVersion ?? 1, 1);
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    return guard(() => this.statements.readStream.all(streamId, from, to, options.limit ?? -1).map(toRecordedEvent));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return guard(() => this.statements.readAll.all(options.fromPosition ?? 0, options.limit ?? 1000).map(toRecordedEvent));
  }

  async streamExists(streamId: string): Promise<boolean> {
    return guard(() => this.statements.exists.get(streamId) !== undefined);
  }

  async headPosition(): Promise<number> {
    return guard(() => this.statements.headPosition.get()?.position ?? 0);
  }

  async findCommand(commandId: string): Promise<AppendResult | null> {
    const row = guard(() => this.statements.findCommand.get(commandId));
    return row ? { streamId: row.stream_id, nextExpectedVersion: row.version, lastGlobalPosition: row.position, duplicate: true } : null;
  }

  /** The durability settings in force on this connection. */
  settings(): { journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' } {
    const levels = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: levels[Number(this.db.pragma('synchronous', { simple: true }))]!,
    };
  }

  /** Reads for auditors on this connection. */
  auditQueries(): AuditQueries {
    return (this.audit ??= sqliteAuditQueries(this.db));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.db.close();
  }
}

const isUniqueViolation = (error: unknown, column: string): boolean =>
  error instanceof Error &&
  (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
  error.message.includes(column);

const isBusy = (error: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string } | null)?.code ?? '');

/** A busy or locked database is a temporary outage (503), not a bug. */
const asStoreError = (error: unknown): unknown => {
  if (isBusy(error) || (error as { code?: string } | null)?.code === 'SQLITE_READONLY') {
    return new UnavailableError('The database is busy; try again shortly');
  }
  return error;
};

const guard = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    throw asStoreError(error);
  }
};
