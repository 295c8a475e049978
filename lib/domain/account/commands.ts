import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../core/ids';
import { HOLDER_KINDS } from './events';
import { amountSchema, currencySchema, MAX_AMOUNT_MINOR } from './money';

/**
 * Input schemas: what a person or client may send. They are the single source
 * for validation, server-action form errors and the OpenAPI document.
 */
const description = z.string().trim().max(140, 'Description may be at most 140 characters').optional();
const isoDateTime = z.iso.datetime({ offset: true, message: 'Expected an ISO 8601 date-time' });

export const openAccountInput = z
  .object({
    owner: z.string().trim().min(1, 'Owner is required').max(100, 'Owner may be at most 100 characters'),
    /** The customer who will hold it: their users may act on it. A customer's own id is filled in for them; staff name it (or none, for the bank's own accounts). */
    customerId: z.string().trim().regex(ENTITY_ID_PATTERN, 'Customer id must be letters, digits, _ or -').optional(),
    /** Whether the owner is a person or an organisation (a company, a club); a person unless said otherwise. */
    holderKind: z.enum(HOLDER_KINDS, { message: 'Holder kind must be person or organisation' }).default('person'),
    currency: currencySchema,
    overdraftLimit: z
      .number()
      .int('Overdraft limit must be a whole number of minor units')
      .min(0, 'Overdraft limit may not be negative')
      .max(MAX_AMOUNT_MINOR, `Overdraft limit may not exceed ${MAX_AMOUNT_MINOR}`)
      .default(0),
  })
  .strict();

export const moneyMovementInput = z
  .object({
    amount: amountSchema,
    /** When given, must match the account's currency. */
    currency: currencySchema.optional(),
    description,
  })
  .strict();

export const closeAccountInput = z
  .object({ reason: z.string().trim().max(140, 'Reason may be at most 140 characters').optional() })
  .strict();

export const applyInterestInput = z
  .object({
    /** Annual rate in basis points (1 bp = 0.01 %). */
    rateBasisPoints: z.number().int('Rate must be a whole number of basis points').min(1).max(10_000),
    periodStart: isoDateTime,
    periodEnd: isoDateTime,
  })
  .strict()
  .refine((input) => Date.parse(input.periodEnd) > Date.parse(input.periodStart), {
    message: 'Period end must be after period start',
    path: ['periodEnd'],
  });

export type OpenAccountInput = z.infer<typeof openAccountInput>;
export type MoneyMovementInput = z.infer<typeof moneyMovementInput>;
export type CloseAccountInput = z.infer<typeof closeAccountInput>;
export type ApplyInterestInput = z.infer<typeof applyInterestInput>;

/** Supplied by the edge: the domain never reads a clock or makes an id. */
export type CommandMetadata = {
  commandId: string;
  /** ISO time at which the command is decided. */
  now: string;
  actor: string;
  correlationId?: string;
  causationId?: string;
};

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type OpenAccount = Command<'OpenAccount', OpenAccountInput & { accountId: string }>;
export type DepositMoney = Command<'DepositMoney', MoneyMovementInput & { accountId: string }>;
export type WithdrawMoney = Command<'WithdrawMoney', MoneyMovementInput & { accountId: string }>;
export type CloseAccount = Command<'CloseAccount', CloseAccountInput & { accountId: string }>;
export type ApplyInterest = Command<'ApplyInterest', ApplyInterestInput & { accountId: string }>;

export type AccountCommand = OpenAccount | DepositMoney | WithdrawMoney | CloseAccount | ApplyInterest;
export type AccountCommandType = AccountCommand['type'];
