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
      registeredAt: string;
    };

export const initialState = (): UserState => ({ status: 'none' });
