import type { UserRole } from './events';

export type UserState =
  | { status: 'none' }
  | {
      status: 'active' | 'disabled';
      userId: string;
      username: string;
      displayName: string;
      role: UserRole;
      customerId: string | null;
      /** null until a password is set: such a user cannot sign in. */
      passwordHash: string | null;
      /** Sessions sealed with an older version are refused. */
      sessionVersion: number;
      /** Sessions signed out one by one, within a session's lifetime of the newest: older ones have expired anyway. */
      endedSessions: ReadonlyArray<{ sessionId: string; endedAt: string }>;
      registeredAt: string;
    };

export const initialState = (): UserState => ({ status: 'none' });
