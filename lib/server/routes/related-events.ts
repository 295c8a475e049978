import { z } from 'zod';
import { trailRow } from '../../audit/audit-trail';
import { trailRowSchema } from '../../audit/schemas';
import { NotFoundError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { auditQueries } from '../audit-service';
import { defineRoute } from '../http/define-route';
import { text } from '../http/query';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/*
 * The other events of one event's story, for the debugger: what shares its correlation id (a
 * transfer's legs and refund), what caused it and what it caused. Whoever may read the stream may
 * ask; the answer holds only events of streams the caller may read, and says how many it left out.
 */

const MAX_RELATED = 50;

const relatedSchema = z
  .object({
    correlationId: z.string().nullable(),
    correlated: z.array(trailRowSchema).describe('Events sharing the correlation id that the caller may read, in global order'),
    /** More than MAX_RELATED share it: the first ones are shown. */
    truncated: z.boolean(),
    /** Events of the story in streams the caller may not read (another customer's account): counted, not shown. */
    hidden: z.number().int().min(0),
    cause: trailRowSchema.nullable().describe('The event named as the cause, if it is an event the caller may read'),
    effects: z.array(trailRowSchema).describe('Events this event caused'),
  })
  .meta({ id: 'RelatedEvents' });

export type RelatedEventsBody = z.infer<typeof relatedSchema>;

/** Which of these streams the principal may read, asked once per stream. */
const readableStreams = async (principal: Principal, streamIds: Iterable<string>): Promise<Set<string>> => {
  const access = webRuntime().access;
  const ids = [...new Set(streamIds)];
  const allowed = await Promise.all(ids.map((id) => access.mayRead(principal, id)));
  return new Set(ids.filter((_, index) => allowed[index]));
};

export const relatedEvents = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/related',
  operationId: 'getRelatedEvents',
  summary: "An event's story across streams: same correlation, its cause, its effects",
  description:
    'For the event `eventId` of this stream. Staff see every stream; a customer sees only events of streams they may read, and `hidden` counts the rest.',
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  query: z.object({ eventId: text('eventId', 64).meta({ description: 'The event, by id' }) }),
  responses: { 200: { description: 'The related events', schema: relatedSchema }, 404: '`event_not_found`: no such event in this stream' },
  handle: async ({ principal, params: { streamId }, query: { eventId } }) => {
    const audit = auditQueries();
    const [event] = await audit.queryEvents({ eventId, streamId, order: 'asc', limit: 1 });
    if (!event) throw new NotFoundError(`No event ${eventId} in ${streamId}`, 'event_not_found');
    const correlationId = typeof event.metadata.correlationId === 'string' ? event.metadata.correlationId : null;
    const causationId = typeof event.metadata.causationId === 'string' ? event.metadata.causationId : null;
    const [correlated, causes, effects] = await Promise.all([
      correlationId ? audit.queryEvents({ correlationId, order: 'asc', limit: MAX_RELATED + 1 }) : Promise.resolve([]),
      causationId ? audit.queryEvents({ eventId: causationId, order: 'asc', limit: 1 }) : Promise.resolve([]),
      audit.queryEvents({ causationId: event.eventId, order: 'asc', limit: MAX_RELATED }),
    ]);
    const shown = correlated.slice(0, MAX_RELATED);
    const readable = await readableStreams(principal, [...shown, ...causes, ...effects].map((found) => found.streamId));
    const visible = <T extends { streamId: string }>(rows: T[]) => rows.filter((row) => readable.has(row.streamId));
    return {
      correlationId,
      correlated: visible(shown).map(trailRow),
      truncated: correlated.length > MAX_RELATED,
      hidden: shown.length - visible(shown).length,
      cause: visible(causes).map(trailRow)[0] ?? null,
      effects: visible(effects).map(trailRow),
    };
  },
});
