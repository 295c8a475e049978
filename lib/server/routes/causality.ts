import { z } from 'zod';
import { causalityLanes, MAX_MARKS, MAX_TRANSFERS } from '../../debugger/causality';
import { causalitySchema, type CausalityLanes } from '../../debugger/causality-schemas';
import { publishRecords } from '../../outbox/publish-records';
import { auditQueries } from '../audit-service';
import { defineRoute } from '../http/define-route';
import { isoTime } from '../http/query';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The debugger's causality lanes: what made a stream's events, the transfers they belong to, and their publication. */

export const streamCausality = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/causality',
  operationId: 'getCausalityLanes',
  summary: 'Commands, saga steps and outbox publications around a stream, over a window of time',
  description:
    'For the events of this stream recorded in [from, to] (both inclusive; by default its whole history): the commands behind them ' +
    '(accepted ones from the events, refused ones and those lost to another writer from the command journal, each lost one with the event written in its place), ' +
    `the steps and compensations of the transfers they belong to (up to ${MAX_TRANSFERS}), each placed in the transfer stream and the account leg it wrote, ` +
    'and when the outbox published each event with its lag (the relay marks a row sent only on the bus acknowledgement, so publish = ack). ' +
    `At most ${MAX_MARKS} marks a lane, from the newest events of the window: a wider window says \`truncated\`. Whoever may read the stream may ask; steps recorded only in streams the caller may not read are counted in \`hidden\`, not shown.`,
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  query: z
    .object({
      from: isoTime('from').optional().meta({ description: 'Start of the window (ISO 8601; default: the beginning)' }),
      to: isoTime('to').optional().meta({ description: 'End of the window, inclusive (ISO 8601; default: now)' }),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'from must not be after to', path: ['from'] }),
  responses: { 200: { description: 'The three lanes', schema: causalitySchema } },
  handle: ({ principal, params: { streamId }, query }): Promise<CausalityLanes> => {
    const runtime = webRuntime();
    return causalityLanes(
      {
        audit: auditQueries(),
        store: runtime.store,
        journal: runtime.journal,
        publishRecords: (positions) => publishRecords(runtime.readDb, positions),
        mayRead: (other) => runtime.access.mayRead(principal, other),
      },
      streamId,
      { from: query.from ?? new Date(0), to: query.to ?? new Date() },
    );
  },
});
