import { z } from 'zod';
import { minorUnits, type Assert, type Conforms } from '../shared/schema-parts';
import type { BankStatsView } from './types';

/** Response shape of the bank statistics route; the view is checked against it when compiling. */

export const bankStatsSchema = z.object({
  accountsByStatus: z.object({ open: z.number().int(), closed: z.number().int() }),
  totalsByCurrency: z.array(
    z.object({ currency: z.string(), balance: minorUnits, accounts: z.number().int().describe('Accounts ever opened in this currency') }),
  ),
  dailyFlows: z.array(
    z.object({
      day: z.iso.date(),
      currency: z.string(),
      deposits: minorUnits,
      withdrawals: minorUnits.describe('Money out, positive'),
      interest: minorUnits,
      movements: z.number().int(),
    }),
  ),
}).meta({ id: 'BankStats' });

// The queries' answers (the bank's and a customer's) must be what the document promises: compiling fails otherwise.
export type _ViewsConform = Assert<Conforms<BankStatsView, typeof bankStatsSchema>>;
