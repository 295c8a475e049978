import type { UserRole } from '../domain/user/events';
import { customerIdForHolder } from '../domain/account/legacy-customers';
import { customerId, customerName } from './demo-customers';
import { DEMO_PASSWORD_HASHES } from './demo-password-hashes';

/** Every demo user's password; shown on the sign-in page in demo mode only, and accepted only where the demo seed ran. */
export const DEMO_PASSWORD = 'chronicle-demo';

/** A demo user as the demo seed registers them (lib/seed/seed-users.ts); nobody exists until it has run. */
export type DemoUser = { username: string; displayName: string; role: UserRole; customerId: string | null; passwordHash: string };

const user = (username: string, displayName: string, role: UserRole, customerId: string | null = null): DemoUser => {
  const passwordHash = DEMO_PASSWORD_HASHES[username];
  if (!passwordHash) throw new Error(`No password hash for demo user ${username}`);
  return { username, displayName, role, customerId, passwordHash };
};

/** Customers' usernames are their customer ids: `ada-lovelace` holds the accounts opened for customer `ada-lovelace`. */
const customer = (holderName: string, username = customerIdForHolder(holderName)!): DemoUser => user(username, holderName, 'customer', username);

/**
 * The users of the demo bank: the seed's first twelve customers (the e2e seed makes exactly these),
 * the café that holds the merchant account, the two holders of legacy-imported accounts, a teller
 * and an auditor. The teller is the actor the seed records for account openings.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  user('ann', 'Ann Hughes', 'teller'),
  user('amir', 'Amir Nasser', 'auditor'),
  ...Array.from({ length: 12 }, (_, i) => customer(customerName(i), customerId(i))),
  customer('Café Aurora Ltd', 'cafe-aurora'),
  customer('Margaret Keller'),
  customer('Joan Clarke'),
];
