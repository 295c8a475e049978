import { customerActor, customerName } from './demo-customers';
import { DEMO_PASSWORD_HASHES } from './demo-password-hashes';
import type { Principal } from './principal';

/** Every demo user's password; shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'chronicle-demo';

export type DirectoryUser = { username: string; principal: Principal; passwordHash: string };

const user = (username: string, principal: Principal): DirectoryUser => {
  const passwordHash = DEMO_PASSWORD_HASHES[username];
  if (!passwordHash) throw new Error(`No password hash for demo user ${username}`);
  return { username, principal, passwordHash };
};

const customer = (holderName: string, username = customerActor(holderName).slice('customer:'.length)): DirectoryUser =>
  user(username, { id: `customer:${username}`, role: 'customer', name: holderName, holderName });

/**
 * The users of the demo bank: the seed's first twelve customers (the e2e seed
 * makes exactly these), the café that holds the merchant account, the two
 * holders of legacy-imported accounts, a teller and an auditor. The teller's
 * id is the actor the seed records for account openings.
 */
export const DEMO_USERS: readonly DirectoryUser[] = [
  user('ann', { id: 'teller:ann', role: 'teller', name: 'Ann Hughes' }),
  user('amir', { id: 'auditor:amir', role: 'auditor', name: 'Amir Nasser' }),
  ...Array.from({ length: 12 }, (_, i) => customer(customerName(i))),
  customer('Café Aurora Ltd', 'cafe-aurora'),
  customer('Margaret Keller'),
  customer('Joan Clarke'),
];
