import { ForbiddenError } from '../../core/errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const hostOf = (origin: string): string | null => {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
};

/** The hosts this request was addressed to: its URL's and what a proxy in front forwarded. */
const ownHosts = (request: Request): Set<string> => {
  const hosts = new Set<string>([new URL(request.url).host.toLowerCase()]);
  for (const name of ['host', 'x-forwarded-host']) {
    const value = request.headers.get(name)?.split(',')[0]?.trim().toLowerCase();
    if (value) hosts.add(value);
  }
  return hosts;
};

export const CROSS_SITE_MESSAGE = 'Cross-site requests are refused: send this request from Chronicle’s own pages, or authenticate with Authorization: Basic.';

/**
 * CSRF defence for unsafe requests. A browser names the page that sent a
 * request in Origin and says whether it was same-origin in Sec-Fetch-Site;
 * either pointing elsewhere is refused, whatever the credentials. A request
 * riding on the session cookie must carry one of them, since only a browser
 * holds that cookie. API clients with Authorization send neither and pass.
 */
export const assertSameOrigin = (request: Request, cookieAuthenticated: boolean): void => {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') throw new ForbiddenError('cross_site_request', CROSS_SITE_MESSAGE);
  if (origin !== null) {
    const host = origin === 'null' ? null : hostOf(origin);
    if (host === null || !ownHosts(request).has(host)) throw new ForbiddenError('cross_site_request', CROSS_SITE_MESSAGE);
    return;
  }
  if (cookieAuthenticated && fetchSite === null) throw new ForbiddenError('cross_site_request', CROSS_SITE_MESSAGE);
};
