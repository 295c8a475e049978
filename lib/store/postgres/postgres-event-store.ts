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
import { prepareEvents } from '../../core/prepare-events';
import { createPool, type PostgresConnectionOptions } from './postgres-pool';
import { EVENT_COLUMNS, toRecordedEvent, type PostgresEventRow } from './postgres-rows';

export type PostgresEventStoreOptions = PostgresConnectionOptions & { clock?: () => Date; pool?: pg.Pool };

type AppendRow = { status: 'ok' | 'conflict' | 'duplicate'; stream_version: number; last_position: string | null };

const HEAD_CACHE_LIMIT = 10_000;

/**
 * PostgreSQL through the raw `pg` driver. Each append is one round trip to
 * `chronicle_append` (see the init migration), which takes a transaction-scoped
 * advisory lock so positions commit in order. Stream heads this process wrote
 * are cached so a sequential writer skips the head lookup; a stale entry only
 * costs a retry.
 */
export class PostgresEventStore implements EventStore {
  readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private readonly heads = new Map<string, StreamHead>();
  /** Appends to one stream from this process queue up instead of racing each other into conflicts. */
  private readonly streamQueue = new KeyedQueue();

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
    let head = this.heads.get(streamId);
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

  private async callAppend(
    streamId: string,
    expectedVersion: number,
    prepared: ReturnType<typeof prepareEvents>,
    commandId: string | undefined,
  ): Promise<AppendRow> {
    const result = await this.query<AppendRow>(
      'SELECT status, stream_version, last_position FROM chronicle_append($1, $2, $3, $4, $5, $6::jsonb[], $7::jsonb[], $8, $9, $10)',
      [
        streamId,
        expectedVersion,
        prepared.map((event) => event.eventId),
        prepared.map((event) => event.type),
        prepared.map((event) => event.schemaVersion),
        prepared.map((event) => JSON.stringify(event.data)),
        prepared.map((event) => JSON.stringify(event.metadata)),
        prepared.map((event) => event.hash),
        prepared[0]!.recordedAt,
        commandId ?? null,
      ],
    );
    return result.rows[0]!;
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

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Connection failures become UnavailableError so the edge can answer 503. */
  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      return await this.pool.query<Row>(text, values);
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
