import bcrypt from 'bcryptjs';
import { UnauthenticatedError } from '../../core/errors';
import type { Principal } from '../../auth/principal';
import { assertSignInAllowed, recordFailedSignIn, recordSuccessfulSignIn } from './sign-in-limiter';
import { findUser } from './user-directory';

/** Compared against when the username is unknown, so both failures take as long. */
const NO_SUCH_USER_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.2Zt8eQZYbYFnaT5q9z0kQPrYwXyu';

export const WRONG_CREDENTIALS = 'Wrong username or password.';

/**
 * Checks a username and password, counting failures per client address: a
 * rate-limited client is refused (429) before any password is compared.
 */
export const verifyCredentials = async (username: string, password: string, address: string): Promise<Principal> => {
  await assertSignInAllowed(address, username);
  const user = findUser(username);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!user || !matches) {
    await recordFailedSignIn(address, username);
    throw new UnauthenticatedError(WRONG_CREDENTIALS, 'invalid_credentials');
  }
  await recordSuccessfulSignIn(address, username);
  return user.principal;
};
