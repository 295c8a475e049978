import { z } from 'zod';
import {
  DEFAULT_NOTIFICATIONS_LIMIT,
  MAX_NOTIFICATIONS_LIMIT,
  notificationsPageSchema,
  outboxStatusSchema,
  parkedListSchema,
  retryResultSchema,
} from './operations-schemas';

/* The OpenAPI path items of the outbox and notifications routes, merged into the document by openapi.ts. No database imports here. */

const schemaOf = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
};

const ok = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: schemaOf(schema) } } });
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const wholeQuery = (name: string, description: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum: 1, ...extra },
});

export const OPERATIONS_TAG = { name: 'operations', description: 'The outbox, its relay to the message bus, and the notifications consumer' };

export const OPERATIONS_PATHS = {
  '/api/outbox': {
    get: {
      operationId: 'getOutboxStatus',
      summary: 'Outbox backlog: pending, sent and parked messages, the oldest pending, the relay and the bus',
      tags: ['operations'],
      responses: { 200: ok('The outbox now', outboxStatusSchema), 503: error('`unavailable`') },
    },
  },
  '/api/outbox/parked': {
    get: {
      operationId: 'listParkedMessages',
      summary: 'Messages parked after too many failed publishes (their streams wait behind them)',
      tags: ['operations'],
      parameters: [wholeQuery('limit', 'At most this many, oldest first', { maximum: 500, default: 100 })],
      responses: { 200: ok('Parked messages, oldest first', parkedListSchema), 400: error('`validation_failed`') },
    },
  },
  '/api/outbox/parked/{position}/retry': {
    post: {
      operationId: 'retryParkedMessage',
      summary: 'Put a parked message back in line to be published',
      tags: ['operations'],
      parameters: [{ name: 'position', in: 'path', required: true, description: 'The parked event\'s global position', schema: { type: 'integer', minimum: 1 } }],
      responses: {
        200: ok('Pending again; the relay tries it now', retryResultSchema),
        404: error('`outbox_message_not_found`'),
        422: error('`outbox_message_not_parked`: it is pending or already sent'),
      },
    },
  },
  '/api/notifications': {
    get: {
      operationId: 'listNotifications',
      summary: 'Notices of large withdrawals and failed transfers, newest first',
      tags: ['operations'],
      parameters: [
        wholeQuery('limit', 'Page size', { maximum: MAX_NOTIFICATIONS_LIMIT, default: DEFAULT_NOTIFICATIONS_LIMIT }),
        wholeQuery('before', 'The previous page\'s `nextCursor`'),
      ],
      responses: { 200: ok('A page of notices', notificationsPageSchema), 400: error('`validation_failed`') },
    },
  },
};
