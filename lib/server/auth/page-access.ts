import 'server-only';
import { notFound } from 'next/navigation';
import { ForbiddenError } from '../../core/errors';
import { webRuntime } from '../web-runtime';

/**
 * Runs an authorisation check for a page: null when allowed, the refusal's
 * message when forbidden; an unknown account is the page's 404.
 */
export const pageRefusal = async (check: () => Promise<unknown>): Promise<string | null> => {
  try {
    await check();
    return null;
  } catch (error) {
    if (error instanceof ForbiddenError) return error.message;
    if (error instanceof Error && 'kind' in error && error.kind === 'not_found') notFound();
    throw error;
  }
};

/** A page about a stream that has no events is a real 404 (status and page), never a 200 that says "not found". */
export const requireStream = async (streamId: string): Promise<void> => {
  if (!(await webRuntime().store.streamExists(streamId))) notFound();
};
