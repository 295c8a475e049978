import type { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { asReadSideError } from '../../read/read-db-errors';
import { requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { notificationsPage, outboxStatus, parkedMessages, retryParkedMessage } from '../operations';
import { notificationsParams, outboxPositionSchema, parkedParams } from './operations-schemas';
import { invalidQuery, parseParams } from './read-query';
import { errorResponse, jsonResponse } from './responses';
import { webRuntime } from '../web-runtime';

/** The outbox and notifications are operations' business: tellers and auditors, never customers. */
const withQuery =
  <S extends z.ZodObject>(schema: S, run: (query: z.output<S>) => Promise<unknown>) =>
  async (request: Request): Promise<Response> => {
    try {
      requireAllowed(await requestPrincipal(request), 'operations.read');
      const parsed = parseParams(new URL(request.url).searchParams, schema);
      if (!parsed.data) throw invalidQuery(parsed.issues);
      return jsonResponse(await run(parsed.data));
    } catch (error) {
      return errorResponse(asReadSideError(error));
    }
  };

/** GET /api/outbox */
export const outboxStatusRoute = () => withQuery(parkedParams.pick({}), () => outboxStatus());

/** GET /api/outbox/parked */
export const parkedMessagesRoute = () => withQuery(parkedParams, async ({ limit }) => ({ items: await parkedMessages(limit) }));

/** POST /api/outbox/parked/{position}/retry */
export const retryParkedRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ position: string }> }): Promise<Response> => {
    try {
      webRuntime().access.operation(await requestPrincipal(request), 'outbox.retry');
      const parsed = outboxPositionSchema.safeParse((await params).position);
      if (!parsed.success) throw new NotFoundError('There is no outbox message at that position', 'outbox_message_not_found');
      return jsonResponse(await retryParkedMessage(parsed.data));
    } catch (error) {
      return errorResponse(asReadSideError(error));
    }
  };

/** GET /api/notifications */
export const notificationsRoute = () => withQuery(notificationsParams, (query) => notificationsPage(query));
