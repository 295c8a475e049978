import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../core/testing/decider-spec';
import type { UserCommand } from './commands';
import { userDecider } from './decider';
import type { UserEvent } from './events';

const now = '2026-12-01T10:00:00.000Z';
const metadata = { commandId: 'c1', now, actor: 'teller:ann' };
const HASH = '$2b$10$abcdefghijklmnopqrstuuQ1Xb8e3aN6r0m7QmVYwC4k5z0j6G9aS';
const given = deciderSpec(userDecider);

const register = (data: Partial<Extract<UserCommand, { type: 'RegisterUser' }>['data']> = {}): UserCommand => ({
  type: 'RegisterUser',
  data: { userId: 'ada', displayName: 'Ada Lovelace', role: 'customer', customerId: 'c-ada', ...data },
  metadata,
});
const registered: UserEvent = {
  type: 'UserRegistered',
  data: { userId: 'ada', username: 'ada', displayName: 'Ada Lovelace', role: 'customer', customerId: 'c-ada', registeredAt: now },
};
const revoked = (sessionVersion: number): UserEvent => ({ type: 'SessionsRevoked', data: { userId: 'ada', sessionVersion, revokedAt: now } });

describe('user decider', () => {
  it('registers a customer once, with a password hash when given', () => {
    given([]).when(register()).then([registered]);
    given([]).when(register({ passwordHash: HASH })).then([registered, { type: 'PasswordSet', data: { userId: 'ada', passwordHash: HASH, setAt: now } }]);
    given([registered]).when(register()).thenRejects('user_already_exists');
  });

  it('gives customers exactly one customer id and staff none', () => {
    given([]).when(register({ customerId: undefined })).thenRejects('customer_id_required');
    given([]).when(register({ role: 'teller' })).thenRejects('customer_id_for_customers_only');
    given([]).when(register({ role: 'teller', customerId: undefined })).then([{ ...registered, data: { ...registered.data, role: 'teller', customerId: null } }] as UserEvent[]);
  });

  it('ends every session when the password, the role or the standing changes', () => {
    given([registered]).when({ type: 'SetPassword', data: { userId: 'ada', passwordHash: HASH }, metadata }).then([
      { type: 'PasswordSet', data: { userId: 'ada', passwordHash: HASH, setAt: now } },
      revoked(1),
    ]);
    given([registered, revoked(1)]).when({ type: 'DisableUser', data: { userId: 'ada' }, metadata }).then([
      { type: 'UserDisabled', data: { userId: 'ada', reason: 'Disabled by staff', disabledAt: now } },
      revoked(2),
    ]);
    given([registered]).when({ type: 'ChangeRole', data: { userId: 'ada', role: 'teller' }, metadata }).then([
      { type: 'RoleChanged', data: { userId: 'ada', role: 'teller', customerId: null, changedAt: now } },
      revoked(1),
    ]);
    given([registered]).when({ type: 'ChangeRole', data: { userId: 'ada', role: 'customer' }, metadata }).thenRejects('role_unchanged');
  });

  it('disables and enables, each only once, and refuses commands for nobody', () => {
    const disabled: UserEvent = { type: 'UserDisabled', data: { userId: 'ada', reason: 'left', disabledAt: now } };
    given([registered, disabled]).when({ type: 'DisableUser', data: { userId: 'ada' }, metadata }).thenRejects('user_disabled');
    given([registered]).when({ type: 'EnableUser', data: { userId: 'ada' }, metadata }).thenRejects('user_not_disabled');
    given([registered, disabled]).when({ type: 'EnableUser', data: { userId: 'ada' }, metadata }).then([{ type: 'UserEnabled', data: { userId: 'ada', enabledAt: now } }]);
    given([]).when({ type: 'RevokeSessions', data: { userId: 'ada' }, metadata }).thenRejects('user_not_found');
  });

  it('ends one session at a time and remembers ended sessions only as long as a session lives', () => {
    given([registered]).when({ type: 'EndSession', data: { userId: 'ada', sessionId: 'abcdefghijklmnop' }, metadata }).then([
      { type: 'SessionEnded', data: { userId: 'ada', sessionId: 'abcdefghijklmnop', endedAt: now } },
    ]);
    const ended = (sessionId: string, endedAt: string): UserEvent => ({ type: 'SessionEnded', data: { userId: 'ada', sessionId, endedAt } });
    const later = [registered, ended('s1', '2026-12-01T00:00:00.000Z'), ended('s2', '2026-12-01T07:00:00.000Z'), ended('s3', '2026-12-01T09:00:00.000Z')];
    expect(later.reduce(userDecider.evolve, userDecider.initialState())).toMatchObject({ endedSessions: [{ sessionId: 's2' }, { sessionId: 's3' }] });
    expect([...later, revoked(1)].reduce(userDecider.evolve, userDecider.initialState())).toMatchObject({ endedSessions: [], sessionVersion: 1 });
  });

  it('folds to the state sign-in reads: the latest hash, role, standing and session version', () => {
    const history: UserEvent[] = [
      registered,
      { type: 'PasswordSet', data: { userId: 'ada', passwordHash: HASH, setAt: now } },
      revoked(3),
      revoked(2),
      { type: 'UserDisabled', data: { userId: 'ada', reason: 'x', disabledAt: now } },
    ];
    const state = history.reduce(userDecider.evolve, userDecider.initialState());
    expect(state).toMatchObject({ status: 'disabled', passwordHash: HASH, sessionVersion: 3, role: 'customer', customerId: 'c-ada' });
  });
});
