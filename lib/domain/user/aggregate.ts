import { defineCommand, type AggregateDefinition } from '../../core/aggregate';
import { UpcasterRegistry } from '../../core/upcasting';
import { changeRoleInput, disableUserInput, enableUserInput, endSessionInput, registerUserInput, revokeSessionsInput, setPasswordInput, type UserCommand } from './commands';
import { USER_CATEGORY, userDecider } from './decider';
import { USER_EVENT_TYPES, type UserEvent } from './events';
import { USER_RULES } from './rules';
import type { UserState } from './state';

const staffOnly = { customers: 'none', reason: 'Users are registered and managed by the bank’s staff.' } as const;

/**
 * A person who signs in. Their username is the stream's id. Passwords reach the decider as bcrypt
 * hashes made at the edge, so its commands are sent by the staff's own pages and the CLI, never by
 * the generic command routes (`hidden`).
 */
export const userAggregate: AggregateDefinition<UserState, UserCommand, UserEvent> = {
  name: 'user',
  category: USER_CATEGORY,
  idField: 'userId',
  collection: 'users',
  decider: userDecider,
  upcasters: new UpcasterRegistry(),
  commands: {
    register: defineCommand({ type: 'RegisterUser', input: registerUserInput, summary: 'Register a user', creates: true, hidden: true, access: staffOnly, rules: ['user_already_exists', 'customer_id_required', 'customer_id_for_customers_only'] }),
    setPassword: defineCommand({ type: 'SetPassword', input: setPasswordInput, summary: 'Set a user’s password', hidden: true, access: { customers: 'own' }, rules: [] }),
    grant: defineCommand({ type: 'ChangeRole', input: changeRoleInput, summary: 'Change a user’s role', hidden: true, access: staffOnly, rules: ['role_unchanged', 'customer_id_required', 'customer_id_for_customers_only'] }),
    disable: defineCommand({ type: 'DisableUser', input: disableUserInput, summary: 'Disable a user', hidden: true, access: staffOnly, rules: ['user_disabled'] }),
    enable: defineCommand({ type: 'EnableUser', input: enableUserInput, summary: 'Enable a disabled user', hidden: true, access: staffOnly, rules: ['user_not_disabled'] }),
    endSession: defineCommand({ type: 'EndSession', input: endSessionInput, summary: 'Sign a user out of one session', hidden: true, access: { customers: 'own' }, rules: [] }),
    revokeSessions: defineCommand({ type: 'RevokeSessions', input: revokeSessionsInput, summary: 'Sign a user out everywhere', hidden: true, access: { customers: 'own' }, rules: [] }),
  },
  // A customer's own user stream is theirs (their password, their sessions); staff users are no customer's.
  ownerOf: (first) => (first.type === 'UserRegistered' ? ((first.data as { customerId?: string | null }).customerId ?? null) : null),
  rules: USER_RULES,
  debugger: {
    label: 'user',
    eventTypes: USER_EVENT_TYPES,
    presets: [{ label: 'status == "disabled"', expression: 'status == "disabled"' }],
  },
};
