/* Who is acting: the signed-in user as authorisation sees them. No framework or database here. */

import { USER_ROLES, type UserRole } from '../domain/user/events';

export const ROLES = USER_ROLES;
export type Role = UserRole;

export type Principal = {
  /** Recorded as the actor of every command: `customer:ada-lovelace`, `teller:ann`, `auditor:amir`. */
  id: string;
  role: Role;
  /** Display name. */
  name: string;
  /** The user they signed in as (their user stream is `user-{username}`). */
  username?: string;
  /** For customers: the holder name their accounts are opened under (AccountOpened `holder.name`). */
  holderName?: string;
  /** For customers: the customer whose accounts they hold. */
  customerId?: string;
};

export const ROLE_LABELS: Record<Role, string> = { customer: 'Customer', teller: 'Teller', auditor: 'Auditor' };
