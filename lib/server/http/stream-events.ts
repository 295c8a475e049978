import { NotFoundError } from '../../core/errors';
import { authorizeStreamRead } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { errorResponse, jsonResponse } from './responses';
import { recordedEventBody, upcastEventBody } from './schemas';
import { parseStreamEventsQuery, parseStreamId } from './stream-query';
import { webRuntime } from '../web-runtime';

/**
 * GET /api/streams/{streamId}/events: a window of one stream, every envelope
 * field included; upcast to the current schema versions, or as stored with `raw=1`.
 */
export const streamEventsRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ streamId: string }> }): Promise<Response> => {
    try {
      const principal = await requestPrincipal(request);
      const streamId = parseStreamId((await params).streamId);
      await authorizeStreamRead(principal, streamId);
      const { fromVersion, toVersion, limit, raw } = parseStreamEventsQuery(new URL(request.url).searchParams);
      const store = webRuntime().store;
      // One read of what is stored serves both forms, so the two always describe the same events.
      const stored = await store.stored.readStream(streamId, { fromVersion, toVersion, limit });
      // An empty window of an existing stream is a valid answer; a stream with no events does not exist.
      if (stored.length === 0 && !(await store.streamExists(streamId))) {
        throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
      }
      const events = raw ? stored.map(recordedEventBody) : stored.map((event) => upcastEventBody(event, store.upcasters.upcast(event)));
      return jsonResponse({ streamId, form: raw ? 'stored' : 'current', events });
    } catch (error) {
      return errorResponse(error);
    }
  };
