/* A person who signs in: registered once, then their password, role and standing change by events. */

export const USER_ROLES = ['customer', 'teller', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export type UserRegistered = {
  type: 'UserRegistered';
  data: {
    userId: string;
    username: string;
    displayName: string;
    role: UserRole;
    /** For customers: the customer whose accounts they hold (AccountOpened records it). */
    customerId: string | null;
    registeredAt: string;
  };
};
/** Only a bcrypt hash is ever recorded: never the password. */
export type PasswordSet = { type: 'PasswordSet'; data: { userId: string; passwordHash: string; setAt: string } };
export type RoleChanged = { type: 'RoleChanged'; data: { userId: string; role: UserRole; customerId: string | null; changedAt: string } };
export type UserDisabled = { type: 'UserDisabled'; data: { userId: string; reason: string; disabledAt: string } };
export type UserEnabled = { type: 'UserEnabled'; data: { userId: string; enabledAt: string } };
/** Every session sealed before this is refused from now on ("sign out everywhere", or a sign-out). */
export type SessionsRevoked = { type: 'SessionsRevoked'; data: { userId: string; sessionVersion: number; revokedAt: string } };

export type UserEvent = UserRegistered | PasswordSet | RoleChanged | UserDisabled | UserEnabled | SessionsRevoked;
export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = ['UserRegistered', 'PasswordSet', 'RoleChanged', 'UserDisabled', 'UserEnabled', 'SessionsRevoked'];
