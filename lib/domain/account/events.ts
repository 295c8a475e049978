import type { Currency } from './money';

export const HOLDER_KINDS = ['person', 'organisation'] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
/** Who holds the account; the read models show `name` as the account's owner. */
export type AccountHolder = { name: string; kind: HolderKind };

/* Today's shapes (each type's current schema version, see upcasters.ts); older versions are upcast on read. */

export type AccountOpened = {
  type: 'AccountOpened';
  data: {
    accountId: string;
    holder: AccountHolder;
    /** The customer who holds the account (whose users may act on it); null for the bank's own accounts. Schema version 3. */
    customerId: string | null;
    currency: Currency;
    overdraftLimit: number;
    openedAt: string;
  };
};
export type MoneyDeposited = {
  type: 'MoneyDeposited';
  data: { accountId: string; amount: number; currency: Currency; description: string; depositedAt: string };
};
export type MoneyWithdrawn = {
  type: 'MoneyWithdrawn';
  data: { accountId: string; amount: number; currency: Currency; description: string; withdrawnAt: string };
};
export type InterestApplied = {
  type: 'InterestApplied';
  data: {
    accountId: string;
    amount: number;
    currency: Currency;
    rateBasisPoints: number;
    periodStart: string;
    periodEnd: string;
    appliedAt: string;
  };
};
export type AccountClosed = {
  type: 'AccountClosed';
  data: { accountId: string; reason: string; closedAt: string };
};

export type AccountEvent = AccountOpened | MoneyDeposited | MoneyWithdrawn | InterestApplied | AccountClosed;
export type AccountEventType = AccountEvent['type'];

export const ACCOUNT_EVENT_TYPES: readonly AccountEventType[] = [
  'AccountOpened',
  'MoneyDeposited',
  'MoneyWithdrawn',
  'InterestApplied',
  'AccountClosed',
];
