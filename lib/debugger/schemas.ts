import { z } from 'zod';

/*
 * What the time-travel debugger answers, as zod schemas: the types in types.ts are inferred from
 * them, and the API document and the route tests read the same schemas, so the three cannot drift.
 */

const version = z.number().int().min(1);
const head = z.number().int().min(0);
const isoTime = z.iso.datetime({ offset: true });
const anything = z.unknown();

/** An event as the debugger shows it: upcast to today's shape, with what was stored beside it. */
export const debuggerEventSchema = z
  .object({
    eventId: z.string(),
    streamVersion: version,
    globalPosition: version,
    type: z.string(),
    schemaVersion: version,
    data: anything,
    metadata: z.record(z.string(), z.unknown()),
    recordedAt: isoTime,
    hash: z.string(),
    stored: z.object({ schemaVersion: version, data: anything }),
  })
  .meta({ id: 'DebuggerEvent' });

export const stateViewSchema = z
  .object({
    streamId: z.string(),
    head,
    version: head,
    state: anything,
    previousState: anything,
    event: debuggerEventSchema.nullable().describe('The event that made `state` from `previousState`; null at version 0'),
    changedPaths: z.array(z.string()),
  })
  .meta({ id: 'DebuggerStateView' });

export const timelineRowSchema = z.object({
  version,
  globalPosition: version,
  type: z.string(),
  recordedAt: isoTime,
  actor: z.string(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  amount: z.number().int().nullable().describe('Signed effect on the balance, minor units, when the event moves money'),
});

export const rowsSchema = z.object({ streamId: z.string(), head, rows: z.array(timelineRowSchema) }).meta({ id: 'DebuggerRows' });

/** Parts of an event-list filter; each given part must match. */
export const eventFilterSchema = z.object({
  text: z.string().optional().describe('Case-insensitive, anywhere in the type, payload or metadata'),
  type: z.string().optional().describe('Exact event type'),
  actor: z.string().optional().describe('Case-insensitive part of the actor'),
});

export const searchResultSchema = z
  .object({
    streamId: z.string(),
    head,
    filter: eventFilterSchema,
    total: z.number().int().min(0),
    versions: z.array(version).describe('Matching versions in order, up to a limit (`truncated` says when more matched)'),
    truncated: z.boolean(),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'DebuggerSearch' });

export const densityBucketSchema = z.object({ start: isoTime, end: isoTime, firstVersion: version, count: z.number().int().min(0) });
export const densitySchema = z.object({ streamId: z.string(), head, buckets: z.array(densityBucketSchema) }).meta({ id: 'DebuggerDensity' });

export const seriesPointSchema = z.object({ version, value: z.number(), low: z.number(), high: z.number() });
export const seriesSchema = z
  .object({ streamId: z.string(), head, path: z.string(), points: z.array(seriesPointSchema) })
  .meta({ id: 'DebuggerSeries' });

export const breakpointHitSchema = z.object({ version, type: z.string(), recordedAt: isoTime });

export const breakpointResultSchema = z
  .object({
    streamId: z.string(),
    expression: z.string(),
    head,
    hits: z.array(breakpointHitSchema).describe('Versions where the condition went from false to true, in order'),
    hitCount: z.number().int().min(0),
    truncated: z.boolean(),
    trueCount: z.number().int().min(0).describe('Versions whose state holds the condition (a hit starts each run of them)'),
    elapsedMs: z.number().min(0),
  })
  .meta({ id: 'DebuggerBreakpoints' });

export const snapshotMarkSchema = z.object({
  version,
  createdAt: isoTime,
  stateSchemaVersion: version,
  current: z.boolean().describe('In the state schema the code reads today; older ones are ignored by the loader'),
  drift: z.boolean().nullable().describe('Stored state differs from the state replayed from events; null when not comparable'),
});

export const snapshotsSchema = z.object({ streamId: z.string(), head, snapshots: z.array(snapshotMarkSchema) }).meta({ id: 'DebuggerSnapshots' });

export const snapshotComparisonSchema = z
  .object({ streamId: z.string(), version, stored: anything, replayed: anything, drift: z.boolean(), changedPaths: z.array(z.string()) })
  .meta({ id: 'DebuggerSnapshotComparison' });

export const testCaseSchema = z
  .object({
    name: z.string(),
    streamId: z.string(),
    version,
    givenState: z.object({ version, state: anything }).nullable().describe('When the history is long: the replayed state the given events start from'),
    given: z.array(z.object({ type: z.string(), data: anything })),
    then: anything,
  })
  .meta({ id: 'DebuggerTestCase' });

/** A command as the debugger shows it: what was asked, by whom, and every event it wrote. */
export const commandRecordSchema = z
  .object({
    commandId: z.string(),
    streamId: z.string(),
    version: version.describe("The stream's version after the command: its last event"),
    globalPosition: version,
    type: z.string().nullable().describe('Recorded in the events\' metadata at dispatch; null for events written before that was recorded'),
    input: anything,
    actor: z.string(),
    recordedAt: isoTime,
    correlationId: z.string(),
    causationId: z.string().nullable(),
    events: z.array(z.object({ version, globalPosition: version, type: z.string() })),
  })
  .meta({ id: 'DebuggerCommand' });
