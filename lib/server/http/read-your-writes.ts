import { z } from 'zod';
import { ValidationError } from '../../core/errors';
import type { ProjectionManager } from '../../projections/projection-manager';
import { webRuntime } from '../web-runtime';
import { wholeNumber } from './query';
import { jsonResponse } from './responses';
import { errorBodySchema } from './schemas';

/*
 * Read-your-writes for the routes that answer from read models: `?after_position=N` (the
 * `globalPosition` a command answered) waits up to `wait_ms` until every projection has folded
 * event N, else answers 503 `read_model_behind`. Every answer carries X-Read-Position, a lower
 * bound on how fresh it is: read before the query, and checkpoints only move forward.
 */

export const DEFAULT_WAIT_MS = 5_000;
export const MAX_WAIT_MS = 10_000;
/** Sent with 503 read_model_behind: projections usually catch up within milliseconds. */
export const RETRY_AFTER_SECONDS = 1;

export const consistencyParams = z.object({
  after_position: wholeNumber('after_position', 0)
    .optional()
    .meta({ description: 'Read-your-writes: a `globalPosition` a command answered. The answer waits until every projection has folded it.' }),
  wait_ms: wholeNumber('wait_ms', 0, MAX_WAIT_MS)
    .default(DEFAULT_WAIT_MS)
    .meta({ description: 'How long to wait for `after_position` before answering 503' }),
});

const position = z.number().int().min(0);

export const readPositionHeaders = z.object({
  'X-Read-Position': z
    .string()
    .regex(/^\d+$/)
    .meta({ description: 'The read models answered from had folded every event up to this global position (at least)' }),
});

export const readModelBehindSchema = z
  .object({
    error: errorBodySchema.shape.error.extend({
      code: z.literal('read_model_behind'),
      /** Staff only: how far each projection is behind (a customer learns only the position the read models are at). */
      lag: z.array(z.object({ name: z.string(), status: z.string(), checkpoint: position, head: position, lagEvents: z.number().int() })).optional(),
    }),
  })
  .meta({ id: 'ReadModelBehind' });

/**
 * The manager this process waits and reports with: the one running the projections here, or,
 * when `npm run projector` does that (CHRONICLE_IN_PROCESS_PROJECTIONS=off), one that is never
 * started and only reads the checkpoints the projector writes.
 */
export const readSideManager = (): ProjectionManager => webRuntime().projections;

/** The lowest checkpoint of the active generations of `names`: every event up to it is in what they answer. */
export const readPosition = async (manager: ProjectionManager, names: readonly string[]): Promise<number> => {
  const positions = await Promise.all(
    names.map(async (name) => {
      const generation = await manager.checkpoints.activeGeneration(name);
      return generation === null ? 0 : ((await manager.checkpoints.get(name, generation))?.position ?? 0);
    }),
  );
  return Math.min(...positions);
};

export const behindResponse = async (manager: ProjectionManager, position: number, waitMs: number, staff: boolean): Promise<Response> => {
  const statuses = await manager.status();
  const lag = statuses.map((s) => ({ name: s.name, status: s.status, checkpoint: s.checkpoint, head: s.head, lagEvents: s.lag.events }));
  const readAt = Math.min(...lag.map((entry) => entry.checkpoint));
  return jsonResponse(
    {
      error: {
        code: 'read_model_behind',
        message: `The read models had not reached position ${position} after ${waitMs} ms (they are at ${readAt}); retry shortly`,
        ...(staff ? { lag } : {}),
      },
    },
    503,
    { 'Retry-After': String(RETRY_AFTER_SECONDS), 'X-Read-Position': String(readAt) },
  );
};

/**
 * Waits for `after_position` if asked; a Response when the read models did not get there in time.
 * A position beyond the newest event can never be reached: 400 at once, rather than a wait.
 */
export const awaitReadPosition = async (
  consistency: z.output<typeof consistencyParams>,
  sources: readonly string[],
  staff: boolean,
): Promise<{ behind: Response } | { position: number }> => {
  const manager = readSideManager();
  const { after_position: afterPosition, wait_ms: waitMs } = consistency;
  if (afterPosition !== undefined) {
    const head = await webRuntime().store.headPosition();
    if (afterPosition > head) {
      throw new ValidationError('Invalid query', [{ path: 'after_position', message: `after_position ${afterPosition} is after the newest event (${head})` }]);
    }
  }
  if (afterPosition !== undefined && !(await manager.waitForPosition(afterPosition, waitMs))) {
    return { behind: await behindResponse(manager, afterPosition, waitMs, staff) };
  }
  return { position: await readPosition(manager, sources) };
};
