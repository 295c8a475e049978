import bcrypt from 'bcryptjs';
import { ValidationError } from '../core/errors';

/** bcrypt's cost: about a tenth of a second here, paid once per sign-in (Basic credentials are remembered briefly). */
export const PASSWORD_COST = 10;
export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads 72 bytes; a longer password would pass with any ending. */
export const MAX_PASSWORD_BYTES = 72;

/** A password fit to be set: long enough to resist guessing, short enough for bcrypt to read whole. */
export const checkNewPassword = (password: string, path = 'password'): void => {
  const problem =
    password.length < MIN_PASSWORD_LENGTH
      ? `A password needs at least ${MIN_PASSWORD_LENGTH} characters`
      : Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES
        ? `A password may be at most ${MAX_PASSWORD_BYTES} bytes`
        : null;
  if (problem) throw new ValidationError('Invalid password', [{ path, message: problem }]);
};

/** The hash the user's stream records: never the password. */
export const hashNewPassword = async (password: string, path?: string): Promise<string> => {
  checkNewPassword(password, path);
  return bcrypt.hash(password, PASSWORD_COST);
};
