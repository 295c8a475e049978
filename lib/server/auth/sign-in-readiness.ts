import { isDatabaseUnavailable } from '../../read/read-db-errors';
import type { Runtime } from '../../runtime/runtime';
import { demoMode } from './auth-mode';

export const NO_TELLER_MESSAGE = [
  'Nobody can sign in: the store holds no active teller with a password, and demo mode is off.',
  'Create the first teller with the CLI, then start the server again:',
  '  npx chronicle users create ann --role teller --name "Ann Hughes" --password-stdin',
  '(or run `npm run demo`, which seeds the demo users, for a demonstration).',
].join('\n');

/**
 * Outside demo mode the server refuses to start when nobody could sign in to run the bank. A
 * database that cannot be reached at this moment proves nothing either way: that is logged, not fatal.
 */
export const assertSomeoneCanSignIn = async (runtime: Runtime, env: Record<string, string | undefined> = process.env): Promise<void> => {
  if (demoMode(env)) return;
  try {
    if (await runtime.users.hasActiveTeller()) return;
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      console.warn(`[auth] could not check for a teller at start-up (${(error as Error).message}); starting anyway`);
      return;
    }
    throw error;
  }
  throw new Error(NO_TELLER_MESSAGE);
};
