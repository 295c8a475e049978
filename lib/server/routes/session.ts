import { NextResponse } from 'next/server';
import { z } from 'zod';
import { UnauthenticatedError } from '../../core/errors';
import { ROLES } from '../../auth/principal';
import { clientAddress } from '../auth/client-address';
import { verifyCredentials } from '../auth/credentials';
import { requestPrincipal } from '../auth/request-auth';
import { assertSameOrigin } from '../auth/same-origin';
import { SESSION_COOKIE, sealSession, sessionCookieName, sessionCookieOptions, sessionFor } from '../auth/session';
import { clearSessionCookies, endSession, https, principalBody } from '../auth/session-routes';
import { defineRoute } from '../http/define-route';

/* Signing in and out over the JSON API; the sign-in page and the header's sign-out form use the same session cookie. */

export const signInInput = z
  .object({
    username: z.string().trim().min(1, 'Username is required').max(64, 'Username may be at most 64 characters'),
    password: z.string().min(1, 'Password is required').max(200, 'Password may be at most 200 characters'),
  })
  .strict()
  .meta({ id: 'SignInRequest' });

const sessionSchema = z
  .object({
    principal: z.object({
      id: z.string().meta({ description: 'Recorded as the actor of every command, e.g. customer:ada-lovelace' }),
      role: z.enum(ROLES),
      roleLabel: z.string(),
      name: z.string(),
      holderName: z.string().optional().meta({ description: 'Customers: the holder name of their accounts' }),
    }),
  })
  .meta({ id: 'Session' });

const noStore = { 'Cache-Control': 'no-store' };
const cookieSet = z.object({ 'Set-Cookie': z.string().meta({ description: `The \`${SESSION_COOKIE}\` cookie` }) });

export const getSession = defineRoute({
  method: 'GET',
  path: '/api/session',
  operationId: 'getSession',
  summary: 'Who is signed in',
  tag: 'session',
  auth: { custom: requestPrincipal, refusals: [401, 403, 429] },
  responses: { 200: { description: 'The authenticated principal', schema: sessionSchema } },
  handle: async ({ principal }) => {
    if (!principal) throw new UnauthenticatedError();
    return { principal: principalBody(principal) };
  },
});

export const signIn = defineRoute({
  method: 'POST',
  path: '/api/session',
  operationId: 'signIn',
  summary: 'Sign in',
  description: `Checks a username and password and sets the \`${SESSION_COOKIE}\` cookie (sealed, http-only, SameSite=Lax, Secure over https). Failed attempts are limited per client address and username.`,
  tag: 'session',
  auth: {
    custom: async (request) => {
      assertSameOrigin(request, false);
      return null;
    },
    refusals: [401, 403, 429],
  },
  body: { schema: signInInput, what: 'sign-in' },
  responses: { 200: { description: 'Signed in; the cookie is set', schema: sessionSchema, headers: cookieSet } },
  handle: async ({ request, body }) => {
    const { principal, user } = await verifyCredentials(body.username, body.password, clientAddress(request.headers));
    const response = NextResponse.json({ principal: principalBody(principal) }, { headers: noStore });
    const secure = https(request);
    response.cookies.set(sessionCookieName(secure), await sealSession(sessionFor(user)), sessionCookieOptions(secure));
    return response;
  },
});

export const signOut = defineRoute({
  method: 'DELETE',
  path: '/api/session',
  operationId: 'signOut',
  summary: 'Sign out',
  description:
    'Ends this session in the user’s stream, so its cookie is refused from now on even if copied, and clears the cookie. `everywhere=1` ends every session of the user ("sign out everywhere").',
  tag: 'session',
  auth: {
    custom: async (request) => {
      assertSameOrigin(request, true);
      return null;
    },
    refusals: [403],
  },
  query: z.object({ everywhere: z.enum(['0', '1']).optional().meta({ description: '1: end every session of the user, on every device' }) }),
  responses: { 204: { description: 'The session is ended and its cookie cleared', headers: cookieSet } },
  handle: async ({ request, query }) => {
    await endSession(request, query.everywhere === '1');
    const response = new NextResponse(null, { status: 204, headers: noStore });
    clearSessionCookies(response, https(request));
    return response;
  },
});
