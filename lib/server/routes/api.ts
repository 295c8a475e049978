import type { AggregateRegistry } from '../../core/aggregate-registry';
import { defineRoute, type RouteDefinition } from '../http/define-route';
import { buildOpenApiDocument, type OpenApiDocument } from '../http/openapi';
import { jsonResponse } from '../http/responses';
import { webRuntime } from '../web-runtime';
import { accountStateAtRoute, accountSummary, accountTransactions, bankStats, listAccounts } from './accounts';
import { auditEvents, auditEventsCsv, auditEventsJsonLines, bankTotalsAt, fingerprint, inclusionProof, storeVerification } from './audit';
import { auditPublicKeyRoute, checkpointVerification, exportEvidencePackRoute, listCheckpoints, takeCheckpointRoute } from './audit-checkpoints';
import { streamBlame } from './blame';
import { streamCausality } from './causality';
import { commandRoutes } from './commands';
import { eraseCustomerRoute } from './customers';
import { streamDecisions } from './decisions';
import { streamRefusedCommands } from './refused-commands';
import { commandRecord, streamBreakpoints, streamSnapshots, streamState, streamStates, streamTestCase, streamTimeline } from './debugger';
import { streamFork, streamForkTestCase } from './fork';
import { historyScan } from './history-scan';
import { projectionDocumentBlame, projectionDocumentSteps } from './projection-documents';
import { streamProjectionLagRoute } from './projection-lag';
import { notifications, outbox, parked, projections, retryParked, retryProjection } from './operations';
import { getSession, signIn, signOut } from './session';
import { relatedEvents } from './related-events';
import { listStreams } from './stream-list';
import { streamFindings } from './stream-findings';
import { eventStream, streamEvents, streamVerification } from './streams';
import { transferStatusRoute } from './transfers';

/*
 * Every route of the JSON API: the definitions written by hand, grouped by area, and the commands
 * of every registered aggregate, generated. The OpenAPI document is built from this list alone;
 * a test walks app/api and checks that each route file is in it and each path has a route.
 */

const DEFINED: readonly RouteDefinition[] = [
  listAccounts,
  accountSummary,
  accountTransactions,
  accountStateAtRoute,
  bankStats,
  transferStatusRoute,
  listStreams,
  relatedEvents,
  streamEvents,
  streamVerification,
  eventStream,
  streamState,
  streamStates,
  streamTimeline,
  streamBreakpoints,
  streamBlame,
  historyScan,
  streamFindings,
  streamProjectionLagRoute,
  projectionDocumentSteps,
  projectionDocumentBlame,
  streamRefusedCommands,
  streamCausality,
  streamDecisions,
  streamFork,
  streamForkTestCase,
  streamSnapshots,
  streamTestCase,
  commandRecord,
  storeVerification,
  fingerprint,
  inclusionProof,
  auditEvents,
  auditEventsCsv,
  auditEventsJsonLines,
  bankTotalsAt,
  auditPublicKeyRoute,
  listCheckpoints,
  takeCheckpointRoute,
  checkpointVerification,
  exportEvidencePackRoute,
  eraseCustomerRoute,
  projections,
  retryProjection,
  outbox,
  parked,
  retryParked,
  notifications,
  getSession,
  signIn,
  signOut,
];

const documents = new WeakMap<AggregateRegistry, OpenApiDocument>();

/** The document for a registry of aggregates, built once per registry. */
export const apiDocument = (aggregates: AggregateRegistry): OpenApiDocument => {
  if (!documents.has(aggregates)) documents.set(aggregates, buildOpenApiDocument(apiRoutes(aggregates), '0.1.0'));
  return documents.get(aggregates)!;
};

export const openApiJson = defineRoute({
  method: 'GET',
  path: '/api/openapi.json',
  operationId: 'getOpenApiDocument',
  summary: 'This OpenAPI document',
  description: 'Generated from the route definitions and the aggregate registry of the running server.',
  tag: 'meta',
  auth: { anonymous: true },
  responses: { 200: { description: 'OpenAPI 3.1 document', contentType: 'application/json' } },
  handle: async () => jsonResponse(apiDocument(webRuntime().aggregates)),
});

/** Every route, the commands of `aggregates` included. */
export const apiRoutes = (aggregates: AggregateRegistry): RouteDefinition[] => [...commandRoutes(aggregates), ...DEFINED, openApiJson];

/** Method, path and summary of every operation, for the landing page. */
export const apiQuickReference = (): Array<{ method: string; path: string; summary: string }> =>
  apiRoutes(webRuntime().aggregates).map((route) => ({ method: route.method, path: route.path, summary: route.summary }));
