import { z } from 'zod';
import { wholeNumber } from './query';

/* Shapes of the operations routes (outbox and notifications). */

export const DEFAULT_NOTIFICATIONS_LIMIT = 20;
export const MAX_NOTIFICATIONS_LIMIT = 100;

export const notificationsParams = z.object({
  limit: wholeNumber('limit', 1, MAX_NOTIFICATIONS_LIMIT).optional().describe('Page size'),
  before: wholeNumber('before', 1, Number.MAX_SAFE_INTEGER).optional().describe('The previous page\'s nextCursor: notices older than it'),
});

export const parkedParams = z.object({ limit: wholeNumber('limit', 1, 500).optional().describe('At most this many, oldest first (default 100)') });

export const outboxPositionSchema = wholeNumber('position', 1, Number.MAX_SAFE_INTEGER);

export const outboxStatusSchema = z.object({
  pending: z.number().int().describe('Waiting to be published'),
  sent: z.number().int().describe('Acknowledged by the bus'),
  parked: z.number().int().describe('Failed too often; waiting for a retry by hand'),
  blocked: z.number().int().describe('Pending, held behind a parked message of the same stream (per-stream order)'),
  oldestPendingAt: z.string().nullable().describe('When the oldest pending event was recorded'),
  oldestPendingAgeSeconds: z.number().nullable(),
  relay: z
    .object({
      holder: z.string().describe('The relay process holding the lease'),
      active: z.boolean().describe('Whether its lease is current'),
      leaseExpiresAt: z.string(),
      busError: z.string().nullable().describe('Why the bus last refused (unreachable); null once it acknowledges again'),
      busErrorAt: z.string().nullable(),
    })
    .nullable(),
}).meta({ id: 'OutboxStatus' });

export const parkedMessageSchema = z.object({
  position: z.number().int().describe('The event\'s global position; the retry route takes it'),
  eventId: z.string(),
  streamId: z.string(),
  streamVersion: z.number().int(),
  category: z.string(),
  type: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  parkedAt: z.string().nullable(),
  recordedAt: z.string(),
}).meta({ id: 'ParkedMessage' });

export const parkedListSchema = z.object({ items: z.array(parkedMessageSchema) });

export const retryResultSchema = z.object({ position: z.number().int(), status: z.literal('pending') });

export const notificationSchema = z.object({
  id: z.number().int(),
  eventId: z.string().describe('The event the notice is about; one notice per event, however often it is delivered'),
  kind: z.enum(['large_withdrawal', 'transfer_failed']),
  streamId: z.string(),
  accountId: z.string(),
  amount: z.number().int().describe('Minor units'),
  currency: z.string(),
  message: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
}).meta({ id: 'Notification' });

export const notificationsPageSchema = z.object({ items: z.array(notificationSchema), nextCursor: z.number().int().nullable() });
