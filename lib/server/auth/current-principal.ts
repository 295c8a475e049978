import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Principal } from '../../auth/principal';
import { sessionCookieOf, unsealSession, type Session } from './session';
import { principalForSession } from './user-lookup';

/** The signed-in principal of the page render or server action being handled; null when anonymous. */
export const currentPrincipal = async (): Promise<Principal | null> => principalForSession(await currentSession());

/** The session of the page render or server action being handled, as sealed; null when there is none. */
export const currentSession = async (): Promise<Session | null> => {
  const jar = await cookies();
  return unsealSession(sessionCookieOf((name) => jar.get(name)?.value));
};

const THIS_SITE = 'http://this-site.invalid';

/**
 * Only a path on this site may be a place to return to after signing in. Read as
 * a browser reads it (tabs and newlines dropped, backslashes as slashes), so
 * `/\t/evil.example` cannot become `//evil.example` on the way out.
 */
export const safeReturnPath = (value: unknown): string => {
  if (typeof value !== 'string' || !value.startsWith('/')) return '/';
  const url = URL.canParse(value, THIS_SITE) ? new URL(value, THIS_SITE) : null;
  // `/.//evil.example` parses to the path `//evil.example`, which would leave the site once written out.
  return url?.origin === THIS_SITE && !url.pathname.startsWith('//') ? `${url.pathname}${url.search}${url.hash}` : '/';
};

/** Pages call this first: anonymous visitors go to the sign-in page and come back after. */
export const requirePrincipal = async (returnTo: string): Promise<Principal> => {
  const principal = await currentPrincipal();
  if (principal) return principal;
  redirect(`/sign-in?next=${encodeURIComponent(safeReturnPath(returnTo))}`);
};
