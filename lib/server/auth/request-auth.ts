import { UnauthenticatedError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { cookieValue } from '../http/cookies';
import { clientAddress } from './client-address';
import { verifyCredentials } from './credentials';
import { assertSameOrigin } from './same-origin';
import { SESSION_COOKIE, unsealSession } from './session';
import { principalById } from './user-directory';

const basicCredentials = (header: string): { username: string; password: string } => {
  const [scheme, encoded] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic' || !encoded) {
    throw new UnauthenticatedError('Only Authorization: Basic is supported (or the session cookie from signing in).', 'unsupported_authorization');
  }
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new UnauthenticatedError('Authorization: Basic needs base64 of username:password.', 'invalid_credentials');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
};

/**
 * Who sent an API request: Authorization: Basic (for scripts and curl), else
 * the session cookie; null when anonymous. Unsafe requests from another site
 * are refused first (403), and wrong credentials are an error (401), never a
 * silent fall back to anonymous.
 */
export const requestPrincipal = async (request: Request): Promise<Principal | null> => {
  const authorization = request.headers.get('authorization');
  const cookie = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  assertSameOrigin(request, authorization === null && cookie !== undefined);
  if (authorization !== null) {
    const { username, password } = basicCredentials(authorization);
    return verifyCredentials(username, password, clientAddress(request.headers));
  }
  const id = await unsealSession(cookie);
  return id === null ? null : principalById(id);
};
