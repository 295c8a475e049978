import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../core/errors';
import { issuesOf } from '../../commands/validation';
import type { Action } from '../../auth/policy';
import type { Principal } from '../../auth/principal';
import { asReadSideError } from '../../read/read-db-errors';
import { requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { readJsonObject } from './json-body';
import { invalidQuery, parseParams, type QuerySchema } from './query';
import { awaitReadPosition, consistencyParams } from './read-your-writes';
import { errorResponse, jsonResponse } from './responses';
import { documentedResponses, type ResponseDoc, type ResponseDocs } from './route-responses';

/*
 * One definition per endpoint: who may call it, the zod schemas of what it reads and of every
 * answer, and the handler. From it come the Next route handler (principal → authorise → parse →
 * run → answer, errors mapped once), the validation and the OpenAPI entry (openapi.ts).
 */

export type Method = 'GET' | 'POST' | 'DELETE';

/**
 * Who may call: anyone; whoever the policy allows an action (then, optionally, on the resource the
 * path names); or a check of the route's own (sign-in), which documents the refusals it gives.
 */
export type AuthRule<Params> =
  | { anonymous: true }
  | { action: Action; resource?: (principal: Principal, params: Params) => Promise<unknown> }
  | { custom: (request: Request) => Promise<Principal | null>; refusals: ReadonlyArray<401 | 403 | 429> };

type PrincipalOf<A> = A extends { action: Action } ? Principal : Principal | null;

export type RouteContext<Params, Query, Body, A> = {
  request: Request;
  principal: PrincipalOf<A>;
  /** `own` when a customer may see only their own part (their accounts, their events). */
  scope: 'all' | 'own';
  params: Params;
  query: Query;
  body: Body;
};

export type BodySpec<Schema extends z.ZodType> = {
  schema: Schema;
  required?: boolean;
  /** `route` (default): parsed here, 400 with every issue. `handler`: the handler validates (a command's own schema, at dispatch). */
  validation?: 'route' | 'handler';
  /** Names the body in the 400's message: `Invalid ${what}` (default `request body`). */
  what?: string;
};

export type RouteSpec<P extends QuerySchema, Q extends QuerySchema, B extends z.ZodType, A extends AuthRule<z.output<P>>> = {
  method: Method;
  /** As documented: `/api/accounts/{accountId}/summary`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: A;
  params?: P;
  /** What a malformed path parameter means; 400 by default (an id that cannot exist answers 404). */
  invalidParams?: (raw: Record<string, string>, issues: FieldIssue[]) => Error;
  query?: Q;
  /** Request headers the route reads, documented (the handler reads them from the request). */
  headers?: z.ZodObject;
  body?: BodySpec<B>;
  /** Answers from these projections' read models: `after_position`/`wait_ms` and X-Read-Position. */
  readYourWrites?: { sources: readonly string[] };
  /** The success answer (JSON schema or a media type) and the route's own error codes by status. */
  responses: ResponseDocs;
  /** A JSON body for the success status, or a whole Response (streams, cookies, other statuses). */
  handle: (context: RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>) => Promise<unknown>;
};

export type NextContext = { params: Promise<Record<string, string>> };
export type RouteHandler = (request: Request, context?: NextContext) => Promise<Response>;

export type RouteDefinition = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  auth: AuthRule<never>;
  params?: QuerySchema;
  query?: QuerySchema;
  headers?: z.ZodObject;
  body?: BodySpec<z.ZodType>;
  readYourWrites?: { sources: readonly string[] };
  /** Every status the route answers, with its documented body: the spec's own plus the shared ones. */
  responses: Record<number, ResponseDoc>;
  successStatus: number;
  handler: RouteHandler;
};

const caller = async <P>(auth: AuthRule<P>, request: Request): Promise<{ principal: Principal | null; scope: 'all' | 'own' }> => {
  if ('anonymous' in auth) return { principal: null, scope: 'all' };
  if ('custom' in auth) return { principal: await auth.custom(request), scope: 'all' };
  return requireAllowed(await requestPrincipal(request), auth.action);
};

const pathParams = <P extends QuerySchema>(schema: P | undefined, raw: Record<string, string>, invalid: RouteSpec<P, QuerySchema, z.ZodType, never>['invalidParams']) => {
  if (!schema) return raw as z.output<P>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  throw invalid ? invalid(raw, issues) : new ValidationError('Invalid path', issues);
};

export const defineRoute = <P extends QuerySchema, Q extends QuerySchema, B extends z.ZodType, A extends AuthRule<z.output<P>>>(
  spec: RouteSpec<P, Q, B, A>,
): RouteDefinition => {
  const responses = documentedResponses(spec);
  const successStatus = Math.min(...Object.keys(spec.responses).map(Number).filter((status) => status < 300));

  const handler: RouteHandler = async (request, context) => {
    try {
      // Who is asking comes first: a caller who may not ask learns nothing about the path, query or body.
      const { principal, scope } = await caller(spec.auth, request);
      const params = pathParams(spec.params, (await context?.params) ?? {}, spec.invalidParams);
      if ('action' in spec.auth && spec.auth.resource) await spec.auth.resource(principal!, params);

      const searchParams = new URL(request.url).searchParams;
      const consistency = spec.readYourWrites ? parseParams(searchParams, consistencyParams) : { data: {}, issues: [] };
      const own = spec.query ? parseParams(searchParams, spec.query) : { data: {}, issues: [] };
      if (consistency.data === undefined || own.data === undefined) throw invalidQuery([...consistency.issues, ...own.issues]);

      let body: unknown;
      if (spec.body) {
        const json = await readJsonObject(request);
        if (spec.body.validation === 'handler') body = json;
        else {
          const parsed = spec.body.schema.safeParse(json);
          if (!parsed.success) throw new ValidationError(`Invalid ${spec.body.what ?? 'request body'}`, issuesOf(parsed.error));
          body = parsed.data;
        }
      }

      let headers: Record<string, string> = {};
      if (spec.readYourWrites) {
        const staff = principal !== null && principal.role !== 'customer';
        const read = await awaitReadPosition(consistency.data as z.output<typeof consistencyParams>, spec.readYourWrites.sources, staff);
        if ('behind' in read) return read.behind;
        headers = { 'X-Read-Position': String(read.position) };
      }
      const result = await spec.handle({
        request,
        principal: principal as PrincipalOf<A>,
        scope,
        params,
        query: own.data as z.output<Q>,
        body: body as z.output<B>,
      });
      return result instanceof Response ? result : jsonResponse(result, successStatus, headers);
    } catch (error) {
      return errorResponse(asReadSideError(error));
    }
  };

  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tag: spec.tag,
    auth: spec.auth as AuthRule<never>,
    params: spec.params,
    query: spec.query,
    headers: spec.headers,
    body: spec.body,
    readYourWrites: spec.readYourWrites,
    responses,
    successStatus,
    handler,
  };
};
