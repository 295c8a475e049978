import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Principal } from '../../auth/principal';
import { SESSION_COOKIE, unsealSession } from './session';
import { principalById } from './user-directory';

/** The signed-in principal of the page render or server action being handled; null when anonymous. */
export const currentPrincipal = async (): Promise<Principal | null> => {
  const id = await unsealSession((await cookies()).get(SESSION_COOKIE)?.value);
  return id === null ? null : principalById(id);
};

/** Only a path on this site may be a place to return to after signing in. */
export const safeReturnPath = (value: unknown): string =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';

/** Pages call this first: anonymous visitors go to the sign-in page and come back after. */
export const requirePrincipal = async (returnTo: string): Promise<Principal> => {
  const principal = await currentPrincipal();
  if (principal) return principal;
  redirect(`/sign-in?next=${encodeURIComponent(safeReturnPath(returnTo))}`);
};
