import { NextResponse, type NextRequest } from 'next/server';
import { securityHeaders } from './lib/server/security-headers';
import { servedOverHttps, sessionCookieOf, unsealSession } from './lib/server/auth/session';
import { principalForSession } from './lib/server/auth/user-lookup';
import { MISSING_HEADER, missingBehind } from './lib/server/missing-pages';

/** Pages that need a signed-in visitor; the sign-in page and the API answer anonymous requests themselves. */
const PROTECTED = /^\/(?:$|accounts(?:\/|$)|debugger(?:\/|$)|transfers(?:\/|$)|audit$|operations$|developers$|users$|streams$)/;

/**
 * Runs before every request. Sends a visitor without a valid session to the sign-in page before a
 * protected page starts rendering (a redirect from inside a page would arrive after its loading
 * skeleton has streamed); pages, routes and server actions still check for themselves. And gives
 * every answer its security headers, pages a Content-Security-Policy with a fresh nonce.
 */
export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PROTECTED.test(pathname) && !(await signedIn(request))) {
    const signIn = new URL('/sign-in', request.nextUrl);
    signIn.searchParams.set('next', `${pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const headers = securityHeaders({
    nonce,
    https: servedOverHttps(request.url, request.headers.get('x-forwarded-proto')),
    development: process.env.NODE_ENV === 'development',
    page: !pathname.startsWith('/api/'),
  });
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  // A page about a stream with no events is answered by the not-found page with a real 404 (no route matches the rewrite).
  const missing = request.method === 'GET' || request.method === 'HEAD' ? await missingBehind(pathname) : null;
  if (missing) forwarded.set(MISSING_HEADER, missing);
  const response = missing
    ? NextResponse.rewrite(new URL('/_missing', request.nextUrl), { request: { headers: forwarded } })
    : NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

const signedIn = async (request: NextRequest): Promise<boolean> =>
  (await principalForSession(await unsealSession(sessionCookieOf((name) => request.cookies.get(name)?.value)))) !== null;

// Everything but Next's static files: those carry no page and need no check. The offline pack
// verifier brings its own policy (no connections; its one script and style by hash), which a nonce policy would block.
export const config = { matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico|verify-pack.html).*)'] };
