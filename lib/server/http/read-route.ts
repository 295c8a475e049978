import type { z } from 'zod';
import type { ProjectionManager } from '../../projections/projection-manager';
import { asReadSideError } from '../../read/read-db-errors';
import type { ReadModelQueries } from '../../read/queries/read-model-queries';
import type { ReadAction } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { consistencyParams, invalidQuery, parseParams, RETRY_AFTER_SECONDS } from './read-query';
import { errorResponse, jsonResponse } from './responses';
import { webRuntime } from '../web-runtime';

/**
 * The manager this process waits and reports with: the one running the projections here, or,
 * when `npm run projector` does that (CHRONICLE_IN_PROCESS_PROJECTIONS=off), one that is never
 * started and only reads the checkpoints the projector writes.
 */
export const readSideManager = (): ProjectionManager => webRuntime().projections;

export const readModelQueries = (): ReadModelQueries => webRuntime().queries;

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

export type ReadContext = { queries: ReadModelQueries; manager: ProjectionManager };

export type ReadRouteSpec<Params, Schema extends z.ZodObject, Query> = {
  /** What the policy is asked; anonymous callers get 401 before anything else. */
  action: ReadAction;
  /** Narrows or checks the query for the caller (a customer's own accounts); throws 403/404 when refused. */
  authorize?: (query: NoInfer<Query>, principal: Principal, scope: 'all' | 'own') => NoInfer<Query> | Promise<NoInfer<Query>>;
  /** Projections whose read models the answer comes from. */
  sources: readonly string[];
  /** The route's own query parameters. */
  params: Schema;
  /** Validates the path parameters and builds the query; throws before any waiting. */
  input: (params: z.output<Schema>, path: Params) => Query;
  run: (query: Query, context: ReadContext) => Promise<unknown>;
};

/**
 * A GET route on the read models, with read-your-writes: `?after_position=N`
 * (the `globalPosition` a command answered) waits up to `wait_ms` until
 * every projection has folded event N, else answers 503 `read_model_behind`.
 * The caller is authenticated and authorised first (401/403, see `action`).
 * Every answer carries X-Read-Position, a lower bound on how fresh it is:
 * it is read before the query, and checkpoints only move forward.
 */
export const readRoute =
  <Params, Schema extends z.ZodObject, Query>(spec: ReadRouteSpec<Params, Schema, Query>) =>
  async (request: Request, context?: { params: Promise<Params> }): Promise<Response> => {
    try {
      const { principal, scope } = requireAllowed(await requestPrincipal(request), spec.action);
      const { searchParams } = new URL(request.url);
      const consistency = parseParams(searchParams, consistencyParams);
      const own = parseParams(searchParams, spec.params);
      if (consistency.data === undefined || own.data === undefined) throw invalidQuery([...consistency.issues, ...own.issues]);
      const input = spec.input(own.data, (await context?.params) as Params);
      const query = spec.authorize ? await spec.authorize(input, principal, scope) : input;

      const manager = readSideManager();
      const { after_position: afterPosition, wait_ms: waitMs } = consistency.data;
      if (afterPosition !== undefined && !(await manager.waitForPosition(afterPosition, waitMs))) {
        return behindResponse(manager, afterPosition, waitMs);
      }
      const position = await readPosition(manager, spec.sources);
      const body = await spec.run(query, { queries: readModelQueries(), manager });
      return jsonResponse(body, 200, { 'X-Read-Position': String(position) });
    } catch (error) {
      return errorResponse(asReadSideError(error));
    }
  };

const behindResponse = async (manager: ProjectionManager, position: number, waitMs: number): Promise<Response> => {
  const statuses = await manager.status();
  const lag = statuses.map((s) => ({ name: s.name, status: s.status, checkpoint: s.checkpoint, head: s.head, lagEvents: s.lag.events }));
  const readAt = Math.min(...lag.map((entry) => entry.checkpoint));
  return jsonResponse(
    {
      error: {
        code: 'read_model_behind',
        message: `The read models had not reached position ${position} after ${waitMs} ms (they are at ${readAt}); retry shortly`,
        lag,
      },
    },
    503,
    { 'Retry-After': String(RETRY_AFTER_SECONDS), 'X-Read-Position': String(readAt) },
  );
};
