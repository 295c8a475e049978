import type { CommandBus } from '../commands/command-bus';
import { isChronicleError } from '../core/errors';
import { DEMO_USERS, type DemoUser } from '../auth/demo-users';

/** The actor the seed records: nobody signed in, the demo set-up itself. */
export const SEED_ACTOR = 'system:seed';

/**
 * Registers the demo users (with their stored password hashes) where they do not exist yet. Run by
 * `npm run demo`, the e2e seed and tests only: without it, the published demo password signs nobody in.
 */
export const seedDemoUsers = async (commands: Pick<CommandBus, 'send'>, users: readonly DemoUser[] = DEMO_USERS): Promise<number> => {
  let registered = 0;
  for (const { username, displayName, role, customerId, passwordHash } of users) {
    try {
      await commands.send('user', 'register', username, { displayName, role, ...(customerId ? { customerId } : {}), passwordHash }, { actor: SEED_ACTOR });
      registered++;
    } catch (error) {
      if (!(isChronicleError(error) && error.code === 'user_already_exists')) throw error;
    }
  }
  return registered;
};
