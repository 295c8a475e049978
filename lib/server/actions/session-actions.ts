'use server';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isChronicleError } from '@/lib/core/errors';
import { safeReturnPath } from '@/lib/server/auth/current-principal';
import { clientAddress } from '@/lib/server/auth/client-address';
import { verifyCredentials } from '@/lib/server/auth/credentials';
import { sealSession, servedOverHttps, sessionCookieName, sessionCookieOptions, sessionFor } from '@/lib/server/auth/session';
import type { SignInState } from '@/lib/server/auth/sign-in-state';

/** Signs in with a username and password, then returns to the page the visitor came from. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const username = String(formData.get('username') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!username || !password) return { error: 'Enter your username and password.', username };
  const requestHeaders = await headers();
  try {
    const { user } = await verifyCredentials(username, password, clientAddress(requestHeaders));
    const secure = servedOverHttps(requestHeaders.get('origin'), requestHeaders.get('x-forwarded-proto'));
    (await cookies()).set(sessionCookieName(secure), await sealSession(sessionFor(user)), sessionCookieOptions(secure));
  } catch (error) {
    if (isChronicleError(error)) return { error: error.message, username };
    throw error;
  }
  redirect(safeReturnPath(formData.get('next')));
}
