import { DEMO_USERS, type DirectoryUser } from '../../auth/demo-users';
import type { Principal } from '../../auth/principal';

/* The users who can sign in. Today the demo users; a user table would sit behind the same two look-ups. */

const byUsername = new Map(DEMO_USERS.map((user) => [user.username, user]));
const byId = new Map(DEMO_USERS.map((user) => [user.principal.id, user.principal]));

export const findUser = (username: string): DirectoryUser | undefined => byUsername.get(username.trim().toLowerCase());

/** A session names a principal by id; one no longer in the directory has no access. */
export const principalById = (id: string): Principal | null => byId.get(id) ?? null;

export const directoryUsers = (): readonly DirectoryUser[] => DEMO_USERS;
