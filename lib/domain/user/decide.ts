import { NotFoundError, RuleViolation } from '../../core/errors';
import type { UserCommand } from './commands';
import type { UserEvent, UserRole } from './events';
import { USER_RULES, type UserRuleCode } from './rules';
import type { UserState } from './state';

const reject = (code: UserRuleCode): never => {
  throw new RuleViolation(code, USER_RULES[code]);
};

type Registered = Exclude<UserState, { status: 'none' }>;

const requireUser = (state: UserState, userId: string): Registered => {
  if (state.status === 'none') throw new NotFoundError(`User ${userId} does not exist`, 'user_not_found');
  return state;
};

/** Customers hold exactly one customer id; staff hold none. */
const checkCustomerId = (role: UserRole, customerId: string | undefined | null): string | null => {
  if (role === 'customer') return customerId ?? reject('customer_id_required');
  if (customerId) reject('customer_id_for_customers_only');
  return null;
};

export const decide = (command: UserCommand, state: UserState): UserEvent[] => {
  const { now } = command.metadata;
  const { userId } = command.data;
  switch (command.type) {
    case 'RegisterUser': {
      if (state.status !== 'none') return reject('user_already_exists');
      const { displayName, role, passwordHash } = command.data;
      const customerId = checkCustomerId(role, command.data.customerId);
      const registered: UserEvent = { type: 'UserRegistered', data: { userId, username: userId, displayName, role, customerId, registeredAt: now } };
      return passwordHash ? [registered, { type: 'PasswordSet', data: { userId, passwordHash, setAt: now } }] : [registered];
    }
    case 'SetPassword': {
      // A new password ends every session sealed with the old one.
      const user = requireUser(state, userId);
      return [
        { type: 'PasswordSet', data: { userId, passwordHash: command.data.passwordHash, setAt: now } },
        { type: 'SessionsRevoked', data: { userId, sessionVersion: user.sessionVersion + 1, revokedAt: now } },
      ];
    }
    case 'ChangeRole': {
      const user = requireUser(state, userId);
      const customerId = checkCustomerId(command.data.role, command.data.customerId ?? (command.data.role === 'customer' ? user.customerId : undefined));
      if (user.role === command.data.role && user.customerId === customerId) return reject('role_unchanged');
      return [
        { type: 'RoleChanged', data: { userId, role: command.data.role, customerId, changedAt: now } },
        { type: 'SessionsRevoked', data: { userId, sessionVersion: user.sessionVersion + 1, revokedAt: now } },
      ];
    }
    case 'DisableUser': {
      const user = requireUser(state, userId);
      if (user.status === 'disabled') return reject('user_disabled');
      return [
        { type: 'UserDisabled', data: { userId, reason: command.data.reason ?? 'Disabled by staff', disabledAt: now } },
        { type: 'SessionsRevoked', data: { userId, sessionVersion: user.sessionVersion + 1, revokedAt: now } },
      ];
    }
    case 'EnableUser': {
      const user = requireUser(state, userId);
      if (user.status !== 'disabled') return reject('user_not_disabled');
      return [{ type: 'UserEnabled', data: { userId, enabledAt: now } }];
    }
    case 'EndSession': {
      requireUser(state, userId);
      return [{ type: 'SessionEnded', data: { userId, sessionId: command.data.sessionId, endedAt: now } }];
    }
    case 'RevokeSessions': {
      const user = requireUser(state, userId);
      return [{ type: 'SessionsRevoked', data: { userId, sessionVersion: user.sessionVersion + 1, revokedAt: now } }];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};
