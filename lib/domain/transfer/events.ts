import type { Currency } from '../account/money';

/** Why a transfer failed: a machine code (an account rule such as `account_closed`, or `step_timeout`) and plain words. */
export type FailureReason = { code: string; message: string };

/** One money movement on an account, as the account stream recorded it. */
export type TransferLeg = { accountId: string; accountVersion: number; eventId: string };

export type TransferRequested = {
  type: 'TransferRequested';
  data: {
    transferId: string;
    fromAccountId: string;
    toAccountId: string;
    amount: number;
    currency: Currency;
    description: string;
    requestedAt: string;
  };
};
export type SourceDebited = { type: 'SourceDebited'; data: { transferId: string } & TransferLeg & { debitedAt: string } };
export type SourceDebitFailed = { type: 'SourceDebitFailed'; data: { transferId: string; accountId: string; reason: FailureReason; failedAt: string } };
export type DestinationCredited = { type: 'DestinationCredited'; data: { transferId: string } & TransferLeg & { creditedAt: string } };
export type DestinationCreditFailed = {
  type: 'DestinationCreditFailed';
  data: { transferId: string; accountId: string; reason: FailureReason; failedAt: string };
};
export type SourceRefunded = { type: 'SourceRefunded'; data: { transferId: string } & TransferLeg & { refundedAt: string } };
export type TransferCompleted = {
  type: 'TransferCompleted';
  data: { transferId: string; fromAccountId: string; toAccountId: string; amount: number; currency: Currency; completedAt: string };
};
/** Terminal failure. `refunded`: money had left the source and was given back; otherwise none moved. */
export type TransferFailed = {
  type: 'TransferFailed';
  data: {
    transferId: string;
    fromAccountId: string;
    toAccountId: string;
    amount: number;
    currency: Currency;
    reason: FailureReason;
    refunded: boolean;
    failedAt: string;
  };
};

export type TransferEvent =
  | TransferRequested
  | SourceDebited
  | SourceDebitFailed
  | DestinationCredited
  | DestinationCreditFailed
  | SourceRefunded
  | TransferCompleted
  | TransferFailed;
export type TransferEventType = TransferEvent['type'];

export const TRANSFER_EVENT_TYPES: readonly TransferEventType[] = [
  'TransferRequested',
  'SourceDebited',
  'SourceDebitFailed',
  'DestinationCredited',
  'DestinationCreditFailed',
  'SourceRefunded',
  'TransferCompleted',
  'TransferFailed',
];

export const TERMINAL_TRANSFER_EVENTS: readonly TransferEventType[] = ['TransferCompleted', 'TransferFailed'];
