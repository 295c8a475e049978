import { z } from 'zod';

/* Commands that did not become events, as the debugger is given them (from the command journal). */

export const refusedCommandSchema = z.object({
  commandId: z.string(),
  command: z.string().describe('The command by its name in the API: `withdraw`'),
  type: z.string().describe("The command's type as the decider sees it: `WithdrawMoney`"),
  actor: z.string(),
  correlationId: z.string().nullable(),
  decidedAtVersion: z.number().int().min(0).describe('The stream version the decision was made on (the state it saw)'),
  outcome: z.enum(['rejected', 'conflicted']).describe('`rejected` by a rule of the decider, or `conflicted`: lost to another writer'),
  code: z.string().describe('`insufficient_funds`, `version_conflict`, …'),
  message: z.string(),
  input: z.record(z.string(), z.unknown()),
  at: z.string().describe('When it was decided (ISO 8601)'),
});

export const refusedCommandsSchema = z.object({
  streamId: z.string(),
  entries: z.array(refusedCommandSchema).describe('Oldest first'),
  truncated: z.boolean().describe('More were kept than one answer lists'),
});

export type RefusedCommandsBody = z.infer<typeof refusedCommandsSchema>;
