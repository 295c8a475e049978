import { z } from 'zod';
import { MAX_BLAME_CHANGES } from '../../debugger/blame';
import { blamePathSchema, blameResultSchema } from '../../debugger/blame-schemas';
import { defineRoute } from '../http/define-route';
import { wholeNumber } from '../http/query';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* "Blame this value": which events made a field of a stream's state what it is at a version. */

export const streamBlame = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/blame',
  operationId: 'getBlame',
  summary: 'Every event that changed one field of the state, up to a version',
  description:
    "One instrumented fold of the stream by its aggregate's decider records each write to the field: the event, its command, actor, correlation id and time, " +
    `and the value before and after. Nested fields are dotted (\`holder.name\`). At most the newest ${MAX_BLAME_CHANGES} changes are listed (\`total\` counts all). ` +
    'Readable by whoever may read the stream.',
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  query: z.object({
    path: blamePathSchema.meta({ description: 'A field of the state, e.g. `balance` or `holder.name`' }),
    version: wholeNumber('version', 0).optional().meta({ description: 'Blame up to this version (inclusive); the head when absent' }),
  }),
  responses: { 200: { description: 'The changes, oldest first', schema: blameResultSchema }, 404: '`stream_not_found`, or `version_not_found` beyond the head' },
  handle: ({ params: { streamId }, query }) => webRuntime().debuggerFor(streamId).blame(streamId, query.path, query.version),
});
