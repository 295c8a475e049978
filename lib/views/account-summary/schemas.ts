import { z } from 'zod';
import { ACCOUNT_STATUSES, type AccountSummaryView, type Page, type TransactionView } from '../../read/queries/account-queries';
import type { BankStatsView } from '../../read/queries/bank-queries';

/** Response shapes of the read routes; the views below are checked against them when compiling. */

const isoTime = z.iso.datetime({ offset: true });
const minorUnits = z.number().int().describe('Minor units (cents)');
const position = z.number().int().min(0);

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

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page') });

export const accountPageSchema = pageOf(accountSummarySchema).meta({ id: 'AccountPage' });
export const transactionPageSchema = pageOf(transactionSchema).meta({ id: 'TransactionPage' });

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

export const projectionStatusSchema = z.object({
  name: z.string(),
  version: z.number().int().describe('Version of the projection code'),
  status: z.enum(['building', 'live', 'failed', 'retired', 'unknown']).describe('Status of the active generation'),
  generation: z.number().int().nullable().describe('The active generation, which queries read'),
  checkpoint: position.describe('Last global position folded into the active generation'),
  head: position.describe('Newest global position in the event store'),
  lag: z.object({ events: z.number().int(), seconds: z.number().describe('Age of the oldest event not yet folded') }),
  lastError: z.object({ message: z.string(), position: position.nullable(), at: isoTime.nullable() }).nullable(),
  rebuilding: z.object({ generation: z.number().int(), checkpoint: position }).nullable(),
}).meta({ id: 'ProjectionStatus' });

export const projectionsSchema = z.object({ projections: z.array(projectionStatusSchema) }).meta({ id: 'Projections' });

export const retryProjectionSchema = z.object({
  resumed: z.array(z.number().int()).describe('Generations taken out of the failed state'),
  projection: projectionStatusSchema,
}).meta({ id: 'RetryProjectionResult' });

export type ProjectionStatusBody = z.infer<typeof projectionStatusSchema>;

// The adapter's views must be what the document promises: compiling fails otherwise.
type Conforms<View, Schema extends z.ZodType> = [View] extends [z.infer<Schema>] ? true : false;
type Assert<T extends true> = T;
export type _ViewsConform = Assert<
  | Conforms<AccountSummaryView, typeof accountSummarySchema>
  | Conforms<Page<AccountSummaryView>, typeof accountPageSchema>
  | Conforms<Page<TransactionView>, typeof transactionPageSchema>
  | Conforms<BankStatsView, typeof bankStatsSchema>
>;
