/**
 * The client's address as the proxy in front reports it (Next's server sets
 * X-Forwarded-For from the socket when nothing in front did). It keys the
 * sign-in rate limits.
 */
export const clientAddress = (headers: Headers): string =>
  headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip')?.trim() || 'unknown';
