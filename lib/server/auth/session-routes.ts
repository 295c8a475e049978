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
import { SESSION_COOKIE, sealSession, servedOverHttps, sessionCookieOptions } from './session';

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
    const principal = await verifyCredentials(parsed.data.username, parsed.data.password, clientAddress(request.headers));
    const response = NextResponse.json({ principal: principalBody(principal) }, { headers: noStore });
    response.cookies.set(SESSION_COOKIE, await sealSession(principal.id), sessionCookieOptions(https(request)));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};

/** DELETE /api/session: signs out (the cookie is cleared; the seal itself expires with its time to live). */
export const signOutRoute = () => async (request: Request): Promise<Response> => {
  try {
    assertSameOrigin(request, true);
    const response = new NextResponse(null, { status: 204, headers: noStore });
    response.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(https(request)), maxAge: 0 });
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
    const response = new NextResponse(null, { status: 303, headers: { ...noStore, Location: '/sign-in' } });
    response.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(https(request)), maxAge: 0 });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
};
