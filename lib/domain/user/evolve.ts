import type { UserEvent } from './events';
import type { UserState } from './state';

export const evolve = (state: UserState, event: UserEvent): UserState => {
  if (event.type === 'UserRegistered') {
    const { userId, username, displayName, role, customerId, registeredAt } = event.data;
    return { status: 'active', userId, username, displayName, role, customerId, passwordHash: null, sessionVersion: 0, registeredAt };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PasswordSet':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'RoleChanged':
      return { ...state, role: event.data.role, customerId: event.data.customerId };
    case 'UserDisabled':
      return { ...state, status: 'disabled' };
    case 'UserEnabled':
      return { ...state, status: 'active' };
    case 'SessionsRevoked':
      return { ...state, sessionVersion: Math.max(state.sessionVersion, event.data.sessionVersion) };
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
