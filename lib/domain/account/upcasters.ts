import { UpcasterRegistry, type Upcaster } from '../../core/upcasting';
import type { AccountOpened, HolderKind, MoneyDeposited, MoneyWithdrawn } from './events';
import { legacyAmountToMinor } from './legacy-amount';
import { customerIdForHolder } from './legacy-customers';
import { CURRENCIES, type Currency } from './money';

/*
 * Version 1 of these events comes in two shapes:
 * - legacy: exported by the old core-banking system (CORE1) and imported as
 *   they were: decimal amounts, no currency, a single name;
 * - unversioned: today's shape, written by this application before it stamped
 *   schema versions, when the store recorded every event as version 1.
 * CORE1 never exported a currency, so `currency` tells them apart; an
 * unversioned event only gains what version 2 added. Data that already has
 * what version 2 added is version 2 recorded without its version (written
 * through a bare adapter, which defaults to 1) and is kept as it is.
 */

/** CORE1 kept EUR accounts only: it predates the multi-currency ledger, so its amounts and accounts are EUR. */
export const LEGACY_CURRENCY: Currency = 'EUR';
/** CORE1 held personal (retail) accounts only; this application's OpenAccount also assumes a person unless told. */
export const DEFAULT_HOLDER_KIND: HolderKind = 'person';

export type LegacyAccountOpenedV1 = { accountId: string; name: string; openedAt: string };
/** Version 2: a structured holder, and no customer id (an account was its holder name's). */
export type AccountOpenedV2 = Omit<AccountOpened['data'], 'customerId'>;
export type UnversionedAccountOpenedV1 = Omit<AccountOpenedV2, 'holder'> & { owner: string };
export type AccountOpenedV1 = LegacyAccountOpenedV1 | UnversionedAccountOpenedV1 | AccountOpenedV2;

type LegacyMovement = { accountId: string; amount: number | string; description?: string };
export type LegacyMoneyDepositedV1 = LegacyMovement & { depositedAt: string };
export type LegacyMoneyWithdrawnV1 = LegacyMovement & { withdrawnAt: string };
export type MoneyDepositedV1 = LegacyMoneyDepositedV1 | MoneyDeposited['data'];
export type MoneyWithdrawnV1 = LegacyMoneyWithdrawnV1 | MoneyWithdrawn['data'];

const isUnversioned = <Today extends { currency: Currency }>(data: object): data is Today => 'currency' in data;

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string') throw new TypeError(`${field} must be a string, got ${JSON.stringify(value)}`);
  return value;
};

/** v1 → v2: the single owner name becomes a structured holder; a legacy account also gains its currency and a zero overdraft. */
export const accountOpenedV1: Upcaster<AccountOpenedV1, AccountOpenedV2> = {
  type: 'AccountOpened',
  fromVersion: 1,
  upcast: (data) => {
    if ('holder' in data) return data;
    if (isUnversioned<UnversionedAccountOpenedV1>(data)) {
      const { owner, ...rest } = data;
      return { ...rest, holder: { name: text(owner, 'owner'), kind: DEFAULT_HOLDER_KIND } };
    }
    return {
      accountId: data.accountId,
      holder: { name: text(data.name, 'name'), kind: DEFAULT_HOLDER_KIND },
      currency: LEGACY_CURRENCY,
      // CORE1 had no overdraft facility; its batch runs could still overdraw an account, which history keeps.
      overdraftLimit: 0,
      openedAt: data.openedAt,
    };
  },
};

/**
 * v2 → v3: the account gains the id of the customer who holds it, mapped from the holder's name as
 * the seed and CORE1 named their customers (lib/domain/account/legacy-customers.ts). Data that
 * already names a customer is version 3 recorded without its version and is kept as it is.
 */
export const accountOpenedV2: Upcaster<AccountOpenedV2 | AccountOpened['data'], AccountOpened['data']> = {
  type: 'AccountOpened',
  fromVersion: 2,
  upcast: (data) => ('customerId' in data ? data : { ...data, customerId: customerIdForHolder(text(data.holder?.name, 'holder.name')) }),
};

/** v1 → v2: a legacy deposit's decimal EUR amount becomes integer minor units with its currency. */
export const moneyDepositedV1: Upcaster<MoneyDepositedV1, MoneyDeposited['data']> = {
  type: 'MoneyDeposited',
  fromVersion: 1,
  upcast: (data) => {
    if (isUnversioned<MoneyDeposited['data']>(data)) return data;
    return {
      accountId: data.accountId,
      amount: legacyAmountToMinor(data.amount, CURRENCIES[LEGACY_CURRENCY]),
      currency: LEGACY_CURRENCY,
      description: data.description ?? 'Deposit',
      depositedAt: data.depositedAt,
    };
  },
};

/** v1 → v2: as for deposits. */
export const moneyWithdrawnV1: Upcaster<MoneyWithdrawnV1, MoneyWithdrawn['data']> = {
  type: 'MoneyWithdrawn',
  fromVersion: 1,
  upcast: (data) => {
    if (isUnversioned<MoneyWithdrawn['data']>(data)) return data;
    return {
      accountId: data.accountId,
      amount: legacyAmountToMinor(data.amount, CURRENCIES[LEGACY_CURRENCY]),
      currency: LEGACY_CURRENCY,
      description: data.description ?? 'Withdrawal',
      withdrawnAt: data.withdrawnAt,
    };
  },
};

/** Every account event's chain; InterestApplied and AccountClosed are still at version 1. */
export const accountUpcasters = new UpcasterRegistry()
  .register(accountOpenedV1)
  .register(accountOpenedV2)
  .register(moneyDepositedV1)
  .register(moneyWithdrawnV1)
  .assertComplete();
