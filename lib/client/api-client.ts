/** Typed JSON fetches for the browser; errors carry the API's `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const getJson = async <T>(path: string, init?: RequestInit): Promise<T> => {
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; issues?: Array<{ path: string; message: string }> } } | null;
  if (!response.ok) {
    // A 400 names what was wrong with which field: say that, not only "Invalid query".
    const issues = body?.error?.issues?.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
    const message = body?.error?.message ?? `Request failed (${response.status})`;
    throw new ApiError(response.status, body?.error?.code ?? 'http_error', issues ? `${message}: ${issues}` : message);
  }
  return body as T;
};

/**
 * Read-your-writes: a query after this browser's own command asks the server
 * to wait until the read models include it (see `after_position` in the API).
 */
export const withPosition = (path: string, position: number): string =>
  position > 0 ? `${path}${path.includes('?') ? '&' : '?'}after_position=${position}` : path;
