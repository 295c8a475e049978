import { auditQueriesOf } from '../core/audit-queries';
import { fold } from '../core/decider';
import type { EventStore } from '../core/event-store';
import { usernameSchema } from '../domain/user/commands';
import { USER_CATEGORY, userDecider, userStreamId } from '../domain/user/decider';
import type { UserEvent } from '../domain/user/events';
import type { UserState } from '../domain/user/state';
import type { Principal } from './principal';

export type User = Exclude<UserState, { status: 'none' }>;

/** Who a user acts as: their role and username name them in every event they cause. */
export const principalOf = (user: User): Principal => ({
  id: `${user.role}:${user.username}`,
  role: user.role,
  name: user.displayName,
  username: user.username,
  ...(user.role === 'customer' ? { holderName: user.displayName, customerId: user.customerId ?? undefined } : {}),
});

/**
 * The users who can sign in, read from their own streams (`user-{username}`): a handful of events
 * each, read by id. Sign-in, sessions and Basic authentication ask here rather than a read model, so
 * a disabled user or a revoked session is refused the moment the event is recorded, even while the
 * projections are behind or stopped.
 */
export class UserDirectory {
  constructor(private readonly store: EventStore) {}

  /** The user with this username (any case), or null. */
  async find(username: string): Promise<User | null> {
    const parsed = usernameSchema.safeParse(username);
    if (!parsed.success) return null;
    const events = (await this.store.readStream(userStreamId(parsed.data))) as unknown as UserEvent[];
    const state = fold(userDecider, events);
    return state.status === 'none' ? null : state;
  }

  /** An active user's principal; null for an unknown or disabled user. */
  async activePrincipal(username: string): Promise<{ user: User; principal: Principal } | null> {
    const user = await this.find(username);
    return user && user.status === 'active' ? { user, principal: principalOf(user) } : null;
  }

  /** Every user, in the order they were registered (the staff's list; not on any request's path). */
  async list(): Promise<User[]> {
    const queries = auditQueriesOf(this.store);
    if (!queries) return [];
    const usernames: string[] = [];
    for (let cursor: number | undefined; ; ) {
      const page = await queries.queryEvents({ category: USER_CATEGORY, types: ['UserRegistered'], order: 'asc', limit: 1_000, cursor });
      usernames.push(...page.map((event) => (event.data as { username: string }).username));
      if (page.length < 1_000) break;
      cursor = page.at(-1)!.globalPosition;
    }
    const users = await Promise.all(usernames.map((username) => this.find(username)));
    return users.filter((user): user is User => user !== null);
  }

  /** Whether anyone can sign in as a teller: the server refuses to start without one outside demo mode. */
  async hasActiveTeller(): Promise<boolean> {
    return (await this.list()).some((user) => user.role === 'teller' && user.status === 'active' && user.passwordHash !== null);
  }
}
