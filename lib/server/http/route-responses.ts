import { z } from 'zod';
import { MAX_BODY_BYTES } from './json-body';
import { readModelBehindSchema, readPositionHeaders, RETRY_AFTER_SECONDS } from './read-your-writes';
import { errorBodySchema } from './schemas';

/* The answers of a route as its definition documents them: its own, plus those every route of its kind gives. */

export type ResponseDoc = {
  description: string;
  /** The JSON body; absent with `contentType` (a stream, a file) or for an empty answer. */
  schema?: z.ZodType;
  /** A body that is not JSON: `text/csv`, `text/event-stream`… documented as text of that type. */
  contentType?: string;
  /** Server-sent events: the data of each named frame. */
  frames?: Record<string, z.ZodType>;
  headers?: z.ZodObject;
};

/** By status: a full description, or for errors just the codes it may carry (the body is the Error shape). */
export type ResponseDocs = Record<number, ResponseDoc | string>;

type Documented = {
  method: string;
  auth: { anonymous: true } | { action: unknown } | { custom: unknown; refusals: ReadonlyArray<401 | 403 | 429> };
  params?: unknown;
  query?: unknown;
  headers?: unknown;
  body?: unknown;
  readYourWrites?: unknown;
  responses: ResponseDocs;
};

const error = (description: string): ResponseDoc => ({ description, schema: errorBodySchema });

const retryAfter = z.object({ 'Retry-After': z.string().regex(/^\d+$/).meta({ description: 'Seconds to wait before asking again' }) });

const SHARED = {
  '400': error('`validation_failed` (with per-field `issues`) or `invalid_json`; nothing was written'),
  '401': error('`unauthenticated` (nobody signed in) or `invalid_credentials` (wrong Basic credentials)'),
  forbiddenRead: error('`not_your_account`, `staff_only`: the signed-in principal may not read this'),
  forbiddenChange: error(
    '`not_your_account`, `not_own_customer`, `not_own_name` and `overdraft_needs_teller` (a customer opening an account), `staff_only`, `read_only_role` (auditors) or `cross_site_request` (a cookie-authenticated request from another site); nothing was written',
  ),
  '413': error(`\`payload_too_large\`: the body exceeds ${MAX_BODY_BYTES} bytes`),
  '415': error('`unsupported_media_type`: send application/json'),
  '429': { ...error('`too_many_attempts`: too many failed sign-ins; wait Retry-After seconds'), headers: retryAfter },
  '500': error('`internal_error`: unexpected; no detail is given'),
  '503': error('`unavailable`: the database could not be reached; retry later'),
  readModelBehind: {
    description:
      `\`read_model_behind\`: the read models did not reach \`after_position\` within \`wait_ms\` (with each projection's lag; retry after ${RETRY_AFTER_SECONDS} s), ` +
      'or `unavailable`: the database could not be reached',
    schema: z.union([readModelBehindSchema, errorBodySchema]),
    headers: retryAfter.extend(readPositionHeaders.shape).partial() as z.ZodObject,
  },
} satisfies Record<string, ResponseDoc>;

/** The route's answers by status, each with its documented body. */
export const documentedResponses = (route: Documented): Record<number, ResponseDoc> => {
  const own = Object.fromEntries(
    Object.entries(route.responses).map(([status, doc]) => [status, typeof doc === 'string' ? error(doc) : doc]),
  ) as Record<number, ResponseDoc>;
  const takesInput = route.params || route.query || route.headers || route.body || route.readYourWrites;
  const refusals = 'anonymous' in route.auth ? [] : 'custom' in route.auth ? route.auth.refusals : ([401, 403, 429] as const);
  const unsafe = route.method !== 'GET';
  const shared: Record<number, ResponseDoc> = {};
  if (takesInput) shared[400] = SHARED['400'];
  if (refusals.includes(401)) shared[401] = SHARED['401'];
  if (refusals.includes(403)) shared[403] = unsafe ? SHARED.forbiddenChange : SHARED.forbiddenRead;
  if (route.body) Object.assign(shared, { 413: SHARED['413'], 415: SHARED['415'] });
  if (refusals.includes(429)) shared[429] = SHARED['429'];
  shared[500] = SHARED['500'];
  shared[503] = route.readYourWrites ? SHARED.readModelBehind : SHARED['503'];
  return { ...shared, ...own };
};
