import { z } from 'zod';
import { ValidationError } from '../../core/errors';
import { issuesOf } from '../../commands/account-commands';
import { authorizeStreamRead } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { DENSITY_BUCKETS, MAX_ROW_VERSIONS, SEARCH_TEXT_MAX, SERIES_POINTS, TIMELINE_LIMIT } from './debugger-limits';
import { webRuntime } from '../web-runtime';
import { errorResponse, jsonResponse } from './responses';
import { parseStreamId } from './stream-query';

/* GET routes of the time-travel debugger; each parses its query, asks the service, answers JSON. */

type Context = { params: Promise<{ streamId: string }> };

const version = (name: string) => z.string().regex(/^\d{1,15}$/, `${name} must be a whole number`).transform(Number);
const isoTime = z.iso.datetime({ offset: true, local: true, message: 'at must be an ISO date-time, e.g. 2026-03-01T10:00:00Z' });


const parse = <Schema extends z.ZodType>(schema: Schema, searchParams: URLSearchParams, keys: readonly string[]): z.output<Schema> => {
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const values = searchParams.getAll(key);
    if (values.length > 1) throw new ValidationError('Invalid query', [{ path: key, message: `${key} may be given once` }]);
    if (values[0] !== undefined) raw[key] = values[0];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('Invalid query', issuesOf(parsed.error));
  return parsed.data;
};

const route =
  (answer: (streamId: string, searchParams: URLSearchParams) => Promise<unknown>) =>
  async (request: Request, { params }: Context): Promise<Response> => {
    try {
      const principal = await requestPrincipal(request);
      const streamId = parseStreamId((await params).streamId);
      await authorizeStreamRead(principal, streamId);
      return jsonResponse(await answer(streamId, new URL(request.url).searchParams));
    } catch (error) {
      return errorResponse(error);
    }
  };

const stateQuery = z
  .object({ version: version('version').optional(), at: isoTime.optional() })
  .refine((query) => (query.version === undefined) !== (query.at === undefined), { message: 'Give exactly one of version or at', path: ['version'] });

/** A time without an offset is read as UTC, so a link means the same moment on every server. */
const asUtc = (iso: string): Date => new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);

/** GET /api/streams/{streamId}/state?version=N | ?at=ISO */
export const streamStateRoute = () =>
  route(async (streamId, searchParams) => {
    const query = parse(stateQuery, searchParams, ['version', 'at']);
    return webRuntime().debuggerFor(streamId).stateView(streamId, query.version !== undefined ? { version: query.version } : { at: asUtc(query.at!) });
  });

const densityQuery = z.object({
  density: z.literal('buckets', { message: 'density must be buckets' }),
  buckets: version('buckets').pipe(z.number().min(1, 'buckets must be at least 1').max(DENSITY_BUCKETS.max, `buckets may be at most ${DENSITY_BUCKETS.max}`)).default(DENSITY_BUCKETS.default),
  /** A zoomed window of versions; the whole stream by default. */
  fromVersion: version('fromVersion').optional(),
  toVersion: version('toVersion').optional(),
});
const windowQuery = z.object({
  from: version('from').pipe(z.number().min(1, 'from must be at least 1')).default(1),
  limit: version('limit').pipe(z.number().min(1, 'limit must be at least 1').max(TIMELINE_LIMIT.max, `limit may be at most ${TIMELINE_LIMIT.max}`)).default(TIMELINE_LIMIT.default),
});

const seriesQuery = z.object({
  series: z.string().trim().min(1, 'series must name a field, e.g. balance'),
  points: version('points').pipe(z.number().min(2, 'points must be at least 2').max(SERIES_POINTS.max, `points may be at most ${SERIES_POINTS.max}`)).default(SERIES_POINTS.default),
  fromVersion: version('fromVersion').optional(),
  toVersion: version('toVersion').optional(),
});

const rangeOf = (query: { fromVersion?: number; toVersion?: number }) =>
  query.fromVersion !== undefined || query.toVersion !== undefined ? { from: query.fromVersion ?? 1, to: query.toVersion ?? Number.MAX_SAFE_INTEGER } : undefined;

const text = (name: string, max: number) => z.string().trim().min(1, `${name} must not be empty`).max(max, `${name} may be at most ${max} characters`).optional();
const searchQuery = z
  .object({ q: text('q', SEARCH_TEXT_MAX), type: text('type', 100), actor: text('actor', 200) })
  .refine((query) => query.q !== undefined || query.type !== undefined || query.actor !== undefined, { message: 'Give q, type or actor', path: ['q'] });
const versionsQuery = z.object({
  versions: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15})*$/, 'versions must be whole numbers separated by commas')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number()).max(MAX_ROW_VERSIONS, `At most ${MAX_ROW_VERSIONS} versions at once`)),
});

/** GET /api/streams/{streamId}/timeline?from=V&limit=L | ?versions=a,b,c | ?q=text&type=T&actor=A | ?density=buckets&buckets=B | ?series=balance&points=P */
export const streamTimelineRoute = () =>
  route(async (streamId, searchParams) => {
    if (searchParams.has('versions')) return webRuntime().debuggerFor(streamId).rows(streamId, parse(versionsQuery, searchParams, ['versions']).versions);
    if (['q', 'type', 'actor'].some((key) => searchParams.has(key))) {
      const { q, type, actor } = parse(searchQuery, searchParams, ['q', 'type', 'actor']);
      return webRuntime().debuggerFor(streamId).search(streamId, { text: q, type, actor });
    }
    if (searchParams.has('series')) {
      const query = parse(seriesQuery, searchParams, ['series', 'points', 'fromVersion', 'toVersion']);
      return webRuntime().debuggerFor(streamId).series(streamId, query.series, query.points, rangeOf(query));
    }
    if (searchParams.has('density')) {
      const query = parse(densityQuery, searchParams, ['density', 'buckets', 'fromVersion', 'toVersion']);
      return webRuntime().debuggerFor(streamId).density(streamId, query.buckets, rangeOf(query));
    }
    const query = parse(windowQuery, searchParams, ['from', 'limit']);
    return webRuntime().debuggerFor(streamId).timeline(streamId, query.from, query.limit);
  });

const breakpointQuery = z.object({ expr: z.string().trim().min(1, 'expr must not be empty') });

/** GET /api/streams/{streamId}/timeline/breakpoints?expr=balance%20%3C%200 */
export const streamBreakpointsRoute = () =>
  route(async (streamId, searchParams) => webRuntime().debuggerFor(streamId).breakpoints(streamId, parse(breakpointQuery, searchParams, ['expr']).expr));

const snapshotQuery = z.object({ version: version('version').optional() });

/** GET /api/streams/{streamId}/state/snapshots, or ?version=N for one snapshot beside the replayed state. */
export const streamSnapshotsRoute = () =>
  route(async (streamId, searchParams) => {
    const query = parse(snapshotQuery, searchParams, ['version']);
    return query.version === undefined ? webRuntime().debuggerFor(streamId).snapshots(streamId) : webRuntime().debuggerFor(streamId).compareSnapshot(streamId, query.version);
  });

const testCaseQuery = z.object({ version: version('version') });

/** GET /api/streams/{streamId}/state/test-case?version=N */
export const streamTestCaseRoute = () =>
  route(async (streamId, searchParams) => webRuntime().debuggerFor(streamId).testCase(streamId, parse(testCaseQuery, searchParams, ['version']).version));
