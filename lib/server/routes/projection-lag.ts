import { projectionLagSchema, streamProjectionLag, type StreamProjectionLag } from '../../debugger/projection-lag';
import { eventAt } from '../../debugger/stream-probe';
import { defineRoute } from '../http/define-route';
import { readSideManager } from '../http/read-your-writes';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The debugger timeline's projection lane: where each projection's checkpoint stands on this stream. */

export const streamProjectionLagRoute = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/projection-lag',
  operationId: 'getStreamProjectionLag',
  summary: "Where each projection's checkpoint stands on a stream's timeline, and the read-your-writes barrier",
  description:
    "Per projection, the last version of this stream its live generation has folded and how many of the stream's events it has not; " +
    'the barrier is the lowest of them, the version up to which a read from the read models includes this stream (a read with `after_position` waits past it). ' +
    'The log-wide figures (checkpoints, lag in events and seconds) are for staff; a customer sees where their own stream stands. A few indexed reads per projection.',
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  responses: { 200: { description: 'The checkpoints on this stream', schema: projectionLagSchema }, 404: '`stream_not_found`' },
  handle: async ({ principal, params: { streamId } }): Promise<StreamProjectionLag> => {
    const runtime = webRuntime();
    const head = await runtime.debuggerFor(streamId).head(streamId);
    const statuses = await readSideManager().status();
    return streamProjectionLag({
      streamId,
      head,
      statuses,
      positionOf: async (version) => (await eventAt(runtime.store.stored, streamId, version))?.globalPosition ?? Number.MAX_SAFE_INTEGER,
      staff: principal.role !== 'customer',
      now: new Date(),
    });
  },
});
