import { SESSION_LIFETIME_MS, type UserEvent } from './events';
import type { UserState } from './state';

export const evolve = (state: UserState, event: UserEvent): UserState => {
  if (event.type === 'UserRegistered') {
    const { userId, username, displayName, role, customerId, registeredAt } = event.data;
    return { status: 'active', userId, username, displayName, role, customerId, passwordHash: null, sessionVersion: 0, endedSessions: [], registeredAt };
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
    case 'SessionEnded': {
      const since = Date.parse(event.data.endedAt) - SESSION_LIFETIME_MS;
      const kept = state.endedSessions.filter((ended) => Date.parse(ended.endedAt) > since);
      return { ...state, endedSessions: [...kept, { sessionId: event.data.sessionId, endedAt: event.data.endedAt }] };
    }
    case 'SessionsRevoked':
      // Every earlier session is refused by its version now: the single ones need not be remembered.
      return { ...state, sessionVersion: Math.max(state.sessionVersion, event.data.sessionVersion), endedSessions: [] };
    default: {
      const _never: never = event;
      return _never;
    }
  }
};
