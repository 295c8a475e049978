import { z } from 'zod';
import { streamCategory, type RecordedEvent } from '../../core/envelope';
import { ValidationError, type FieldIssue } from '../../core/errors';
import { issuesOf } from '../../commands/account-commands';
import { streamIdSchema } from '../../commands/validation';
import { valuesOf } from '../http/query';

/* Query and header parsing of GET /api/events/stream. No database here: the OpenAPI document imports it. */

/** Announced to clients as the reconnection delay. */
export const RETRY_MS = 2_000;
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Bounds a client may ask for; the server's own default (CHRONICLE_SSE_HEARTBEAT_MS) may go lower, for tests. */
export const MIN_HEARTBEAT_MS = 1_000;
export const MAX_HEARTBEAT_MS = 60_000;
export const MAX_STREAM_FILTERS = 100;
export const MAX_CATEGORY_FILTERS = 20;

export const categorySchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'Category must look like account or transfer');

export const positionSchema = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,16}$/, `${name} must be a global position (a whole number)`)
    .transform(Number)
    .pipe(z.number().max(Number.MAX_SAFE_INTEGER, `${name} is too large`));

const heartbeatSchema = z
  .string()
  .regex(/^\d{1,9}$/, 'heartbeat_ms must be a whole number of milliseconds')
  .transform(Number)
  .pipe(z.number().min(MIN_HEARTBEAT_MS, `heartbeat_ms must be at least ${MIN_HEARTBEAT_MS}`).max(MAX_HEARTBEAT_MS, `heartbeat_ms may be at most ${MAX_HEARTBEAT_MS}`));

/**
 * Events of any listed stream or of any listed category; null passes everything. `joins`, when
 * given, is asked about an event of any other stream and may let that stream in (a customer's
 * account opened after they connected: the filter lets it in from its first event on).
 */
export type EventFilter = {
  streams: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  joins?: (event: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>) => boolean;
} | null;

/** Where the stream starts: after a position the client names, or after whatever is newest when it connects. */
export type StartPoint = { after: number; source: 'Last-Event-ID' | 'from' } | { after: 'head' };

export type EventStreamRequest = { start: StartPoint; filter: EventFilter; heartbeatMs: number | undefined };

export const matchesFilter = (filter: EventFilter, streamId: string, event?: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>): boolean =>
  filter === null || filter.streams.has(streamId) || filter.categories.has(streamCategory(streamId)) || (event !== undefined && filter.joins?.(event) === true);

const parseList = (values: string[], schema: z.ZodType<string>, key: string, max: number, issues: FieldIssue[]): Set<string> => {
  if (values.length > max) issues.push({ path: key, message: `At most ${max} ${key} values may be given` });
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) issues.push(...issuesOf(parsed.error).map((issue) => ({ path: key, message: `${issue.message}: "${value.slice(0, 80)}"` })));
  }
  return new Set(values);
};

const single = <T>(raw: string | null, schema: z.ZodType<T, string>, path: string, issues: FieldIssue[]): T | undefined => {
  if (raw === null) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  issues.push(...issuesOf(parsed.error).map((issue) => ({ ...issue, path })));
  return undefined;
};

/**
 * Last-Event-ID (an EventSource reconnecting; it repeats the original URL, so
 * the header wins over `from`), else `?from=N`, else the head. Every problem
 * is reported at once; unknown parameters are ignored.
 */
export const parseEventStreamRequest = (request: Request): EventStreamRequest => {
  const params = new URL(request.url).searchParams;
  const issues: FieldIssue[] = [];
  for (const key of ['from', 'heartbeat_ms']) {
    if (params.getAll(key).length > 1) issues.push({ path: key, message: `${key} may be given once` });
  }
  // An empty header means "no id yet", as EventSource itself never sends one.
  const lastEventIdHeader = request.headers.get('last-event-id')?.trim() || null;
  const lastEventId = single(lastEventIdHeader, positionSchema('Last-Event-ID'), 'Last-Event-ID', issues);
  const from = single(params.get('from'), positionSchema('from'), 'from', issues);
  const heartbeatMs = single(params.get('heartbeat_ms'), heartbeatSchema, 'heartbeat_ms', issues);
  const streams = parseList(valuesOf(params, 'stream'), streamIdSchema, 'stream', MAX_STREAM_FILTERS, issues);
  const categories = parseList(valuesOf(params, 'category'), categorySchema, 'category', MAX_CATEGORY_FILTERS, issues);
  if (issues.length > 0) throw new ValidationError('Invalid event stream request', issues);

  const start: StartPoint =
    lastEventId !== undefined
      ? { after: lastEventId, source: 'Last-Event-ID' }
      : from !== undefined
        ? { after: from, source: 'from' }
        : { after: 'head' };
  const filter = streams.size === 0 && categories.size === 0 ? null : { streams, categories };
  return { start, filter, heartbeatMs };
};

/** The concrete position to read after, given the store's head; a position past the head is a stale or foreign id. */
export const resolveStart = (start: StartPoint, head: number): number => {
  if (start.after === 'head') return head;
  if (start.after > head) {
    throw new ValidationError('Invalid event stream request', [
      { path: start.source, message: `Position ${start.after} is beyond the newest event (${head}); start again without it` },
    ]);
  }
  return start.after;
};
