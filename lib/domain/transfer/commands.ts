import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../../core/ids';
import type { CommandMetadata } from '../account/commands';
import { amountSchema, currencySchema } from '../account/money';
import type { FailureReason, TransferLeg } from './events';

const accountRef = (what: string) =>
  z
    .string({ message: `${what} account is required` })
    .trim()
    .regex(ENTITY_ID_PATTERN, `${what} account must be an account id`);

/** What a person or client sends to move money between two accounts. */
export const requestTransferInput = z
  .object({
    from: accountRef('Source'),
    to: accountRef('Destination'),
    amount: amountSchema,
    currency: currencySchema,
    description: z.string().trim().max(100, 'Description may be at most 100 characters').optional(),
  })
  .strict()
  .refine((input) => input.from !== input.to, { message: 'Choose a different destination account', path: ['to'] });

export type RequestTransferInput = z.infer<typeof requestTransferInput>;

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type RequestTransfer = Command<'RequestTransfer', RequestTransferInput & { transferId: string }>;
/* The process manager records what each account leg answered. */
export type RecordDebit = Command<'RecordDebit', TransferLeg>;
export type RecordDebitRejected = Command<'RecordDebitRejected', { reason: FailureReason }>;
export type RecordCredit = Command<'RecordCredit', TransferLeg>;
export type RecordCreditRejected = Command<'RecordCreditRejected', { reason: FailureReason }>;
export type RecordRefund = Command<'RecordRefund', TransferLeg>;

export type TransferCommand = RequestTransfer | RecordDebit | RecordDebitRejected | RecordCredit | RecordCreditRejected | RecordRefund;
