import { UnauthenticatedError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { cookieValue } from '../http/cookies';
import { clientAddress } from './client-address';
import { verifyCredentials } from './credentials';
import { assertSameOrigin } from './same-origin';
import { basicCredentialCache } from './basic-cache';
import { assertSignInAllowed } from './sign-in-limiter';
import { sessionCookieOf, unsealSession } from './session';
import { principalForSession } from './user-lookup';

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
  const header = request.headers.get('cookie');
  const cookie = sessionCookieOf((name) => cookieValue(header, name));
  assertSameOrigin(request, authorization === null && cookie !== undefined);
  if (authorization !== null) return basicPrincipal(authorization, clientAddress(request.headers));
  return principalForSession(await unsealSession(cookie));
};

/**
 * Basic credentials, verified with bcrypt once and then remembered for a few seconds under a hash
 * of the header, so a script's run of requests does not pay a bcrypt comparison each. A remembered
 * header still needs its user active with the same password hash.
 */
const basicPrincipal = async (authorization: string, address: string): Promise<Principal> => {
  const { username, password } = basicCredentials(authorization);
  // A locked-out username stays locked out, remembered credentials or not.
  await assertSignInAllowed(address, username);
  const cache = basicCredentialCache();
  const remembered = await cache.recall(authorization);
  if (remembered) return remembered;
  const { principal, user } = await verifyCredentials(username, password, address);
  cache.remember(authorization, user);
  return principal;
};
