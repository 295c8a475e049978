import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { SESSION_COOKIE } from '../auth/session';
import type { RouteDefinition } from './define-route';
import { consistencyParams } from './read-your-writes';
import type { ResponseDoc } from './route-responses';

/*
 * The OpenAPI 3.1 document, generated from the route definitions: every path, parameter, body and
 * answer comes from the zod schemas the routes validate and answer with (zod-openapi renders them
 * and gathers the schemas that carry an `id` into components). Only the frame is written here.
 */

export type OpenApiDocument = ReturnType<typeof createDocument>;

const TAGS = [
  { name: 'accounts', description: 'Account commands' },
  { name: 'transfers', description: 'Money between two accounts, moved by a process manager' },
  { name: 'read', description: 'Read models: accounts, transactions, statistics. Every answer carries X-Read-Position.' },
  { name: 'streams', description: 'Recorded events' },
  { name: 'debugger', description: 'Time travel through a stream: state at any version, search, breakpoints, snapshots, commands' },
  { name: 'audit', description: 'For auditors: hash-chain verification, Merkle fingerprints, the audit trail and its exports, state as of a time' },
  { name: 'customers', description: 'A customer’s personal data: erasure by destroying their data key' },
  { name: 'projections', description: 'The projections that build the read models' },
  { name: 'operations', description: 'The outbox, its relay to the message bus, and the notifications consumer' },
  { name: 'session', description: 'Signing in and out' },
  { name: 'meta', description: 'This document' },
];

/** Each frame's data as JSON Schema (an extension: OpenAPI has no words for server-sent events). */
const framesOf = (frames: Record<string, z.ZodType>) =>
  Object.fromEntries(
    Object.entries(frames).map(([name, schema]) => {
      const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' });
      return [name, rest];
    }),
  );

const response = (doc: ResponseDoc): ZodOpenApiResponseObject => ({
  description: doc.description,
  ...(doc.headers ? { headers: doc.headers } : {}),
  ...(doc.contentType
    ? { content: { [doc.contentType]: { schema: doc.schema ?? z.string(), ...(doc.frames ? { 'x-sse-events': framesOf(doc.frames) } : {}) } } }
    : doc.schema
      ? { content: { 'application/json': { schema: doc.schema } } }
      : {}),
});

const operation = (route: RouteDefinition): ZodOpenApiOperationObject => ({
  operationId: route.operationId,
  summary: route.summary,
  ...(route.description ? { description: route.description } : {}),
  tags: [route.tag],
  ...('anonymous' in route.auth ? { security: [] } : {}),
  requestParams: {
    ...(route.params ? { path: route.params } : {}),
    ...(route.query || route.readYourWrites ? { query: route.readYourWrites ? (route.query ?? z.object({})).extend(consistencyParams.shape) : route.query } : {}),
    ...(route.headers ? { header: route.headers } : {}),
  },
  ...(route.body ? { requestBody: { required: route.body.required ?? true, content: { 'application/json': { schema: route.body.schema } } } } : {}),
  responses: Object.fromEntries(Object.entries(route.responses).map(([status, doc]) => [status, response(doc)])),
});

export const buildOpenApiDocument = (routes: readonly RouteDefinition[], version: string): OpenApiDocument => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Chronicle API',
        version,
        description:
          'Commands on bank accounts and the raw event streams they produce. Amounts are integers in minor units (cents). ' +
          'Every command may carry an idempotency key and an expected stream version.',
      },
      servers: [{ url: '/' }],
      security: [{ basicAuth: [] }, { sessionCookie: [] }],
      tags: TAGS,
      paths,
      components: {
        securitySchemes: {
          basicAuth: { type: 'http', scheme: 'basic', description: 'A user’s username and password, for scripts and curl. Not subject to the Origin check.' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description:
              'Set by signing in (POST /api/session or the sign-in page). Unsafe requests with it must come from this site (Origin or Sec-Fetch-Site).',
          },
        },
      },
    },
    { allowEmptySchema: { custom: true } },
  );
};
