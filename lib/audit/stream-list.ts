import { z } from 'zod';
import type { AuditQueries, StreamListQuery, StreamListRow, StreamSort } from '../core/audit-queries';
import { streamCategory } from '../core/envelope';
import { ValidationError } from '../core/errors';

/*
 * The stream browser: every stream with its size and activity, a page at a time. Paging is a
 * keyset on the sort's own columns, so a page is stable while new events arrive and costs the
 * same on page 1 and page 2,000.
 */

export const STREAM_SORTS = ['recent', 'size', 'id'] as const satisfies readonly StreamSort[];
export const DEFAULT_STREAM_PAGE = 50;
export const MAX_STREAM_PAGE = 200;

export const streamListRowSchema = z.object({
  streamId: z.string(),
  category: z.string(),
  /** How many events the stream holds (its newest version). */
  events: z.number().int().min(0),
  firstAt: z.iso.datetime({ offset: true }),
  lastAt: z.iso.datetime({ offset: true }),
  lastType: z.string(),
  lastPosition: z.number().int().min(1),
  /** The account holder's name, for an account stream the read model knows; null otherwise. */
  holder: z.string().nullable(),
});

export const streamListPageSchema = z.object({
  rows: z.array(streamListRowSchema),
  /** Hand back as `cursor` for the next page in the same sort; null on the last page. */
  nextCursor: z.string().nullable(),
});

export type StreamListItem = z.infer<typeof streamListRowSchema>;
export type StreamListPage = z.infer<typeof streamListPageSchema>;

const cursorSchema = z.object({ s: z.enum(STREAM_SORTS), i: z.string().max(300), v: z.number().int().min(0), p: z.number().int().min(0) });

export const encodeStreamCursor = (sort: StreamSort, row: StreamListRow): string =>
  Buffer.from(JSON.stringify({ s: sort, i: row.streamId, v: row.version, p: row.lastPosition }), 'utf8').toString('base64url');

/** A cursor is only good for the sort that issued it: any other text is a 400, not a silently different page. */
export const decodeStreamCursor = (cursor: string, sort: StreamSort): NonNullable<StreamListQuery['after']> => {
  const invalid = (message: string) => new ValidationError('Invalid cursor', [{ path: 'cursor', message }]);
  let value: unknown;
  try {
    value = /^[A-Za-z0-9_-]{1,600}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  } catch {
    value = null;
  }
  const parsed = cursorSchema.safeParse(value);
  if (!parsed.success) throw invalid('The cursor is not one this API issued');
  if (parsed.data.s !== sort) throw invalid(`The cursor belongs to sort=${parsed.data.s}, not sort=${sort}`);
  return { streamId: parsed.data.i, version: parsed.data.v, lastPosition: parsed.data.p };
};

export type StreamPageRequest = Omit<StreamListQuery, 'after'> & { cursor?: string };

/** One page; `holders` names the holder of an account stream (looked up by the caller in the read model). */
export const streamListPage = async (
  audit: AuditQueries,
  request: StreamPageRequest,
  holders: (streamIds: string[]) => Promise<Map<string, string>>,
): Promise<StreamListPage> => {
  const { cursor, ...query } = request;
  const after = cursor === undefined ? undefined : decodeStreamCursor(cursor, query.sort);
  const found = await audit.listStreams({ ...query, ...(after ? { after } : {}), limit: query.limit + 1 });
  const page = found.slice(0, query.limit);
  const names = await holders(page.map((row) => row.streamId));
  return {
    rows: page.map((row) => ({
      streamId: row.streamId,
      category: streamCategory(row.streamId),
      events: row.version,
      firstAt: row.firstAt.toISOString(),
      lastAt: row.lastAt.toISOString(),
      lastType: row.lastType,
      lastPosition: row.lastPosition,
      holder: names.get(row.streamId) ?? null,
    })),
    nextCursor: found.length > query.limit ? encodeStreamCursor(query.sort, page.at(-1)!) : null,
  };
};
