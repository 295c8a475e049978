import { RateLimitedError } from '../../core/errors';
import { errorBody, toErrorResponse } from '../http-errors';

/**
 * Failures of the HTTP envelope itself (body too large, not JSON, wrong media
 * type). Domain and validation errors keep their own types and go through
 * `toErrorResponse`; only these need a status the core cannot know about.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  Response.json(body, { status, headers: { ...NO_STORE, ...headers } });

/** The one place an error becomes a response in the JSON API. */
export const errorResponse = (error: unknown): Response => {
  if (error instanceof HttpError) return jsonResponse(errorBody(error.code, error.message), error.status);
  const { status, body } = toErrorResponse(error);
  return jsonResponse(body, status, error instanceof RateLimitedError ? { 'Retry-After': String(error.retryAfterSeconds) } : {});
};
