import { STREAM_ID_PATTERN, isEntityId } from '../core/ids';
import { webRuntime } from './web-runtime';

/*
 * Pages about one stream (an account, a transfer, a stream in the debugger) answer a real 404 when
 * it has no events. The pages stream their loading skeleton first, after which the status is
 * already 200, so this is decided before rendering starts (in the proxy).
 */

export type MissingKind = 'account' | 'transfer' | 'stream';

/** The header the proxy sets on the rewritten request, so the not-found page can say what was missing. */
export const MISSING_HEADER = 'x-chronicle-missing';

/** Pages beside the streams' ones under /debugger (a stream id always has a dash, so none can be one). */
const DEBUGGER_PAGES = new Set(['scan']);

/** The stream a page path is about, or null for any other page; `malformed` ids can name nothing. */
export const streamOfPage = (pathname: string): { kind: MissingKind; streamId: string | null } | null => {
  const match = /^\/(accounts|transfers|debugger)\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  if (match[1] === 'debugger' && DEBUGGER_PAGES.has(match[2]!)) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return { kind: match[1] === 'debugger' ? 'stream' : match[1] === 'accounts' ? 'account' : 'transfer', streamId: null };
  }
  if (match[1] === 'debugger') return { kind: 'stream', streamId: STREAM_ID_PATTERN.test(id) ? id : null };
  const kind = match[1] === 'accounts' ? 'account' : 'transfer';
  return { kind, streamId: isEntityId(id) ? `${kind}-${id}` : null };
};

/** What is missing behind this page path, or null when the page has something to show (or is no such page). */
export const missingBehind = async (pathname: string): Promise<MissingKind | null> => {
  const page = streamOfPage(pathname);
  if (!page) return null;
  if (page.streamId === null) return page.kind;
  return (await webRuntime().store.streamExists(page.streamId)) ? null : page.kind;
};
