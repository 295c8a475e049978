import { sealData, unsealData } from 'iron-session';
import { sessionSecret } from './session-secret';

/* The session cookie: the principal's id sealed (encrypted and signed) by iron-session. */

export const SESSION_COOKIE = 'chronicle-session';
/** A working day; signing in again after that is what a bank would ask. */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

type SessionData = { sub: string; iat: number };

export const sealSession = async (principalId: string, now = Date.now(), secret = sessionSecret()): Promise<string> =>
  sealData({ sub: principalId, iat: Math.floor(now / 1000) } satisfies SessionData, { password: secret, ttl: SESSION_TTL_SECONDS });

/** The principal id in a cookie value; null for a missing, expired, tampered or foreign cookie. */
export const unsealSession = async (value: string | undefined, secret?: string): Promise<string | null> => {
  if (!value) return null;
  const password = secret ?? sessionSecret();
  try {
    const data = await unsealData<Partial<SessionData>>(value, { password, ttl: SESSION_TTL_SECONDS });
    return typeof data.sub === 'string' && data.sub !== '' ? data.sub : null;
  } catch {
    return null;
  }
};

/** http-only (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure over https. */
export const sessionCookieOptions = (secure: boolean) => ({
  httpOnly: true,
  sameSite: 'lax' as const,
  secure,
  path: '/',
  maxAge: SESSION_TTL_SECONDS - 60,
});

/** Whether the browser reached us over https, directly or through a proxy that says so. */
export const servedOverHttps = (url: string | null, forwardedProto: string | null): boolean =>
  forwardedProto?.split(',')[0]?.trim() === 'https' || (url !== null && url.startsWith('https:'));
