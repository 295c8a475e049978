import { z } from 'zod';
import type { Page } from '../shared/paging';
import { isoTime, minorUnits, pageOf, position, type Assert, type Conforms } from '../shared/schema-parts';
import type { TransactionView } from './types';

/** Response shapes of the account-transactions route; the view is checked against them when compiling. */

export const transactionSchema = z.object({
  accountId: z.string(),
  version: z.number().int().min(1),
  position,
  kind: z.enum(['deposit', 'withdrawal', 'interest']),
  amount: minorUnits.describe('Signed: deposits and interest positive, withdrawals negative'),
  currency: z.string(),
  description: z.string(),
  balanceAfter: minorUnits,
  occurredAt: isoTime,
  actor: z.string(),
}).meta({ id: 'Transaction' });

export const transactionPageSchema = pageOf(transactionSchema).meta({ id: 'TransactionPage' });

// The query's answers must be what the document promises: compiling fails otherwise.
export type _ViewsConform = Assert<Conforms<Page<TransactionView>, typeof transactionPageSchema>>;
