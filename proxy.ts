import { NextResponse, type NextRequest } from 'next/server';
import { sessionCookieOf, unsealSession } from './lib/server/auth/session';
import { principalForSession } from './lib/server/auth/user-directory';

/**
 * Sends a visitor without a valid session to the sign-in page before a
 * protected page starts rendering (a redirect from inside a page would arrive
 * after its loading skeleton has streamed). Pages, routes and server actions
 * still check for themselves: this only saves the visitor a broken page.
 */
export default async function proxy(request: NextRequest) {
  const session = await unsealSession(sessionCookieOf((name) => request.cookies.get(name)?.value));
  if ((await principalForSession(session)) !== null) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('next', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = { matcher: ['/', '/accounts/:path*', '/debugger/:path*'] };
