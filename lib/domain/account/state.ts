import type { AccountHolder } from './events';
import type { Currency } from './money';

type Common = {
  accountId: string;
  holder: AccountHolder;
  /** Whose account it is (null: the bank's own). */
  customerId: string | null;
  currency: Currency;
  /** Minor units; may go negative down to -overdraftLimit. */
  balance: number;
  overdraftLimit: number;
  openedAt: string;
  lastActivityAt: string;
  /** End of the last period interest was applied for; a new period may not start before it. */
  interestPaidThrough: string | null;
};

export type AccountState =
  | { status: 'none' }
  | ({ status: 'open' } & Common)
  | ({ status: 'closed'; closedAt: string } & Common);

export const initialState = (): AccountState => ({ status: 'none' });

/** Bump when AccountState's shape changes: snapshots of older shapes are then ignored and replaced. */
export const ACCOUNT_STATE_SCHEMA_VERSION = 3;
