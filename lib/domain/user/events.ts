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
/** One session is over (its user signed out there); the others go on. */
export type SessionEnded = { type: 'SessionEnded'; data: { userId: string; sessionId: string; endedAt: string } };
/** Every session sealed before this is refused from now on ("sign out everywhere", a new password, a new role). */
export type SessionsRevoked = { type: 'SessionsRevoked'; data: { userId: string; sessionVersion: number; revokedAt: string } };

export type UserEvent = UserRegistered | PasswordSet | RoleChanged | UserDisabled | UserEnabled | SessionEnded | SessionsRevoked;
export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = ['UserRegistered', 'PasswordSet', 'RoleChanged', 'UserDisabled', 'UserEnabled', 'SessionEnded', 'SessionsRevoked'];

/** No session lives longer than this (the edge seals them for a working day); ended ones are remembered as long. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
