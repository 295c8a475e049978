import { NextResponse } from 'next/server';
import { z } from 'zod';
import { UnauthenticatedError, ValidationError } from '../../core/errors';
import { ROLE_LABELS, type Principal } from '../../auth/principal';
import { issuesOf } from '../../commands/account-commands';
import { readJsonObject } from '../http/json-body';
import { errorResponse } from '../http/responses';
import { clientAddress } from './client-address';
import { verifyCredentials } from './credentials';
import { requestPrincipal } from './request-auth';
import { assertSameOrigin } from './same-origin';
import { cookieValue } from '../http/cookies';
import { webRuntime } from '../web-runtime';
import { SESSION_COOKIE, sealSession, servedOverHttps, sessionCookieName, sessionCookieOf, sessionCookieOptions, sessionFor, unsealSession } from './session';
import { principalForSession } from './user-directory';

export const signInInput = z
  .object({
    username: z.string().trim().min(1, 'Username is required').max(64, 'Username may be at most 64 characters'),
    password: z.string().min(1, 'Password is required').max(200, 'Password may be at most 200 characters'),
  })
  .strict();

/** What a client learns about who is signed in. */
export const principalBody = (principal: Principal) => ({
  id: principal.id,
  role: principal.role,
  roleLabel: ROLE_LABELS[principal.role],
  name: principal.name,
  ...(principal.holderName !== undefined ? { holderName: principal.holderName } : {}),
});

const noStore = { 'Cache-Control': 'no-store' };
const https = (request: Request) => servedOverHttps(request.url, request.headers.get('x-forwarded-proto'));

/** GET /api/session: who the request is authenticated as; 401 when anonymous. */
export const sessionRoute = () => async (request: Request): Promise<Response> => {
  try {
    const principal = await requestPrincipal(request);
    if (!principal) throw new UnauthenticatedError();
    return NextResponse.json({ principal: principalBody(principal) }, { headers: noStore });
  } catch (error) {
    return errorResponse(error);
  }
};

/** POST /api/session `{ username, password }`: signs in and sets the session cookie. */
export const signInRoute = () => async (request: Request): Promise<Response> => {
  try {
    assertSameOrigin(request, false);
    const parsed = signInInput.safeParse(await readJsonObject(request));
    if (!parsed.success) throw new ValidationError('Invalid sign-in', issuesOf(parsed.error));
    const { principal, user } = await verifyCredentials(parsed.data.username, parsed.data.password, clientAddress(request.headers));
    const response = NextResponse.json({ principal: principalBody(principal) }, { headers: noStore });
    const secure = https(request);
    response.cookies.set(sessionCookieName(secure), await sealSession(sessionFor(user)), sessionCookieOptions(secure));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};

/**
 * DELETE /api/session: signs out. The session is ended in the user's stream, so its cookie is
 * refused from now on even if it was copied; `?everywhere=1` ends every session of the user
 * ("sign out everywhere"). The cookie is cleared either way.
 */
export const signOutRoute = () => async (request: Request): Promise<Response> => {
  try {
    assertSameOrigin(request, true);
    await endSession(request, new URL(request.url).searchParams.get('everywhere') === '1');
    const response = new NextResponse(null, { status: 204, headers: noStore });
    clearSessionCookies(response, https(request));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};

/**
 * POST /sign-out from the header's plain form: clears the cookie and sends the
 * browser to the sign-in page as a full navigation, so nothing on the old page
 * keeps asking the API once the session is gone.
 */
export const signOutFormRoute = () => async (request: Request): Promise<Response> => {
  try {
    assertSameOrigin(request, true);
    const form = await request.formData().catch(() => null);
    await endSession(request, form?.get('everywhere') === 'on');
    const response = new NextResponse(null, { status: 303, headers: { ...noStore, Location: '/sign-in' } });
    clearSessionCookies(response, https(request));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};

const clearSessionCookies = (response: NextResponse, secure: boolean): void => {
  for (const name of new Set([sessionCookieName(secure), SESSION_COOKIE])) response.cookies.set(name, '', { ...sessionCookieOptions(secure), maxAge: 0 });
};

/**
 * Records the end of the request's session (or of all its user's sessions) in the user's stream.
 * Anyone may end their own session, whatever their role: the session itself is the authority.
 * A request without a live session has nothing to end.
 */
const endSession = async (request: Request, everywhere: boolean): Promise<void> => {
  const header = request.headers.get('cookie');
  const session = await unsealSession(sessionCookieOf((name) => cookieValue(header, name)));
  const principal = await principalForSession(session);
  if (!session || !principal) return;
  const runtime = webRuntime();
  const context = { actor: principal.id };
  if (everywhere) await runtime.commands.send('user', 'revokeSessions', session.username, {}, context);
  else await runtime.commands.send('user', 'endSession', session.username, { sessionId: session.sessionId }, context);
};
