import { z } from 'zod';
import { NotFoundError, RuleViolation } from '../../core/errors';
import type { ProjectionStatus } from '../../projections/projection-manager';
import { PROJECTIONS, projectionNamed } from '../../views/registry';
import { defineRoute } from '../http/define-route';
import {
  notificationsPageSchema,
  notificationsParams,
  outboxPositionSchema,
  outboxStatusSchema,
  parkedListSchema,
  parkedParams,
  retryResultSchema,
} from '../http/operations-schemas';
import { readSideManager } from '../http/read-your-writes';
import { projectionsSchema, retryProjectionSchema, type ProjectionStatusBody } from '../http/projection-schemas';
import { notificationsPage, outboxStatus, parkedMessages, retryParkedMessage } from '../operations-service';

/* Operating the system: the projections, the outbox and its relay, the notifications. Staff only; auditors may look. */

/** The engine's view of one projection, as the API shows it. */
export const projectionStatusBody = (status: ProjectionStatus): ProjectionStatusBody => ({
  name: status.name,
  version: status.version,
  status: status.status,
  generation: status.activeGeneration,
  checkpoint: status.checkpoint,
  head: status.head,
  lag: { events: status.lag.events, seconds: Math.round(status.lag.seconds * 1000) / 1000 },
  lastError: status.lastError,
  rebuilding: status.rebuilding,
});

export const projections = defineRoute({
  method: 'GET',
  path: '/api/projections',
  operationId: 'listProjections',
  summary: 'Projection status',
  description: 'Per projection: status, active generation, checkpoint, lag behind the event store, last error and any rebuild in progress.',
  tag: 'projections',
  auth: { action: 'projections.read' },
  readYourWrites: { sources: PROJECTIONS.map((projection) => projection.name) },
  responses: { 200: { description: 'Every projection', schema: projectionsSchema } },
  handle: async () => ({ projections: (await readSideManager().status()).map(projectionStatusBody) }),
});

export const retryProjection = defineRoute({
  method: 'POST',
  path: '/api/projections/{name}/retry',
  operationId: 'retryProjection',
  summary: 'Retry a failed projection',
  description:
    'After the cause of a failure is fixed, resumes the failed generation(s) of a projection from their checkpoint: the event it failed on is folded again.',
  tag: 'projections',
  auth: { action: 'projection.retry' },
  params: z.object({ name: z.string().meta({ description: `One of ${PROJECTIONS.map((projection) => projection.name).join(', ')}` }) }),
  responses: {
    200: { description: 'Resumed', schema: retryProjectionSchema },
    404: '`projection_not_found`',
    422: '`projection_not_failed`: nothing to retry',
  },
  handle: async ({ params: { name } }) => {
    if (!projectionNamed(name)) throw new NotFoundError(`There is no projection named ${name}`, 'projection_not_found');
    const manager = readSideManager();
    const failed = (await manager.checkpoints.list(name)).filter((checkpoint) => checkpoint.status === 'failed');
    if (failed.length === 0) throw new RuleViolation('projection_not_failed', `Projection ${name} has no failed generation to retry`);
    for (const { generation } of failed) await manager.checkpoints.resume(name, generation);
    manager.notify();
    const status = (await manager.status()).find((s) => s.name === name)!;
    return { resumed: failed.map((checkpoint) => checkpoint.generation), projection: projectionStatusBody(status) };
  },
});

/** The outbox and notifications are operations' business: tellers and auditors, never customers. */
const operators = { action: 'operations.read' } as const;

export const outbox = defineRoute({
  method: 'GET',
  path: '/api/outbox',
  operationId: 'getOutboxStatus',
  summary: 'Outbox backlog: pending, sent and parked messages, the oldest pending, the relay and the bus',
  tag: 'operations',
  auth: operators,
  responses: { 200: { description: 'The outbox now', schema: outboxStatusSchema } },
  handle: () => outboxStatus(),
});

export const parked = defineRoute({
  method: 'GET',
  path: '/api/outbox/parked',
  operationId: 'listParkedMessages',
  summary: 'Messages parked after too many failed publishes (their streams wait behind them)',
  tag: 'operations',
  auth: operators,
  query: parkedParams,
  responses: { 200: { description: 'Parked messages, oldest first', schema: parkedListSchema } },
  handle: async ({ query }) => ({ items: await parkedMessages(query.limit) }),
});

export const retryParked = defineRoute({
  method: 'POST',
  path: '/api/outbox/parked/{position}/retry',
  operationId: 'retryParkedMessage',
  summary: 'Put a parked message back in line to be published',
  tag: 'operations',
  auth: { action: 'outbox.retry' },
  params: z.object({ position: outboxPositionSchema.meta({ description: "The parked event's global position" }) }),
  invalidParams: () => new NotFoundError('There is no outbox message at that position', 'outbox_message_not_found'),
  responses: {
    200: { description: 'Pending again; the relay tries it now', schema: retryResultSchema },
    404: '`outbox_message_not_found`',
    422: '`outbox_message_not_parked`: it is pending or already sent',
  },
  handle: ({ params }) => retryParkedMessage(params.position),
});

export const notifications = defineRoute({
  method: 'GET',
  path: '/api/notifications',
  operationId: 'listNotifications',
  summary: 'Notices of large withdrawals and failed transfers, newest first',
  tag: 'operations',
  auth: operators,
  query: notificationsParams,
  responses: { 200: { description: 'A page of notices', schema: notificationsPageSchema } },
  handle: ({ query }) => notificationsPage(query),
});

