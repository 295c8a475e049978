import { z } from 'zod';
import { DEFAULT_TRAIL_LIMIT, MAX_TRAIL_LIMIT, trailPage, trailRows, type TrailFilter } from '../../audit/audit-trail';
import {
  bankTotalsAtSchema,
  fingerprintCheckSchema,
  inclusionProofSchema,
  merkleFingerprintSchema,
  trailPageSchema,
  verificationReportSchema,
} from '../../audit/schemas';
import { CSV_COLUMNS, EXPORT_MEDIA_TYPES, renderExport, type ExportFormat } from '../../audit/trail-export';
import { streamIdSchema } from '../../commands/validation';
import { auditQueries, bankTotalsAsOf, checkStoreFingerprint, eventInclusionProof, storeFingerprint, verifyStore } from '../audit-service';
import { defineRoute } from '../http/define-route';
import { categorySchema } from '../sse/stream-filter';
import { isoTime, joinedList, text, wholeNumber } from '../http/query';
import { resolveTrailFilter } from '../audit-filter';

/*
 * Routes for auditors, who with tellers may read them all (`audit.read`): the store's verification,
 * Merkle fingerprints and proofs, the audit trail and its exports. The bank's totals as of a time
 * follow the bank's statistics. A stream's verification is with the stream routes.
 */

const trailFilterParams = {
  actor: text('actor').optional().meta({ description: 'The actor, e.g. teller:tess; a bare name (tess) is the actor that user signs as' }),
  type: joinedList(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(,[A-Za-z][A-Za-z0-9_]*)*$/, 'type must be event type names separated by commas'))
    .transform((value) => value.split(','))
    .optional()
    .meta({ description: 'Event types, comma-separated or repeated; any case' }),
  from: isoTime('from').optional().meta({ description: 'Recorded at or after (ISO; UTC without an offset)' }),
  to: isoTime('to').optional().meta({ description: 'Recorded before (ISO; UTC without an offset)' }),
  eventId: text('eventId').optional().meta({ description: 'One event by id' }),
  correlationId: text('correlationId').optional().meta({ description: 'Events of one correlation (e.g. a transfer)' }),
  causationId: text('causationId').optional().meta({ description: 'Events caused by this event or command id' }),
  streamId: streamIdSchema.optional().meta({ description: 'One stream' }),
  category: categorySchema.optional().meta({ description: 'Streams `{category}-…`' }),
};

const toIsAfterFrom = (query: { from?: Date; to?: Date }) => !query.from || !query.to || query.from < query.to;
const afterFrom = { message: 'to must be after from', path: ['to'] };

const filterOf = <Q extends { type?: string[] } & Record<string, unknown>>({ type, ...rest }: Q): TrailFilter =>
  ({ ...rest, ...(type ? { types: type } : {}) }) as TrailFilter;

const order = (fallback: 'asc' | 'desc', description: string) =>
  z.enum(['asc', 'desc'], 'order must be asc or desc').default(fallback).meta({ description });

const auditors = { action: 'audit.read' } as const;

export const storeVerification = defineRoute({
  method: 'GET',
  path: '/api/audit/verification',
  operationId: 'verifyStore',
  summary: 'Recompute every hash chain in the store',
  description: 'One pass in global order: each link, global-position continuity (SQLite), the commands table, and the Merkle fingerprint of everything checked.',
  tag: 'audit',
  auth: auditors,
  responses: { 200: { description: 'The verification report', schema: verificationReportSchema } },
  handle: () => verifyStore(),
});

const fingerprintQuery = z
  .object({
    position: wholeNumber('position', 0).optional().meta({ description: 'Global position the fingerprint covers up to' }),
    root: z.string().regex(/^[0-9a-fA-F]{64}$/, 'root must be 64 hexadecimal digits').optional().meta({ description: 'A Merkle root written down earlier' }),
  })
  .refine((query) => query.root === undefined || query.position !== undefined, { message: 'a root needs the position it was taken at', path: ['position'] });

export const fingerprint = defineRoute({
  method: 'GET',
  path: '/api/audit/fingerprint',
  operationId: 'getFingerprint',
  summary: 'A Merkle root over the global order, or the check of one written down',
  description:
    'Without `root`: the fingerprint at `position` (default: the newest event). With `position` and `root`: whether the events at or before that position are still exactly those fingerprinted.',
  tag: 'audit',
  auth: auditors,
  query: fingerprintQuery,
  responses: { 200: { description: 'A fingerprint, or with `root` a check', schema: z.union([merkleFingerprintSchema, fingerprintCheckSchema]) } },
  handle: ({ query: { position, root } }) =>
    root !== undefined && position !== undefined ? checkStoreFingerprint({ position, root }) : storeFingerprint(position),
});

export const inclusionProof = defineRoute({
  method: 'GET',
  path: '/api/audit/proof',
  operationId: 'getInclusionProof',
  summary: 'Prove that one event is in a fingerprinted tree',
  tag: 'audit',
  auth: auditors,
  query: z.object({
    position: wholeNumber('position', 1).meta({ description: "The event's global position" }),
    treePosition: wholeNumber('treePosition', 1).optional().meta({ description: "The fingerprint's position (default: newest)" }),
  }),
  responses: { 200: { description: 'An RFC 9162 audit path', schema: inclusionProofSchema }, 404: '`event_not_found`' },
  handle: ({ query }) => eventInclusionProof(query.position, query.treePosition),
});

/** Counting stops here: a count of a million costs what reading them would, and "more than 10,000" says enough. */
export const MAX_MATCH_COUNT = 10_000;

const countedTrailPageSchema = trailPageSchema
  .extend({
    matched: z.number().int().min(0).describe(`How many events match the filters, counted up to ${MAX_MATCH_COUNT}`),
    moreMatch: z.boolean().describe(`More than ${MAX_MATCH_COUNT} match`),
    actor: z.string().nullable().describe('The actor filtered by: a bare name (`ann`) is the actor that user signs as (`teller:ann`)'),
    types: z.array(z.string()).nullable().describe('The event types filtered by, as registered (`moneywithdrawn` is `MoneyWithdrawn`)'),
  })
  .meta({ id: 'CountedTrailPage' });

export type CountedTrailPage = z.infer<typeof countedTrailPageSchema>;

export const auditEvents = defineRoute({
  method: 'GET',
  path: '/api/audit/events',
  operationId: 'listAuditEvents',
  summary: 'The audit trail: events across streams',
  description: 'Filters combine with AND; pages are keyset-paged on the global position (pass `nextCursor` as `cursor`).',
  tag: 'audit',
  auth: auditors,
  query: z
    .object({
      ...trailFilterParams,
      cursor: wholeNumber('cursor', 0).optional().meta({ description: 'nextCursor of the previous page' }),
      limit: wholeNumber('limit', 1, MAX_TRAIL_LIMIT).default(DEFAULT_TRAIL_LIMIT).meta({ description: 'Page size' }),
      order: order('desc', 'desc: newest first'),
    })
    .refine(toIsAfterFrom, afterFrom),
  responses: { 200: { description: 'A page of events, with how many match', schema: countedTrailPageSchema } },
  handle: async ({ query: { cursor, limit, order: direction, ...filter } }) => {
    const resolved = await resolveTrailFilter(filterOf(filter));
    const [page, matched] = await Promise.all([
      trailPage(auditQueries(), resolved, { cursor, limit, order: direction }),
      auditQueries().countEvents(resolved, MAX_MATCH_COUNT),
    ]);
    return {
      ...page,
      matched: Math.min(matched, MAX_MATCH_COUNT),
      moreMatch: matched > MAX_MATCH_COUNT,
      actor: resolved.actor ?? null,
      types: resolved.types ?? null,
    };
  },
});

const encoder = new TextEncoder();

/** Every matching event, streamed as it is read; the first chunk is read before answering, so a broken database still gets an error status. */
const exportResponse = async (filter: TrailFilter, direction: 'asc' | 'desc', format: ExportFormat): Promise<Response> => {
  const chunks = renderExport(trailRows(auditQueries(), filter, direction), format);
  const first = await chunks.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return new Response(body, {
    headers: {
      'Content-Type': EXPORT_MEDIA_TYPES[format],
      'Content-Disposition': `attachment; filename="chronicle-audit-${stamp}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};

const exportRoute = (format: ExportFormat, operationId: string, summary: string, description: string, contentType: string) =>
  defineRoute({
    method: 'GET',
    path: `/api/audit/events.${format}`,
    operationId,
    summary,
    description,
    tag: 'audit',
    auth: auditors,
    query: z.object({ ...trailFilterParams, order: order('asc', 'asc: oldest first') }).refine(toIsAfterFrom, afterFrom),
    responses: {
      200: {
        description: `${description.split('.')[0]}, as an attachment`,
        contentType,
        headers: z.object({ 'Content-Disposition': z.string().meta({ description: 'attachment; filename="chronicle-audit-<time>.<format>"' }) }),
      },
    },
    handle: async ({ query: { order: direction, ...filter } }) => exportResponse(await resolveTrailFilter(filterOf(filter)), direction, format),
  });

export const auditEventsCsv = exportRoute(
  'csv',
  'exportAuditEventsCsv',
  'Export the audit trail as CSV',
  `RFC 4180 CSV of every matching event, streamed. Columns: ${CSV_COLUMNS.join(', ')}. Text a spreadsheet would run as a formula starts with an apostrophe.`,
  'text/csv',
);

export const auditEventsJsonLines = exportRoute(
  'jsonl',
  'exportAuditEventsJsonLines',
  'Export the audit trail as JSON Lines',
  'One TrailRow object per line for every matching event, streamed.',
  'application/x-ndjson',
);

export const bankTotalsAt = defineRoute({
  method: 'GET',
  path: '/api/bank/totals',
  operationId: 'getBankTotalsAt',
  summary: 'Bank totals as of a time',
  description: "Accounts by status and balances by currency as the books stood at `at`, folded from the events recorded by then (not from today's read models).",
  tag: 'audit',
  auth: { action: 'bank.history' },
  query: z.object({ at: isoTime('at').meta({ description: 'ISO date-time; without an offset it is UTC' }) }),
  responses: { 200: { description: 'Totals then', schema: bankTotalsAtSchema } },
  handle: ({ query }) => bankTotalsAsOf(query.at),
});
