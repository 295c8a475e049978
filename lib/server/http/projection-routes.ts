import { NotFoundError, RuleViolation } from '../../core/errors';
import type { ProjectionStatus } from '../../projections/projection-manager';
import { PROJECTIONS, projectionNamed } from '../../projections/registry';
import { requestPrincipal } from '../auth/request-auth';
import { asReadSideError } from '../../read/read-db-errors';
import type { ProjectionStatusBody } from './read-schemas';
import { noParams } from './read-query';
import { readRoute, readSideManager } from './read-route';
import { errorResponse, jsonResponse } from './responses';
import { webRuntime } from '../web-runtime';

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

/** GET /api/projections */
export const projectionsRoute = () =>
  readRoute({
    sources: PROJECTIONS.map((projection) => projection.name),
    action: 'projections.read',
    params: noParams,
    input: () => null,
    run: async (_query, { manager }) => ({ projections: (await manager.status()).map(projectionStatusBody) }),
  });

/**
 * POST /api/projections/{name}/retry: after the cause of a failure is fixed,
 * the failed generation resumes from its checkpoint (the failing event is tried again).
 */
export const retryProjectionRoute =
  () =>
  async (request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> => {
    try {
      webRuntime().access.operation(await requestPrincipal(request), 'projection.retry');
      const { name } = await params;
      if (!projectionNamed(name)) throw new NotFoundError(`There is no projection named ${name}`, 'projection_not_found');
      const manager = readSideManager();
      const failed = (await manager.checkpoints.list(name)).filter((checkpoint) => checkpoint.status === 'failed');
      if (failed.length === 0) throw new RuleViolation('projection_not_failed', `Projection ${name} has no failed generation to retry`);
      for (const { generation } of failed) await manager.checkpoints.resume(name, generation);
      manager.notify();
      const status = (await manager.status()).find((s) => s.name === name)!;
      return jsonResponse({ resumed: failed.map((checkpoint) => checkpoint.generation), projection: projectionStatusBody(status) });
    } catch (error) {
      return errorResponse(asReadSideError(error));
    }
  };
