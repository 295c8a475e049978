import { z } from 'zod';
import { ValidationError } from '../../core/errors';

/**
 * Who is acting, for the demo: a self-declared name from a header or cookie.
 * It is not authentication. The roles issue replaces this module; callers only
 * use `resolveDemoActor` / `demoActorFromRequest`.
 */
export const DEMO_ACTOR_HEADER = 'x-demo-actor';
export const DEMO_ACTOR_COOKIE = 'chronicle-actor';
export const DEFAULT_DEMO_ACTOR = 'demo:anonymous';

export const demoActorSchema = z
  .string()
  .regex(/^[A-Za-z0-9:_.@-]{1,64}$/, 'Actor must be 1 to 64 characters of letters, digits and : _ . @ -');

export type ActorSources = { header?: string | null; cookie?: string | null };

/** Header first, then cookie, then the anonymous demo actor; a present but malformed value is refused. */
export const resolveDemoActor = ({ header, cookie }: ActorSources): string => {
  const source = header != null ? { path: 'X-Demo-Actor', value: header } : cookie != null ? { path: DEMO_ACTOR_COOKIE, value: cookie } : null;
  if (source === null) return DEFAULT_DEMO_ACTOR;
  const parsed = demoActorSchema.safeParse(source.value);
  if (!parsed.success) {
    throw new ValidationError('Invalid actor', [{ path: source.path, message: parsed.error.issues[0]?.message ?? 'Invalid actor' }]);
  }
  return parsed.data;
};

export const cookieValue = (cookieHeader: string | null, name: string): string | undefined => {
  for (const part of cookieHeader?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
};

export const demoActorFromRequest = (request: Request): string =>
  resolveDemoActor({
    header: request.headers.get(DEMO_ACTOR_HEADER),
    cookie: cookieValue(request.headers.get('cookie'), DEMO_ACTOR_COOKIE),
  });
