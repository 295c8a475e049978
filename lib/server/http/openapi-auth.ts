import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { signInInput } from '../auth/session-routes';

/* Sign-in, the security schemes and the 401/403/429 answers, merged into the OpenAPI document. */

type Operation = { operationId?: string; security?: unknown[]; responses?: Record<string, unknown> } & Record<string, unknown>;
type PathItems = Record<string, Record<string, Operation>>;
type Components = Record<string, Record<string, unknown>>;
type MergeableDocument = { paths: PathItems; components?: unknown; tags?: unknown } & Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
/** Operations anyone may call. */
const PUBLIC = new Set(['getOpenApiDocument', 'signIn']);
const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

const principalSchema = z.object({
  id: z.string().meta({ description: 'Recorded as the actor of every command, e.g. customer:ada-lovelace' }),
  role: z.enum(['customer', 'teller', 'auditor']),
  roleLabel: z.string(),
  name: z.string(),
  holderName: z.string().optional().meta({ description: 'Customers: the holder name of their accounts' }),
});
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return rest;
};
const sessionBody = { 'application/json': { schema: jsonSchema(z.object({ principal: principalSchema })) } };

const sessionPath: Record<string, Operation> = {
  get: {
    operationId: 'getSession',
    tags: ['session'],
    summary: 'Who is signed in',
    responses: { 200: { description: 'The authenticated principal', content: sessionBody } },
  },
  post: {
    operationId: 'signIn',
    tags: ['session'],
    summary: 'Sign in',
    description: `Checks a username and password and sets the \`${SESSION_COOKIE}\` cookie (sealed, http-only, SameSite=Lax, Secure over https). Failed attempts are limited per client address and username.`,
    requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(signInInput, 'input') } } },
    responses: { 200: { description: 'Signed in; the cookie is set', content: sessionBody }, 400: { $ref: '#/components/responses/BadRequest' } },
  },
  delete: {
    operationId: 'signOut',
    tags: ['session'],
    summary: 'Sign out',
    responses: { 204: { description: 'The session cookie is cleared' } },
  },
};

/** Adds the schemes, /api/session, and 401/403 (429 where credentials are checked) to every operation but the public ones. */
export const withAuthApi = <D extends MergeableDocument>(document: D): D => {
  const paths: PathItems = { ...document.paths, '/api/session': sessionPath };
  for (const [path, item] of Object.entries(paths)) {
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([method, operation]) => {
        const open = PUBLIC.has(operation.operationId ?? '');
        const responses = {
          ...operation.responses,
          ...(open ? {} : { 401: ref('Unauthenticated'), 403: ref(UNSAFE.has(method) ? 'ForbiddenCommand' : 'Forbidden') }),
          ...(open && operation.operationId !== 'signIn' ? {} : { 429: ref('TooManyAttempts') }),
        };
        return [method, { ...operation, ...(open ? { security: [] } : {}), responses }];
      }),
    );
  }
  const components = { ...((document.components ?? {}) as Components) };
  components.securitySchemes = {
    ...components.securitySchemes,
    basicAuth: { type: 'http', scheme: 'basic', description: 'A user’s username and password, for scripts and curl. Not subject to the Origin check.' },
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'Set by signing in (POST /api/session or the sign-in page). Unsafe requests with it must come from this site (Origin or Sec-Fetch-Site).',
    },
  };
  components.responses = {
    ...components.responses,
    Unauthenticated: errorResponse('`unauthenticated` (nobody signed in) or `invalid_credentials` (wrong Basic credentials)'),
    Forbidden: errorResponse('`not_your_account`, `staff_only`: the signed-in principal may not read this'),
    ForbiddenCommand: errorResponse(
      '`not_your_account`, `not_own_name`, `staff_only`, `read_only_role` (auditors) or `cross_site_request` (a cookie-authenticated request from another site); nothing was written',
    ),
    TooManyAttempts: { ...errorResponse('`too_many_attempts`: too many failed sign-ins; wait Retry-After seconds'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
  };
  const tags = (Array.isArray(document.tags) ? document.tags : []) as Array<{ name: string }>;
  return {
    ...document,
    security: [{ basicAuth: [] }, { sessionCookie: [] }],
    tags: [...tags, ...(tags.some((tag) => tag.name === 'session') ? [] : [{ name: 'session', description: 'Signing in and out' }])],
    paths,
    components,
  };
};
