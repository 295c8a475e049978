import { z } from 'zod';
import { HOLDER_KINDS, type AccountEventType } from './events';
import { amountSchema, currencySchema } from './money';

/*
 * Today's shape of each account event's data (events.ts), as zod schemas: what an edited event
 * must look like in a what-if fork of the debugger, so a fork folds only facts this code could
 * have recorded. Stored events are not checked against them (history is what it is).
 */

const isoDateTime = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 date-time' });
const accountId = z.string().min(1);
const text = z.string().max(140, 'At most 140 characters');

export const ACCOUNT_EVENT_SCHEMAS: Readonly<Record<AccountEventType, z.ZodType<Record<string, unknown>>>> = {
  AccountOpened: z
    .object({
      accountId,
      holder: z.object({ name: z.string().min(1).max(100), kind: z.enum(HOLDER_KINDS) }).strict(),
      customerId: z.string().min(1).nullable(),
      currency: currencySchema,
      overdraftLimit: z.number().int('Overdraft limit must be whole minor units').min(0),
      openedAt: isoDateTime,
    })
    .strict(),
  MoneyDeposited: z.object({ accountId, amount: amountSchema, currency: currencySchema, description: text, depositedAt: isoDateTime }).strict(),
  MoneyWithdrawn: z.object({ accountId, amount: amountSchema, currency: currencySchema, description: text, withdrawnAt: isoDateTime }).strict(),
  InterestApplied: z
    .object({
      accountId,
      amount: z.number().int('Amount must be whole minor units'),
      currency: currencySchema,
      rateBasisPoints: z.number().int().min(0),
      periodStart: isoDateTime,
      periodEnd: isoDateTime,
      appliedAt: isoDateTime,
    })
    .strict(),
  AccountClosed: z.object({ accountId, reason: text, closedAt: isoDateTime }).strict(),
};
