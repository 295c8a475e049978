import { z } from 'zod';

/* What "blame this value" answers: every event that changed one field of a stream's state. */

const version = z.number().int().min(1);
const head = z.number().int().min(0);

/** A dotted path of own fields, e.g. `balance` or `holder.name`; no indexing, no code. */
export const BLAME_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
export const blamePathSchema = z.string().trim().max(200, 'path is at most 200 characters').regex(BLAME_PATH, 'path must be field names joined by dots, e.g. balance or holder.name');

export const blameChangeSchema = z.object({
  version,
  globalPosition: version,
  type: z.string(),
  recordedAt: z.iso.datetime({ offset: true }),
  actor: z.string(),
  correlationId: z.string(),
  commandId: z.string().nullable(),
  command: z.string().nullable().describe("The command's type recorded in the event's metadata; null for events written without one (imports, migrations)"),
  before: z.unknown().describe('The value before the event (null when the field did not exist)'),
  after: z.unknown().describe('The value after the event (null when the field no longer exists)'),
});

export const blameResultSchema = z
  .object({
    streamId: z.string(),
    path: z.string(),
    version: head.describe('The version blamed up to (inclusive)'),
    head,
    initial: z.unknown().describe('The value before the first event'),
    value: z.unknown().describe('The value at `version`'),
    changes: z.array(blameChangeSchema).describe('Every event that changed the value, oldest first (the newest ones when `truncated`)'),
    total: z.number().int().min(0),
    truncated: z.boolean(),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'DebuggerBlame' });

export type BlameChange = z.infer<typeof blameChangeSchema>;
export type BlameResult = z.infer<typeof blameResultSchema>;
