import { z } from 'zod';

/** ISO 4217 currencies the bank holds, with their minor-unit exponent. */
export const CURRENCIES = { EUR: 2, USD: 2, GBP: 2, CHF: 2, JPY: 0 } as const;
export type Currency = keyof typeof CURRENCIES;
export const currencySchema = z.enum(Object.keys(CURRENCIES) as [Currency, ...Currency[]]);

/** Largest single movement: 1 billion major units, far below 2^53 in minor units. */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

/** A positive amount in integer minor units (cents), never a float. */
export const amountSchema = z
  .number()
  .int('Amount must be a whole number of minor units (cents)')
  .positive('Amount must be greater than zero')
  .max(MAX_AMOUNT_MINOR, `Amount may not exceed ${MAX_AMOUNT_MINOR} minor units`);

export const formatMoney = (amountMinor: number, currency: Currency): string => {
  const exponent = CURRENCIES[currency];
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(amountMinor / 10 ** exponent);
};
