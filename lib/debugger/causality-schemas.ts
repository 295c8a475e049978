import { z } from 'zod';

/*
 * The causality lanes under a stream's timeline: for a window of time, the commands behind its
 * events (accepted, refused, lost to another writer), the steps of the transfers it took part in
 * across the transfer and both accounts, and when the outbox published each of its events.
 */

const time = z.iso.datetime({ offset: true });
const version = z.number().int().min(0);

/** A place a mark opens: a stream at a version (the state right after that event). */
export const causalPlaceSchema = z.object({ streamId: z.string(), version });

export const commandMarkSchema = z.object({
  outcome: z.enum(['accepted', 'rejected', 'conflicted']).describe('`accepted` (it wrote events), `rejected` by a rule, or `conflicted`: lost to another writer'),
  commandId: z.string(),
  type: z.string().nullable().describe("The command's type (`WithdrawMoney`); null for events written without one (imports, migrations)"),
  actor: z.string(),
  at: time.describe('When it was decided (accepted: when its first event was recorded)'),
  streamId: z.string(),
  version: version.describe('Accepted: the last version it wrote; refused or lost: the version it was decided on'),
  events: z.array(z.string()).describe('The event types it wrote (none when refused or lost)'),
  code: z.string().nullable().describe('Refused or lost: the rule code (`insufficient_funds`, `version_conflict`)'),
  reason: z.string().nullable(),
  lostTo: z
    .object({ version, commandId: z.string().nullable(), actor: z.string(), type: z.string() })
    .nullable()
    .describe('Lost to another writer: the event written in its place (the version after the one it was decided on)'),
  causedBy: causalPlaceSchema.nullable().describe('Sent by a transfer: the transfer event that caused it'),
});

export const sagaStepSchema = z.enum(['requested', 'debit', 'debit_refused', 'credit', 'credit_refused', 'refund', 'completed', 'failed']);

export const sagaMarkSchema = z.object({
  transferId: z.string(),
  step: sagaStepSchema,
  kind: z.enum(['step', 'refusal', 'compensation', 'end']).describe('`compensation`: undoing an earlier step (the refund)'),
  label: z.string().describe('`debit`, `credit refused`, `refund`, …'),
  at: time,
  reason: z.string().nullable().describe('Why a step was refused or the transfer failed (only for those who may read the transfer)'),
  places: z.array(causalPlaceSchema).describe('Where the step is recorded: the transfer stream and the account leg, those the caller may read'),
});

export const outboxMarkSchema = z.object({
  streamId: z.string(),
  version,
  position: z.number().int().min(1),
  type: z.string(),
  recordedAt: time,
  status: z.enum(['sent', 'pending', 'parked', 'pruned']).describe('`pruned`: sent, and its row deleted after OUTBOX_SENT_RETENTION'),
  publishedAt: time.nullable().describe('When the bus acknowledged it (the relay marks a row sent only on the ack, so publish = ack)'),
  lagMs: z.number().int().nullable().describe('publishedAt − recordedAt'),
  attempts: z.number().int().min(0),
  error: z.string().nullable().describe('The last publish error (pending after a failure, or parked)'),
});

const lane = <Mark extends z.ZodType>(mark: Mark) =>
  z.object({ marks: z.array(mark).describe('Oldest first'), truncated: z.boolean().describe('More marks fall in the window than one answer holds: zoom in') });

export const causalitySchema = z
  .object({
    streamId: z.string(),
    from: time,
    to: time,
    commands: lane(commandMarkSchema),
    saga: lane(sagaMarkSchema).extend({
      transfers: z.array(z.string()).describe('The transfers whose steps are shown'),
      hidden: z.number().int().min(0).describe('Steps recorded only in streams the caller may not read: counted, not shown'),
    }),
    outbox: lane(outboxMarkSchema),
  })
  .meta({ id: 'CausalityLanes' });

export type CausalPlace = z.infer<typeof causalPlaceSchema>;
export type CommandMark = z.infer<typeof commandMarkSchema>;
export type SagaStep = z.infer<typeof sagaStepSchema>;
export type SagaMark = z.infer<typeof sagaMarkSchema>;
export type OutboxMark = z.infer<typeof outboxMarkSchema>;
export type CausalityLanes = z.infer<typeof causalitySchema>;
