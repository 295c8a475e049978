import { defineView } from '../view';
import { bankTotalsProjection } from './projection';
import { bankTotalsQueries } from './queries';

/** Accounts by status, balances by currency, money in and out per day: the bank's figures. */
export const bankTotalsView = defineView({
  projection: bankTotalsProjection,
  sources: { bankStats: ['bank-totals'] },
  queries: bankTotalsQueries,
});
