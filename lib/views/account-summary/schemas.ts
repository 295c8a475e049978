import { z } from 'zod';
import type { Page } from '../shared/paging';
import { isoTime, minorUnits, pageOf, position, type Assert, type Conforms } from '../shared/schema-parts';
import { ACCOUNT_STATUSES, type AccountSummaryView } from './types';

/** Response shapes of the account-summary routes; the views are checked against them when compiling. */

export const accountSummarySchema = z.object({
  accountId: z.string(),
  owner: z.string(),
  customerId: z.string().nullable().describe('The customer who holds the account; null for the bank’s own'),
  currency: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  balance: minorUnits,
  overdraftLimit: minorUnits,
  version: z.number().int().min(1).describe('Stream version; usable as If-Match'),
  openedAt: isoTime,
  lastActivityAt: isoTime,
  closedAt: isoTime.nullable(),
  position: position.describe('Global position of the last event folded into this summary'),
}).meta({ id: 'AccountSummary' });

export const accountPageSchema = pageOf(accountSummarySchema).meta({ id: 'AccountPage' });

// The queries' answers must be what the document promises: compiling fails otherwise.
export type _ViewsConform = Assert<Conforms<AccountSummaryView, typeof accountSummarySchema> | Conforms<Page<AccountSummaryView>, typeof accountPageSchema>>;
