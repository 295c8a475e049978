import { NotFoundError } from '../../core/errors';
import { eventStore } from '../event-store';
import { errorResponse, jsonResponse } from './responses';
import { recordedEventBody } from './schemas';
import { parseStreamEventsQuery, parseStreamId } from './stream-query';

/** GET /api/streams/{streamId}/events: a window of one stream, every envelope field included. */
export const streamEventsRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ streamId: string }> }): Promise<Response> => {
    try {
      const streamId = parseStreamId((await params).streamId);
      const { fromVersion, toVersion, limit } = parseStreamEventsQuery(new URL(request.url).searchParams);
      const store = eventStore();
      const events = await store.readStream(streamId, { fromVersion, toVersion, limit });
      // An empty window of an existing stream is a valid answer; a stream with no events does not exist.
      if (events.length === 0 && !(await store.streamExists(streamId))) {
        throw new NotFoundError(`Stream ${streamId} does not exist`, 'stream_not_found');
      }
      return jsonResponse({ streamId, events: events.map(recordedEventBody) });
    } catch (error) {
      return errorResponse(error);
    }
  };
