import { z } from 'zod';

/* What decision replay answers over HTTP (the CLI prints the same report). */

const outcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), events: z.array(z.string()) }),
  z.object({ outcome: z.literal('refused'), code: z.string(), message: z.string() }),
  z.object({ outcome: z.literal('failed'), message: z.string() }),
]);

export const replayFindingSchema = z.object({
  streamId: z.string(),
  commandId: z.string().nullable(),
  recordedCommand: z.string().describe('The command as recorded (`ImportLegacyAccount`), or `(none)`'),
  command: z.string().describe('The command decided again: the recorded one, or one derived from the event'),
  derived: z.boolean(),
  decidedAtVersion: z.number().int().min(0),
  versions: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }),
  globalPosition: z.number().int().min(1).nullable(),
  actor: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  recorded: outcomeSchema,
  now: outcomeSchema,
  verdict: z.enum(['now_refused', 'different_events', 'now_failed', 'now_accepted']),
});

export const replayReportSchema = z
  .object({
    streamId: z.string(),
    commandsReplayed: z.number().int().min(0),
    derived: z.number().int().min(0),
    same: z.number().int().min(0),
    differing: z.number().int().min(0),
    notReplayable: z.number().int().min(0),
    findings: z.array(replayFindingSchema),
    truncated: z.boolean(),
    eventsRead: z.number().int().min(0),
    elapsedMs: z.number().min(0),
    commandsPerSecond: z.number().min(0),
  })
  .meta({ id: 'DecisionReplay' });

export type StreamReplayReport = z.infer<typeof replayReportSchema>;
