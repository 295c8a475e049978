import { NextResponse } from 'next/server';
import { z } from 'zod';
import { UnauthenticatedError } from '../../core/errors';
import { ROLES } from '../../auth/principal';
import { clientAddress } from '../auth/client-address';
import { verifyCredentials } from '../auth/credentials';
import { requestPrincipal } from '../auth/request-auth';
import { assertSameOrigin } from '../auth/same-origin';
import { SESSION_COOKIE, sealSession, servedOverHttps, sessionCookieOptions } from '../auth/session';
import { principalBody } from '../auth/session-routes';
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
const https = (request: Request) => servedOverHttps(request.url, request.headers.get('x-forwarded-proto'));
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
    const principal = await verifyCredentials(body.username, body.password, clientAddress(request.headers));
    const response = NextResponse.json({ principal: principalBody(principal) }, { headers: noStore });
    response.cookies.set(SESSION_COOKIE, await sealSession(principal.id), sessionCookieOptions(https(request)));
    return response;
  },
});

export const signOut = defineRoute({
  method: 'DELETE',
  path: '/api/session',
  operationId: 'signOut',
  summary: 'Sign out',
  description: 'Clears the session cookie; the seal itself expires with its time to live.',
  tag: 'session',
  auth: {
    custom: async (request) => {
      assertSameOrigin(request, true);
      return null;
    },
    refusals: [403],
  },
  responses: { 204: { description: 'The session cookie is cleared', headers: cookieSet } },
  handle: async ({ request }) => {
    const response = new NextResponse(null, { status: 204, headers: noStore });
    response.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(https(request)), maxAge: 0 });
    return response;
  },
});
