import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../core/ids';
import type { CommandMetadataOf } from '../../core/aggregate';
import { USER_ROLES } from './events';

/** Usernames are the user's id: lower-case letters, digits and single dashes, 2 to 40 characters. */
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/;
export const usernameSchema = z
  .string({ message: 'Username is required' })
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, 'Username must be 2–40 lower-case letters, digits or single dashes');

const customerId = z.string().trim().regex(ENTITY_ID_PATTERN, 'Customer id must be letters, digits, _ or -');
/** A bcrypt hash (made at the edge: hashing is not deterministic, so it is not the decider's job). */
const passwordHash = z.string().regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, 'Expected a bcrypt hash');

export const registerUserInput = z
  .object({
    displayName: z.string().trim().min(1, 'Display name is required').max(100, 'Display name may be at most 100 characters'),
    role: z.enum(USER_ROLES, { message: 'Role must be customer, teller or auditor' }),
    customerId: customerId.optional(),
    passwordHash: passwordHash.optional(),
  })
  .strict();
export const setPasswordInput = z.object({ passwordHash }).strict();
export const changeRoleInput = z.object({ role: z.enum(USER_ROLES, { message: 'Role must be customer, teller or auditor' }), customerId: customerId.optional() }).strict();
export const disableUserInput = z.object({ reason: z.string().trim().max(140, 'Reason may be at most 140 characters').optional() }).strict();
export const enableUserInput = z.object({}).strict();
export const revokeSessionsInput = z.object({}).strict();
export const endSessionInput = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected a session id') }).strict();

type Command<Type extends string, Data> = { type: Type; data: Data & { userId: string }; metadata: CommandMetadataOf };

export type RegisterUser = Command<'RegisterUser', z.infer<typeof registerUserInput>>;
export type SetPassword = Command<'SetPassword', z.infer<typeof setPasswordInput>>;
export type ChangeRole = Command<'ChangeRole', z.infer<typeof changeRoleInput>>;
export type DisableUser = Command<'DisableUser', z.infer<typeof disableUserInput>>;
export type EnableUser = Command<'EnableUser', object>;
export type RevokeSessions = Command<'RevokeSessions', object>;
export type EndSession = Command<'EndSession', z.infer<typeof endSessionInput>>;

export type UserCommand = RegisterUser | SetPassword | ChangeRole | DisableUser | EnableUser | EndSession | RevokeSessions;
