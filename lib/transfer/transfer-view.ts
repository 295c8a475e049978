import { z } from 'zod';
import type { RecordedEvent } from '../core/envelope';
import { fold } from '../core/decider';
import { accountStreamId } from '../domain/account/decider';
import { transferDecider, transferStreamId } from '../domain/transfer/decider';
import type { TransferEvent } from '../domain/transfer/events';
import { inFlightAmount } from '../domain/transfer/state';

const reasonSchema = z.object({ code: z.string().describe('e.g. account_closed, insufficient_funds, step_timeout'), message: z.string() });

export const transferStepSchema = z.object({
  type: z.string().describe('The event of the transfer stream, e.g. SourceDebited'),
  at: z.iso.datetime({ offset: true }),
  version: z.number().int().min(1).describe('Version of the event in the transfer stream'),
  globalPosition: z.number().int().min(1),
  eventId: z.string(),
  account: z
    .object({ accountId: z.string(), streamId: z.string(), version: z.number().int().min(1).describe('Version of the leg in the account stream') })
    .nullable()
    .describe('The account movement this step recorded, if any'),
  reason: reasonSchema.nullable(),
});

export const transferStatusSchema = z.object({
  transferId: z.string(),
  status: z.enum(['requested', 'debited', 'credit_failed', 'completed', 'failed']),
  fromAccountId: z.string(),
  toAccountId: z.string(),
  amount: z.number().int().describe('Minor units'),
  currency: z.string(),
  description: z.string(),
  requestedAt: z.iso.datetime({ offset: true }),
  requestedBy: z.string(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  refunded: z.boolean(),
  inFlight: z.number().int().describe('Minor units that left the source and have neither arrived nor come back'),
  reason: reasonSchema.nullable().describe('Why the transfer failed, in plain words'),
  streamId: z.string(),
  version: z.number().int().min(1),
  steps: z.array(transferStepSchema),
});

export type TransferStatusBody = z.infer<typeof transferStatusSchema>;
export type TransferStepBody = z.infer<typeof transferStepSchema>;

const stepOf = (event: RecordedEvent): TransferStepBody => {
  const data = event.data as Record<string, unknown>;
  const leg = typeof data.accountVersion === 'number' && typeof data.accountId === 'string' ? { accountId: data.accountId, version: data.accountVersion } : null;
  return {
    type: event.type,
    at: event.recordedAt.toISOString(),
    version: event.streamVersion,
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    account: leg && { ...leg, streamId: accountStreamId(leg.accountId) },
    reason: (data.reason as TransferStepBody['reason'] | undefined) ?? null,
  };
};

/** What `GET /api/transfers/{id}` answers: the transfer's state folded from its stream, and each step. */
export const transferStatus = (events: RecordedEvent[]): TransferStatusBody | null => {
  const state = fold(transferDecider, events as unknown as TransferEvent[]);
  if (state.status === 'none') return null;
  const { details } = state;
  return {
    transferId: details.transferId,
    status: state.status,
    fromAccountId: details.fromAccountId,
    toAccountId: details.toAccountId,
    amount: details.amount,
    currency: details.currency,
    description: details.description,
    requestedAt: events[0]!.recordedAt.toISOString(),
    requestedBy: events[0]!.metadata.actor,
    finishedAt: state.finishedAt,
    refunded: state.refund !== null,
    inFlight: inFlightAmount(state),
    reason: state.status === 'completed' ? null : state.reason,
    streamId: transferStreamId(details.transferId),
    version: events.length,
    steps: events.map(stepOf),
  };
};
