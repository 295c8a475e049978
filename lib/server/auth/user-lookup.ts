import type { Principal } from '../../auth/principal';
import type { User } from '../../auth/user-directory';
import { webRuntime } from '../web-runtime';
import type { Session } from './session';

/* The server's look-ups of who may sign in, through its runtime's user directory (the users' own streams). */

export const findUser = (username: string): Promise<User | null> => webRuntime().users.find(username);

/**
 * The principal a session stands for, or null: the user is gone or disabled, signed out of this
 * session, or signed out everywhere (or given a new password or role) since it was sealed.
 */
export const principalForSession = async (session: Session | null): Promise<Principal | null> => {
  if (session === null) return null;
  const found = await webRuntime().users.activePrincipal(session.username);
  if (!found) return null;
  const { user, principal } = found;
  if (user.sessionVersion !== session.version) return null;
  if (user.endedSessions.some((ended) => ended.sessionId === session.sessionId)) return null;
  return principal;
};
