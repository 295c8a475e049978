import { NextResponse } from 'next/server';
import { ROLE_LABELS, type Principal } from '../../auth/principal';
import { errorResponse } from '../http/responses';
import { assertSameOrigin } from './same-origin';
import { SESSION_COOKIE, servedOverHttps, sessionCookieOptions } from './session';

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

/**
 * POST /sign-out from the header's plain form: clears the cookie and sends the
 * browser to the sign-in page as a full navigation, so nothing on the old page
 * keeps asking the API once the session is gone.
 */
export const signOutFormRoute = () => async (request: Request): Promise<Response> => {
  try {
    assertSameOrigin(request, true);
    const response = new NextResponse(null, { status: 303, headers: { ...noStore, Location: '/sign-in' } });
    response.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(https(request)), maxAge: 0 });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};
