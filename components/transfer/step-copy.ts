import { moneyText } from '@/components/account/format';
import type { TransferStepBody } from '@/lib/transfer/transfer-view';
import type { TransferView } from './transfer-queries';

const sentence = (text: string) => (text ? text.charAt(0).toLowerCase() + text.slice(1) : text);

export type Names = { from: string; to: string };

/** One step of a transfer in plain words; `names` are how the two accounts are shown. */
export const stepTitle = (step: TransferStepBody, transfer: TransferView, names: Names = { from: transfer.fromAccountId, to: transfer.toAccountId }): string => {
  const amount = moneyText(transfer.amount, transfer.currency);
  const why = step.reason ? `: ${sentence(step.reason.message)}` : '';
  switch (step.type) {
    case 'TransferRequested':
      return `Requested by ${transfer.requestedBy}`;
    case 'SourceDebited':
      return `${amount} taken from ${names.from}`;
    case 'SourceDebitFailed':
      return `${names.from} refused the debit${why}`;
    case 'DestinationCredited':
      return `${amount} paid into ${names.to}`;
    case 'DestinationCreditFailed':
      return `${names.to} could not be paid${why}`;
    case 'SourceRefunded':
      return `${amount} refunded to ${names.from}`;
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
export const nextStepText = (transfer: TransferView, names: Names): string | null => {
  switch (transfer.status) {
    case 'requested':
      return `Next: take the money from ${names.from}`;
    case 'debited':
      return `Next: pay it into ${names.to}`;
    case 'credit_failed':
      return `Next: return it to ${names.from}`;
    default:
      return null;
  }
};
