/** Bank-wide figures: plain data, no database. Days are UTC calendar days `YYYY-MM-DD`. */

export const DEFAULT_STATS_DAYS = 90;
export const MAX_STATS_DAYS = 3660;

/** Daily flows from `fromDay` to `toDay`, both inclusive. */
export type BankStatsQuery = { fromDay: string; toDay: string };

export type CurrencyTotalView = {
  currency: string;
  /** Sum of the balances of every account in this currency. */
  balance: number;
  /** Accounts ever opened in this currency, closed ones included. */
  accounts: number;
};

export type DailyFlowView = {
  day: string;
  currency: string;
  deposits: number;
  /** Money out, as a positive amount. */
  withdrawals: number;
  interest: number;
  movements: number;
};

export type BankStatsView = {
  accountsByStatus: { open: number; closed: number };
  /** By currency code. */
  totalsByCurrency: CurrencyTotalView[];
  /** By day, then currency. */
  dailyFlows: DailyFlowView[];
};

const DAY_MS = 86_400_000;

/** The window of `days` calendar days ending on the day of `now`. */
export const statsWindow = (days: number, now: Date): BankStatsQuery => ({
  fromDay: new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10),
  toDay: now.toISOString().slice(0, 10),
});
