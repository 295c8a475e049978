import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../core/decider';
import type { VersionedEvent } from '../../core/upcasting';
import { accountDecider } from './decider';
import type { AccountEvent } from './events';
import { accountUpcasters } from './upcasters';

const ID = 'legacy-1';
const AT = '2026-05-03T09:00:00.000Z';
const v1 = (type: string, data: Record<string, unknown>): VersionedEvent => ({ type, schemaVersion: 1, data });
const current = (event: VersionedEvent): AccountEvent => accountUpcasters.upcast(event) as unknown as AccountEvent;

describe('account upcasters', () => {
  it('are registered: AccountOpened at v3, MoneyDeposited and MoneyWithdrawn at v2, the rest at v1', () => {
    expect(accountUpcasters.versions()).toEqual({ AccountOpened: 3, MoneyDeposited: 2, MoneyWithdrawn: 2 });
    expect(accountUpcasters.currentVersion('InterestApplied')).toBe(1);
    expect(accountUpcasters.currentVersion('AccountClosed')).toBe(1);
  });

  describe('AccountOpened v1 → v2 → v3', () => {
    it('makes a legacy name a person holding a EUR account without overdraft, held by the customer the seed made for that name', () => {
      expect(accountUpcasters.upcast(v1('AccountOpened', { accountId: ID, name: 'Margaret Keller', openedAt: AT }))).toEqual({
        type: 'AccountOpened',
        schemaVersion: 3,
        data: { accountId: ID, holder: { name: 'Margaret Keller', kind: 'person' }, customerId: 'margaret-keller', currency: 'EUR', overdraftLimit: 0, openedAt: AT },
      });
    });

    it('gives an unversioned event (today’s shape recorded as v1) a holder and keeps its currency and overdraft', () => {
      const unversioned = { accountId: ID, owner: 'Café Aurora Ltd', currency: 'GBP', overdraftLimit: 2_000_00, openedAt: AT };
      expect(current(v1('AccountOpened', unversioned)).data).toEqual({
        accountId: ID,
        holder: { name: 'Café Aurora Ltd', kind: 'person' },
        customerId: 'cafe-aurora-ltd',
        currency: 'GBP',
        overdraftLimit: 2_000_00,
        openedAt: AT,
      });
    });

    it('keeps a version 3 event recorded as version 1 (written through a bare adapter) as it is', () => {
      const today = { accountId: ID, holder: { name: 'Ada', kind: 'organisation' }, customerId: null, currency: 'CHF', overdraftLimit: 5, openedAt: AT };
      expect(current(v1('AccountOpened', today)).data).toEqual(today);
    });

    it('maps a version 2 holder to the seed’s id for that name, and keeps an id a version 3 event names', () => {
      const v2 = { accountId: ID, holder: { name: 'Ada Lovelace', kind: 'person' }, currency: 'EUR', overdraftLimit: 0, openedAt: AT };
      expect(accountUpcasters.upcast({ type: 'AccountOpened', schemaVersion: 2, data: v2 })).toEqual({
        type: 'AccountOpened',
        schemaVersion: 3,
        data: { ...v2, customerId: 'ada-lovelace' },
      });
      // The second Ada Lovelace of the 40-customer seed: her id is recorded, never derived from the name.
      const v3 = { ...v2, customerId: 'ada-lovelace-2' };
      expect(accountUpcasters.upcast({ type: 'AccountOpened', schemaVersion: 3, data: v3 }).data).toEqual(v3);
      expect(accountUpcasters.upcast({ type: 'AccountOpened', schemaVersion: 2, data: { ...v2, holder: { name: 'Spärck Jones, Karen', kind: 'person' } } }).data)
        .toMatchObject({ customerId: 'sparck-jones-karen' });
      expect(accountUpcasters.upcast({ type: 'AccountOpened', schemaVersion: 2, data: { ...v2, holder: { name: '***', kind: 'person' } } }).data)
        .toMatchObject({ customerId: null });
    });

    it('refuses a v1 event with no name', () => {
      expect(() => current(v1('AccountOpened', { accountId: ID, openedAt: AT }))).toThrow(/Cannot upcast AccountOpened v1: name must be a string/);
    });
  });

  describe('MoneyDeposited v1 → v2', () => {
    it('turns a legacy decimal amount into EUR cents, exactly', () => {
      expect(current(v1('MoneyDeposited', { accountId: ID, amount: 1250, description: 'Opening balance', depositedAt: AT }))).toEqual({
        type: 'MoneyDeposited',
        schemaVersion: 2,
        data: { accountId: ID, amount: 125_000, currency: 'EUR', description: 'Opening balance', depositedAt: AT },
      });
      const amounts = [0.1 + 0.2, 1e-2, 1.005, 19.99, 123_456_789.12, 1_000_000_000];
      expect(amounts.map((amount) => (current(v1('MoneyDeposited', { accountId: ID, amount, depositedAt: AT })).data as { amount: number }).amount)).toEqual([
        30, 1, 101, 1999, 12_345_678_912, 100_000_000_000,
      ]);
    });

    it('gives a legacy deposit without description the one a deposit gets today', () => {
      expect(current(v1('MoneyDeposited', { accountId: ID, amount: 5, depositedAt: AT })).data).toMatchObject({ description: 'Deposit' });
    });

    it('leaves an unversioned deposit (already in cents with a currency) as it is', () => {
      const today = { accountId: ID, amount: 1250, currency: 'USD', description: 'Deposit', depositedAt: AT };
      expect(current(v1('MoneyDeposited', today))).toEqual({ type: 'MoneyDeposited', schemaVersion: 2, data: today });
    });

    it('refuses an amount that cannot be held exactly', () => {
      expect(() => current(v1('MoneyDeposited', { accountId: ID, amount: 1e21, depositedAt: AT }))).toThrow(/too large/);
      expect(() => current(v1('MoneyDeposited', { accountId: ID, amount: 'lots', depositedAt: AT }))).toThrow(/Not a decimal amount/);
    });
  });

  describe('MoneyWithdrawn v1 → v2', () => {
    it('turns a legacy decimal amount into EUR cents and keeps an unversioned one', () => {
      expect(current(v1('MoneyWithdrawn', { accountId: ID, amount: 234.12, withdrawnAt: AT })).data).toEqual({
        accountId: ID,
        amount: 23_412,
        currency: 'EUR',
        description: 'Withdrawal',
        withdrawnAt: AT,
      });
      const today = { accountId: ID, amount: 99, currency: 'JPY', description: 'Cash', withdrawnAt: AT };
      expect(current(v1('MoneyWithdrawn', today)).data).toEqual(today);
    });
  });

  it('replays the legacy overdraft incident: the balance goes below zero at the fourth event', () => {
    const history = [
      v1('AccountOpened', { accountId: ID, name: 'Margaret Keller', openedAt: AT }),
      v1('MoneyDeposited', { accountId: ID, amount: 1250, depositedAt: AT }),
      v1('MoneyWithdrawn', { accountId: ID, amount: 1100, withdrawnAt: AT }),
      v1('MoneyWithdrawn', { accountId: ID, amount: 234.12, withdrawnAt: AT }),
      v1('MoneyDeposited', { accountId: ID, amount: 400, depositedAt: AT }),
    ].map(current);
    const balances = history.map((_, index) => fold(accountDecider, history.slice(0, index + 1))).map((state) => (state.status === 'none' ? null : state.balance));
    expect(balances).toEqual([0, 125_000, 15_000, -8_412, 31_588]);
  });
});

/* Random account histories mixing every version and shape an account event may be stored in. */
const accountId = fc.constantFrom('a', 'legacy-000417');
const at = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
const currency = fc.constantFrom('EUR', 'USD', 'GBP', 'CHF', 'JPY');
const minor = fc.integer({ min: 1, max: 100_000_000_000 });
const legacyAmount = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000_000 }).map((cents) => Number((cents / 100).toFixed(2))),
  fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: 1, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
);
const description = fc.option(fc.string({ maxLength: 20 }), { nil: undefined });
const holder = fc.record({ name: fc.string({ minLength: 1, maxLength: 30 }), kind: fc.constantFrom('person', 'organisation') });

const opened = fc.oneof(
  fc.record({ type: fc.constant('AccountOpened'), schemaVersion: fc.constant(1), data: fc.record({ accountId, name: fc.string({ maxLength: 30 }), openedAt: at }) }),
  fc.record({
    type: fc.constant('AccountOpened'),
    schemaVersion: fc.constant(1),
    data: fc.record({ accountId, owner: fc.string({ maxLength: 30 }), currency, overdraftLimit: fc.nat(1_000_000), openedAt: at }),
  }),
  ...[1, 2].map((schemaVersion) =>
    fc.record({ type: fc.constant('AccountOpened'), schemaVersion: fc.constant(schemaVersion), data: fc.record({ accountId, holder, currency, overdraftLimit: fc.nat(1_000_000), openedAt: at }) }),
  ),
);
const movement = (type: 'MoneyDeposited' | 'MoneyWithdrawn', timeField: 'depositedAt' | 'withdrawnAt') =>
  fc.oneof(
    fc.record({
      type: fc.constant(type),
      schemaVersion: fc.constant(1),
      data: fc.record({ accountId, amount: legacyAmount, description, [timeField]: at }, { requiredKeys: ['accountId', 'amount', timeField] }),
    }),
    ...[1, 2].map((schemaVersion) =>
      fc.record({
        type: fc.constant(type),
        schemaVersion: fc.constant(schemaVersion),
        data: fc.record({ accountId, amount: minor, currency, description: fc.string({ maxLength: 20 }), [timeField]: at }),
      }),
    ),
  );
const interest = fc.record({
  type: fc.constant('InterestApplied'),
  schemaVersion: fc.constant(1),
  data: fc.record({ accountId, amount: minor, currency, rateBasisPoints: fc.integer({ min: 1, max: 10_000 }), periodStart: at, periodEnd: at, appliedAt: at }),
});
const closed = fc.record({ type: fc.constant('AccountClosed'), schemaVersion: fc.constant(1), data: fc.record({ accountId, reason: fc.string(), closedAt: at }) });
const history = fc.tuple(
  opened,
  fc.array(fc.oneof(movement('MoneyDeposited', 'depositedAt'), movement('MoneyWithdrawn', 'withdrawnAt'), interest, closed), { maxLength: 40 }),
).map(([first, rest]): VersionedEvent[] => [first, ...rest]);

describe('account upcasters (properties)', () => {
  it('upcast then evolve never throws, and leaves a whole-number balance', () => {
    fc.assert(
      fc.property(history, (events) => {
        const state = fold(accountDecider, events.map(current));
        expect(state.status).not.toBe('none');
        if (state.status !== 'none') {
          expect(Number.isSafeInteger(state.balance)).toBe(true);
          expect(typeof state.holder.name).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('brings every event to its current version, is idempotent, and never changes what it was given', () => {
    fc.assert(
      fc.property(history, (events) => {
        const before = structuredClone(events);
        const upcast = events.map((event) => accountUpcasters.upcast(event));
        expect(events).toEqual(before);
        upcast.forEach((event) => expect(event.schemaVersion).toBe(accountUpcasters.currentVersion(event.type)));
        expect(upcast.map((event) => accountUpcasters.upcast(event))).toEqual(upcast);
      }),
    );
  });
});
