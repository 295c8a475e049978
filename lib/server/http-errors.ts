import { isChronicleError, type FieldIssue } from '../core/errors';

export type ErrorBody = { error: { code: string; message: string; issues?: FieldIssue[] } };

const STATUS_BY_KIND = {
  validation: 400,
  not_found: 404,
  concurrency: 409,
  conflict: 409,
  rule_violation: 422,
  unavailable: 503,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
} as const;

/** Maps any error to one response shape; unexpected errors leak no detail. */
export const toErrorResponse = (error: unknown): { status: number; body: ErrorBody } => {
  if (isChronicleError(error)) {
    const issues = 'issues' in error ? (error.issues as FieldIssue[]) : undefined;
    return {
      status: STATUS_BY_KIND[error.kind],
      body: { error: { code: error.code, message: error.message, ...(issues?.length ? { issues } : {}) } },
    };
  }
  console.error('Unexpected error', error);
  return { status: 500, body: { error: { code: 'internal_error', message: 'Something went wrong on our side' } } };
};

export const errorBody = (code: string, message: string, issues?: FieldIssue[]): ErrorBody => ({
  error: { code, message, ...(issues?.length ? { issues } : {}) },
});
