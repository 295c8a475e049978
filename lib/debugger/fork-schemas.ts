import { z } from 'zod';

/*
 * A what-if fork of a stream, as zod schemas: the edits a reader asks for (the request body, and
 * the `fork` parameter of the debugger's URL, so the browser checks a link with the same rules),
 * and what the fork answers. A fork is computed and shown; nothing of it is ever written.
 */

/** At most this many edits in one fork, of which at most MAX_FORK_INSERTS insert a command. */
export const MAX_FORK_EDITS = 20;
export const MAX_FORK_INSERTS = 10;
/** Hits listed per timeline (the counts count all). */
export const MAX_FORK_HITS = 1_000;
/** Rows of the fork's timeline listed on either side of the position. */
export const FORK_ROWS_AROUND = 25;
export const MAX_BREAKPOINT_LENGTH = 500;

const version = z.number().int('version must be a whole number').min(1, 'version starts at 1').max(Number.MAX_SAFE_INTEGER);
const position = z.number().int().min(0);
const anything = z.unknown();
const jsonObject = z.record(z.string(), z.unknown());

/** A command's name in its aggregate's declaration: `withdraw`, `deposit`. */
export const COMMAND_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;

export const forkEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('skip'), version }).strict().describe('The fork goes on as if this event had not been recorded'),
  z
    .object({ kind: z.literal('edit'), version, data: jsonObject.describe("The event's whole new data (validated by the event type's schema when it has one)") })
    .strict()
    .describe('The event as recorded, with other data'),
  z
    .object({
      kind: z.literal('insert'),
      after: position.describe('The version it is inserted after (0: before the first event)'),
      command: z.string().regex(COMMAND_NAME, 'command must be a command name of the aggregate, e.g. withdraw'),
      input: jsonObject.default({}).describe("The command's input, validated by its own schema"),
    })
    .strict()
    .describe("A command decided by the aggregate's real decider on the fork's state at that point: its events join the fork, or its refusal is shown"),
]);

export type ForkEdit = z.infer<typeof forkEditSchema>;

export const forkEditsSchema = z
  .array(forkEditSchema)
  .max(MAX_FORK_EDITS, `At most ${MAX_FORK_EDITS} edits in one fork`)
  .superRefine((edits, context) => {
    if (edits.filter((edit) => edit.kind === 'insert').length > MAX_FORK_INSERTS) {
      context.addIssue({ code: 'custom', message: `At most ${MAX_FORK_INSERTS} inserted commands in one fork` });
    }
    const touched = new Set<number>();
    edits.forEach((edit, index) => {
      if (edit.kind === 'insert') return;
      if (touched.has(edit.version)) context.addIssue({ code: 'custom', path: [index, 'version'], message: `v${edit.version} is skipped or edited twice: one change per event` });
      touched.add(edit.version);
    });
  });

export const forkRequestSchema = z
  .object({
    edits: forkEditsSchema,
    at: position.optional().describe('The original version both states are shown at (the fork after that event and anything inserted after it); the head when absent'),
    breakpoint: z.string().trim().min(1).max(MAX_BREAKPOINT_LENGTH).optional().describe('A breakpoint condition run over both timelines, as the debugger runs it'),
  })
  .strict();

export type ForkRequest = z.infer<typeof forkRequestSchema>;

const refusalSchema = z.object({ code: z.string(), message: z.string() });

export const forkRowSchema = z.object({
  anchor: position.describe('The original version the row stands at: its own, or the one a command was inserted after'),
  originalVersion: version.nullable().describe('Null for what the fork inserted'),
  forkVersion: version.nullable().describe("The event's version in the fork; null for a skipped event or a refused command"),
  mark: z.enum(['same', 'skipped', 'edited', 'inserted', 'refused']),
  edit: z.number().int().min(0).nullable().describe('The index of the edit that made the row, if one did'),
  type: z.string().describe('The event type; for a refused command, the command type'),
  data: anything,
  amount: z.number().nullable().describe('Signed effect on the balance, minor units, when the event moves money'),
  refusal: refusalSchema.nullable(),
});

export const forkEditOutcomeSchema = z.object({
  index: z.number().int().min(0),
  kind: z.enum(['skip', 'edit', 'insert']),
  anchor: position,
  outcome: z.enum(['applied', 'accepted', 'refused']),
  command: z.string().nullable().describe('The inserted command type'),
  events: z.array(z.string()).describe('Event types an inserted command was decided into'),
  forkVersions: z.object({ from: version, to: version }).nullable(),
  refusal: refusalSchema.nullable(),
});

export const forkHitSchema = z.object({
  version: version.describe("The version in its own timeline (the fork's for the fork)"),
  anchor: position.describe('The original version it stands at'),
  type: z.string(),
  inserted: z.boolean(),
});

const hitsSchema = z.object({ hits: z.array(forkHitSchema), hitCount: z.number().int().min(0), truncated: z.boolean() });

export const forkResultSchema = z
  .object({
    streamId: z.string(),
    head: position.describe("The original stream's head, folded to"),
    forkHead: position.describe('How many events the fork has'),
    at: position,
    original: z.object({ version: position, state: anything }),
    fork: z.object({ version: position.describe("The fork's version at the same position"), state: anything }),
    differingPaths: z.array(z.string()).describe('Fields that differ between the two states at `at`'),
    divergence: z
      .object({ anchor: position, forkVersion: position, paths: z.array(z.string()) })
      .nullable()
      .describe('The first original version after which the two states differ; null when they never do'),
    differsAtHead: z.boolean(),
    edits: z.array(forkEditOutcomeSchema),
    rows: z.array(forkRowSchema).describe(`The fork's timeline around \`at\` (${FORK_ROWS_AROUND} original versions either side), edits marked`),
    breakpoint: z
      .object({ expression: z.string(), original: hitsSchema, fork: hitsSchema })
      .nullable()
      .describe('Where the condition turns true in each timeline (an event condition: every event where it holds)'),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'DebuggerFork' });

export const forkTestCaseSchema = z
  .object({
    name: z.string(),
    fileName: z.string(),
    source: z.string().describe('A vitest file: given the fork’s events, when each inserted command, then its events or refusal and the state'),
  })
  .meta({ id: 'DebuggerForkTestCase' });

export type ForkRow = z.infer<typeof forkRowSchema>;
export type ForkEditOutcome = z.infer<typeof forkEditOutcomeSchema>;
export type ForkHit = z.infer<typeof forkHitSchema>;
export type ForkResult = z.infer<typeof forkResultSchema>;
export type ForkTestCaseFile = z.infer<typeof forkTestCaseSchema>;

/** The edits as the URL carries them (`?fork=`): their JSON, checked with the request's own rules. */
export const forkParam = (edits: readonly ForkEdit[]): string | null => (edits.length === 0 ? null : JSON.stringify(edits));

export const editsFromParam = (raw: string | null): ForkEdit[] | null => {
  if (!raw) return null;
  try {
    const parsed = forkEditsSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.length > 0 ? parsed.data : null;
  } catch {
    return null;
  }
};
