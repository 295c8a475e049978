import { describe, expect, it } from 'vitest';
import { accountAggregate } from '../domain/account/aggregate';
import { transferAggregate } from '../domain/transfer/aggregate';
import { AUDIT_ACTIONS, authorize, commandAction, OPERATION_ACTIONS, PRIVACY_ACTIONS, READ_ACTIONS, type Action, type Resource } from './policy';
import type { Principal } from './principal';

/** Every command of the bank's aggregates, with the access their registry entries declare. */
const COMMANDS = [accountAggregate, transferAggregate].flatMap((aggregate) => Object.keys(aggregate.commands).map((name) => commandAction(aggregate, name)));
const COMMAND_ACTIONS: readonly Action[] = [...COMMANDS, ...OPERATION_ACTIONS, ...PRIVACY_ACTIONS];
const nameOf = (action: Action): string => (typeof action === 'string' ? action : action.command);
const command = (name: string): Action => COMMANDS.find((action) => action.command === name)!;

const ada: Principal = { id: 'customer:ada-lovelace', role: 'customer', name: 'Ada Lovelace', holderName: 'Ada Lovelace', customerId: 'ada-lovelace' };
const ann: Principal = { id: 'teller:ann', role: 'teller', name: 'Ann Hughes' };
const amir: Principal = { id: 'auditor:amir', role: 'auditor', name: 'Amir Nasser' };

const ACTIONS: readonly Action[] = [...COMMAND_ACTIONS, ...READ_ACTIONS, ...AUDIT_ACTIONS];
const NAMED = ACTIONS.map((action) => [nameOf(action), action] as const);
const NAMED_COMMANDS = COMMAND_ACTIONS.map((action) => [nameOf(action), action] as const);
const RESOURCES: ReadonlyArray<Resource | undefined> = [undefined, { owner: 'ada-lovelace' }, { owner: 'grace-hamilton' }, { owner: null }];
const label = (resource: Resource | undefined) => (resource === undefined ? 'no resource' : `owner ${String(resource.owner)}`);

/** What a customer may do with their own account, someone else's, and a stream that is no account's. */
const CUSTOMER: Record<string, { own: string; other: string; none: string; unscoped: string }> = {
  'account.open': { own: 'own', other: 'not_own_customer', none: 'not_own_customer', unscoped: 'own' },
  'account.deposit': { own: 'own', other: 'not_your_account', none: 'not_your_account', unscoped: 'own' },
  'account.withdraw': { own: 'own', other: 'not_your_account', none: 'not_your_account', unscoped: 'own' },
  'account.close': { own: 'own', other: 'not_your_account', none: 'not_your_account', unscoped: 'own' },
  'transfer.send': { own: 'own', other: 'not_your_account', none: 'not_your_account', unscoped: 'own' },
  'account.interest': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'projection.retry': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'projections.read': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'audit.read': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'audit.checkpoint': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'operations.read': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'outbox.retry': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'customer.erase': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'account.read': { own: 'own', other: 'not_your_account', none: 'not_your_account', unscoped: 'own' },
  'stream.read': { own: 'own', other: 'not_your_account', none: 'staff_only', unscoped: 'own' },
  'accounts.list': { own: 'own', other: 'own', none: 'own', unscoped: 'own' },
  'events.subscribe': { own: 'own', other: 'own', none: 'own', unscoped: 'own' },
  'bank.stats': { own: 'own', other: 'own', none: 'own', unscoped: 'own' },
  'bank.history': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
  'streams.list': { own: 'staff_only', other: 'staff_only', none: 'staff_only', unscoped: 'staff_only' },
};

const outcome = (principal: Principal | null, action: Action, resource?: Resource): string => {
  const decision = authorize(principal, action, resource);
  return decision.allowed ? decision.scope : decision.code;
};

describe('authorize', () => {
  it('the table above covers every action, and nothing else', () => {
    expect(Object.keys(CUSTOMER).sort()).toEqual(NAMED.map(([name]) => name).sort());
  });

  it.each(NAMED)('anonymous visitors are refused %s with 401, whatever the resource', (_name, action) => {
    for (const resource of RESOURCES) {
      expect(authorize(null, action, resource), label(resource)).toMatchObject({ allowed: false, status: 401, code: 'unauthenticated' });
    }
  });

  it.each(NAMED)('tellers may %s on every account', (_name, action) => {
    for (const resource of RESOURCES) expect(outcome(ann, action, resource), label(resource)).toBe('all');
  });

  it.each(NAMED_COMMANDS)('auditors may not %s, even unscoped: 403 read_only_role', (_name, action) => {
    for (const resource of RESOURCES) {
      expect(authorize(amir, action, resource), label(resource)).toMatchObject({ allowed: false, status: 403, code: 'read_only_role' });
    }
  });

  it.each([...READ_ACTIONS, ...AUDIT_ACTIONS])('auditors may %s everything', (action) => {
    for (const resource of RESOURCES) expect(outcome(amir, action, resource), label(resource)).toBe('all');
  });

  it.each(NAMED)('customers: %s on their own account, another customer’s, a non-account stream, unscoped', (name, action) => {
    const expected = CUSTOMER[name]!;
    expect(outcome(ada, action, { owner: 'ada-lovelace' })).toBe(expected.own);
    expect(outcome(ada, action, { owner: 'grace-hamilton' })).toBe(expected.other);
    expect(outcome(ada, action, { owner: null })).toBe(expected.none);
    expect(outcome(ada, action)).toBe(expected.unscoped);
  });

  it('every denial of a signed-in principal is a 403 with a reason a person can read', () => {
    for (const principal of [ada, amir]) {
      for (const action of ACTIONS) {
        for (const resource of RESOURCES) {
          const decision = authorize(principal, action, resource);
          if (decision.allowed) continue;
          expect(decision.status).toBe(403);
          expect(decision.reason).toMatch(/^[A-Z].+\.$/);
        }
      }
    }
  });

  it('ownership is the exact customer id, never the name: a namesake, a similar id or a customer without an id owns nothing', () => {
    expect(outcome(ada, command('account.withdraw'), { owner: 'Ada Lovelace' })).toBe('not_your_account');
    expect(outcome(ada, command('account.withdraw'), { owner: 'ada-lovelace-2' })).toBe('not_your_account');
    expect(outcome(ada, command('account.withdraw'), { owner: 'ADA-LOVELACE' })).toBe('not_your_account');
    const idless: Principal = { id: 'customer:x', role: 'customer', name: 'X', holderName: 'X' };
    expect(outcome(idless, command('account.withdraw'), { owner: 'X' })).toBe('not_your_account');
  });
});
