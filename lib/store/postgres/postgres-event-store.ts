import type pg from 'pg';
import type { NewEvent, RecordedEvent } from '../../core/envelope';
import { ConcurrencyError, UnavailableError, ValidationError } from '../../core/errors';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  ReadAllOptions,
  ReadStreamOptions,
  StreamHead,
} from '../../core/event-store';
import { matchesExpectedVersion } from '../../core/expected-version';
import { KeyedQueue } from '../../core/keyed-queue';
import { prepareEvents, type PreparedEvent } from '../../core/prepare-events';
import type { AuditQueries } from '../../core/audit-queries';
import { AppendBatcher } from './append-batcher';
import { postgresAuditQueries } from './postgres-audit-queries';
import { createPool, type PostgresConnectionOptions } from './postgres-pool';
import { EVENT_COLUMNS, toRecordedEvent, type PostgresEventRow } from './postgres-rows';

export type PostgresEventStoreOptions = PostgresConnectionOptions & { clock?: () => Date; pool?: pg.Pool };

type AppendRow = { status: 'ok' | 'conflict' | 'duplicate' | 'invalid'; stream_version: number; last_position: string | null; detail: string | null };
type AppendRequest = { streamId: string; expectedVersion: number; prepared: PreparedEvent[]; commandId: string | undefined };

const HEAD_CACHE_LIMIT = 10_000;
const EMPTY_HEAD: StreamHead = { version: 0, hash: null };

/**
 * PostgreSQL through the raw `pg` driver. Appends go to `chronicle_append_batch`
 * (see the migrations), which takes a transaction-scoped advisory lock so
 * positions commit in order; concurrent appends share one call (group commit). Stream heads this process wrote
 * are cached so a sequential writer skips the head lookup; a stale entry only
 * costs a retry.
 */
export class PostgresEventStore implements EventStore {
  readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private readonly heads = new Map<string, StreamHead>();
  /** Appends to one stream from this process queue up instead of racing each other into conflicts. */
  private readonly streamQueue = new KeyedQueue();
  private readonly batcher = new AppendBatcher<AppendRequest, AppendRow>((requests) => this.sendBatch(requests));

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool ?? createPool(options);
    this.clock = options.clock ?? (() => new Date());
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (events.length === 0) throw new ValidationError('An append needs at least one event');
    return this.streamQueue.run(streamId, () => this.appendNow(streamId, events, options));
  }

  private async appendNow(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const expected = options.expectedVersion ?? 'any';
    // A stream expected not to exist needs no lookup: its head is version 0; the function checks it under the lock.
    let head = this.heads.get(streamId) ?? (expected === 'no_stream' || expected === 0 ? EMPTY_HEAD : undefined);
    for (;;) {
      if (!head || !matchesExpectedVersion(expected, head.version)) head = await this.readHead(streamId);
      if (!matchesExpectedVersion(expected, head.version)) return this.conflictOrDuplicate(streamId, expected, head.version, options.commandId);
      const prepared = prepareEvents(streamId, events, head, this.clock(), options.commandId);
      const row = await this.callAppend(streamId, head.version, prepared, options.commandId);
      if (row.status === 'ok') {
        this.rememberHead(streamId, { version: row.stream_version, hash: prepared.at(-1)!.hash });
        return { streamId, nextExpectedVersion: row.stream_version, lastGlobalPosition: Number(row.last_position), duplicate: false };
      }
      if (row.status === 'duplicate') return (await this.findCommand(options.commandId!))!;
      if (row.status === 'invalid') throw new ValidationError(`The append was refused: ${row.detail ?? 'constraint violated'}`);
      this.heads.delete(streamId);
      if (!retriesOnConflict(expected)) return this.conflictOrDuplicate(streamId, expected, row.stream_version, options.commandId);
      head = undefined;
    }
  }

  /** A command already handled answers with its first result, whatever version it now expects. */
  private async conflictOrDuplicate(
    streamId: string,
    expected: ExpectedVersion,
    actual: number,
    commandId: string | undefined,
  ): Promise<AppendResult> {
    const previous = commandId ? await this.findCommand(commandId) : null;
    if (previous) return previous;
    throw new ConcurrencyError(streamId, String(expected), actual);
  }

  private callAppend(
    streamId: string,
    expectedVersion: number,
    prepared: PreparedEvent[],
    commandId: string | undefined,
  ): Promise<AppendRow> {
    return this.batcher.submit({ streamId, expectedVersion, prepared, commandId });
  }

  private async sendBatch(requests: AppendRequest[]): Promise<AppendRow[]> {
    if (requests.length === 1) return [await this.sendOne(requests[0]!)];
    const events = requests.flatMap((request) => request.prepared);
    const result = await this.query<AppendRow & { ordinal: number }>(
      `SELECT ordinal, status, stream_version, last_position, detail
       FROM chronicle_append_batch($1, $2, $3, $4, $5, $6, $7, $8::jsonb[], $9::jsonb[], $10, $11) ORDER BY ordinal`,
      [
        requests.map((request) => request.streamId),
        requests.map((request) => request.expectedVersion),
        requests.map((request) => request.commandId ?? null),
        requests.map((request) => request.prepared.length),
        events.map((event) => event.eventId),
        events.map((event) => event.type),
        events.map((event) => event.schemaVersion),
        events.map((event) => event.dataJson),
        events.map((event) => event.metadataJson),
        events.map((event) => event.hash),
        requests.map((request) => request.prepared[0]!.recordedAt),
      ],
    );
    return result.rows;
  }

  /** A lone append skips the batch function's per-append savepoint: a duplicate event id fails the call instead. */
  private async sendOne({ streamId, expectedVersion, prepared, commandId }: AppendRequest): Promise<AppendRow> {
    try {
      const result = await this.query<AppendRow>(
        {
          name: 'chronicle_append',
          text: 'SELECT status, stream_version, last_position, NULL AS detail FROM chronicle_append($1, $2, $3, $4, $5, $6::jsonb[], $7::jsonb[], $8, $9, $10)',
        },
        [
          streamId,
          expectedVersion,
          prepared.map((event) => event.eventId),
          prepared.map((event) => event.type),
          prepared.map((event) => event.schemaVersion),
          prepared.map((event) => event.dataJson),
          prepared.map((event) => event.metadataJson),
          prepared.map((event) => event.hash),
          prepared[0]!.recordedAt,
          commandId ?? null,
        ],
      );
      return result.rows[0]!;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        return { status: 'invalid', stream_version: expectedVersion, last_position: null, detail: (error as Error).message };
      }
      throw error;
    }
  }

  private async readHead(streamId: string): Promise<StreamHead> {
    const result = await this.query<{ version: number; hash: string }>(
      'SELECT stream_version AS version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      [streamId],
    );
    return result.rows[0] ?? { version: 0, hash: null };
  }

  private rememberHead(streamId: string, head: StreamHead): void {
    if (this.heads.size >= HEAD_CACHE_LIMIT) this.heads.delete(this.heads.keys().next().value!);
    this.heads.set(streamId, head);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.query<PostgresEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version BETWEEN $2 AND $3 ORDER BY stream_version LIMIT $4`,
      [streamId, Math.max(options.fromVersion ?? 1, 1), options.toVersion ?? 2_147_483_647, options.limit ?? null],
    );
    return result.rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.query<PostgresEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [options.fromPosition ?? 0, options.limit ?? 1000],
    );
    return result.rows.map(toRecordedEvent);
  }

  async streamExists(streamId: string): Promise<boolean> {
    const result = await this.query('SELECT 1 FROM events WHERE stream_id = $1 LIMIT 1', [streamId]);
    return (result.rowCount ?? 0) > 0;
  }

  async headPosition(): Promise<number> {
    const result = await this.query<{ position: string | null }>('SELECT max(position) AS position FROM events', []);
    return Number(result.rows[0]?.position ?? 0);
  }

  async findCommand(commandId: string): Promise<AppendResult | null> {
    const result = await this.query<{ stream_id: string; version: number; position: string }>(
      'SELECT stream_id, version, position FROM commands WHERE command_id = $1',
      [commandId],
    );
    const row = result.rows[0];
    return row
      ? { streamId: row.stream_id, nextExpectedVersion: row.version, lastGlobalPosition: Number(row.position), duplicate: true }
      : null;
  }

  /** Reads for auditors on this store's pool. */
  auditQueries(): AuditQueries {
    return postgresAuditQueries(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Connection failures become UnavailableError so the edge can answer 503. */
  private async query<Row extends pg.QueryResultRow>(
    query: string | { name: string; text: string },
    values: unknown[],
  ): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(typeof query === 'string' ? { text: query, values } : { ...query, values });
    } catch (error) {
      if (isConnectionError(error)) throw new UnavailableError('The database is unavailable; try again shortly');
      if (isMissingSchema(error)) throw new UnavailableError('The database has no tables yet: run `npm run db:migrate`');
      throw error;
    }
  }
}

const retriesOnConflict = (expected: ExpectedVersion): boolean => expected === 'any' || expected === 'stream_exists';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

const isConnectionError = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  if (code && CONNECTION_CODES.has(code)) return true;
  return error instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(error.message);
};

/** undefined_table, undefined_function: the migrations have not been applied. */
const isMissingSchema = (error: unknown): boolean => ['42P01', '42883'].includes((error as { code?: string } | null)?.code ?? '');
