import { NextResponse } from 'next/server';
import { ROLE_LABELS, type Principal } from '../../auth/principal';
import { cookieValue } from '../http/cookies';
import { errorResponse } from '../http/responses';
import { webRuntime } from '../web-runtime';
import { assertSameOrigin } from './same-origin';
import { SESSION_COOKIE, servedOverHttps, sessionCookieName, sessionCookieOf, sessionCookieOptions, unsealSession } from './session';
import { principalForSession } from './user-lookup';

/** What a client learns about who is signed in. */
export const principalBody = (principal: Principal) => ({
  id: principal.id,
  role: principal.role,
  roleLabel: ROLE_LABELS[principal.role],
  name: principal.name,
  ...(principal.holderName !== undefined ? { holderName: principal.holderName } : {}),
});

const noStore = { 'Cache-Control': 'no-store' };
export const https = (request: Request) => servedOverHttps(request.url, request.headers.get('x-forwarded-proto'));

/** Clears the session cookie under either name (the `__Host-` one over https, the plain one otherwise). */
export const clearSessionCookies = (response: NextResponse, secure: boolean): void => {
  for (const name of new Set([sessionCookieName(secure), SESSION_COOKIE])) response.cookies.set(name, '', { ...sessionCookieOptions(secure), maxAge: 0 });
};

/**
 * Records the end of the request's session (or of all its user's sessions) in the user's stream,
 * so its cookie is refused from now on even if it was copied. Anyone may end their own session,
 * whatever their role: the session itself is the authority. A request without a live session has
 * nothing to end.
 */
export const endSession = async (request: Request, everywhere: boolean): Promise<void> => {
  const header = request.headers.get('cookie');
  const session = await unsealSession(sessionCookieOf((name) => cookieValue(header, name)));
  const principal = await principalForSession(session);
  if (!session || !principal) return;
  const runtime = webRuntime();
  const context = { actor: principal.id };
  if (everywhere) await runtime.commands.send('user', 'revokeSessions', session.username, {}, context);
  else await runtime.commands.send('user', 'endSession', session.username, { sessionId: session.sessionId }, context);
};

/**
 * POST /sign-out from the header's plain form: ends the session (or, with `everywhere=on`, every
 * session of the user), clears the cookie and sends the browser to the sign-in page as a full
 * navigation, so nothing on the old page keeps asking the API once the session is gone.
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
