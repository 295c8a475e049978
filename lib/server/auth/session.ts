import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { SESSION_LIFETIME_MS } from '../../domain/user/events';
import { sessionSecret } from './session-secret';

/*
 * The session cookie: who signed in, which session this is and the user's session version, sealed
 * (encrypted and signed) by iron-session. The user's stream decides whether it still holds: a
 * sign-out ends the session, "sign out everywhere" (or a new password or role) moves the version on.
 */

/** `__Host-` over https: the browser then only accepts it from this host, for `/`, marked Secure. */
export const SESSION_COOKIE_NAME = 'chronicle-session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE_NAME}`;
/** Either name: a server behind https issues the `__Host-` one; plain http (local demo) the other. */
export const SESSION_COOKIE = SESSION_COOKIE_NAME;
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE_NAME);

/** A working day; signing in again after that is what a bank would ask. */
export const SESSION_TTL_SECONDS = SESSION_LIFETIME_MS / 1000;

export type Session = { username: string; sessionId: string; version: number };
type SessionData = { sub: string; sid: string; ver: number; iat: number };

export const newSessionId = (): string => randomBytes(18).toString('base64url');

/** A fresh session for a user who just proved who they are, at their current session version. */
export const sessionFor = (user: { username: string; sessionVersion: number }): Session => ({
  username: user.username,
  sessionId: newSessionId(),
  version: user.sessionVersion,
});

export const sealSession = async (session: Session, now = Date.now(), secret = sessionSecret()): Promise<string> =>
  sealData({ sub: session.username, sid: session.sessionId, ver: session.version, iat: Math.floor(now / 1000) } satisfies SessionData, {
    password: secret,
    ttl: SESSION_TTL_SECONDS,
  });

/** The session in a cookie value; null for a missing, expired, tampered or foreign cookie. */
export const unsealSession = async (value: string | undefined, secret?: string): Promise<Session | null> => {
  if (!value) return null;
  const password = secret ?? sessionSecret();
  try {
    const data = await unsealData<Partial<SessionData>>(value, { password, ttl: SESSION_TTL_SECONDS });
    if (typeof data.sub !== 'string' || data.sub === '' || typeof data.sid !== 'string' || !Number.isSafeInteger(data.ver)) return null;
    return { username: data.sub, sessionId: data.sid, version: data.ver! };
  } catch {
    return null;
  }
};

/** The session cookie's value from a request, under either of its names. */
export const sessionCookieOf = (get: (name: string) => string | undefined): string | undefined => get(SECURE_SESSION_COOKIE) ?? get(SESSION_COOKIE_NAME);

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
