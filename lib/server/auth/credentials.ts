import bcrypt from 'bcryptjs';
import { UnauthenticatedError } from '../../core/errors';
import { principalOf, type User } from '../../auth/user-directory';
import type { Principal } from '../../auth/principal';
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './sign-in-limiter';
import { findUser } from './user-lookup';

/** Compared against when the username is unknown, disabled or without a password, so every failure takes as long. */
const NO_SUCH_USER_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.2Zt8eQZYbYFnaT5q9z0kQPrYwXyu';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

/**
 * Checks a username and password, counting failures per client address and per username: a
 * rate-limited client is refused (429) before any password is compared. A disabled user is refused
 * like a wrong password (nothing tells a guesser which usernames exist).
 */
export const verifyCredentials = async (username: string, password: string, address: string): Promise<{ principal: Principal; user: User }> => {
  await assertSignInAllowed(address, username);
  const user = await findUser(username);
  const usable = user && user.status === 'active' && user.passwordHash !== null ? user : null;
  const matches = await bcrypt.compare(password, usable?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!usable || !matches) {
    await recordFailedSignIn(address, username);
    throw new UnauthenticatedError(WRONG_CREDENTIALS, 'invalid_credentials');
  }
  await recordSuccessfulSignIn(address, username);
  return { principal: principalOf(usable), user: usable };
};
