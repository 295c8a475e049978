import { moneyText } from '@/components/account/format';
import type { TransferStepBody } from '@/lib/transfers/transfer-view';
import type { TransferView } from './transfer-queries';

const sentence = (text: string) => (text ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** One step of a transfer in plain words. */
export const stepTitle = (step: TransferStepBody, transfer: TransferView): string => {
  const amount = moneyText(transfer.amount, transfer.currency);
  const why = step.reason ? `: ${sentence(step.reason.message)}` : '';
  switch (step.type) {
    case 'TransferRequested':
      return `Requested by ${transfer.requestedBy}`;
    case 'SourceDebited':
      return `${amount} taken from ${transfer.fromAccountId}`;
    case 'SourceDebitFailed':
      return `${transfer.fromAccountId} refused the debit${why}`;
    case 'DestinationCredited':
      return `${amount} paid into ${transfer.toAccountId}`;
    case 'DestinationCreditFailed':
      return `${transfer.toAccountId} could not be paid${why}`;
    case 'SourceRefunded':
      return `${amount} refunded to ${transfer.fromAccountId}`;
    case 'TransferCompleted':
      return 'Transfer completed';
    case 'TransferFailed':
      return transfer.refunded ? 'Transfer failed; the money was returned' : 'Transfer failed; no money moved';
    default:
      return step.type;
  }
};

export const statusHeadline = (transfer: TransferView): { label: string; tone: 'pending' | 'ok' | 'failed' } => {
  switch (transfer.status) {
    case 'requested':
      return { label: 'Waiting to take the money', tone: 'pending' };
    case 'debited':
      return { label: 'Money in flight', tone: 'pending' };
    case 'credit_failed':
      return { label: 'Refunding', tone: 'pending' };
    case 'completed':
      return { label: 'Completed', tone: 'ok' };
    case 'failed':
      return { label: transfer.refunded ? 'Failed · refunded' : 'Failed · no money moved', tone: 'failed' };
  }
};

/** What the process manager does next, while the transfer is open. */
export const nextStepText = (transfer: TransferView): string | null => {
  switch (transfer.status) {
    case 'requested':
      return `Next: take the money from ${transfer.fromAccountId}`;
    case 'debited':
      return `Next: pay it into ${transfer.toAccountId}`;
    case 'credit_failed':
      return `Next: return it to ${transfer.fromAccountId}`;
    default:
      return null;
  }
};
