import { NotFoundError, RuleViolation } from '../../core/errors';
import type { TransferCommand } from './commands';
import type { TransferEvent } from './events';
import { TRANSFER_RULES, type TransferRuleCode } from './rules';
import type { TransferState, TransferStatus } from './state';

const reject = (code: TransferRuleCode): never => {
  throw new RuleViolation(code, TRANSFER_RULES[code]);
};

type Started = Exclude<TransferState, { status: 'none' }>;

/**
 * A step's outcome is recorded once, in the state it follows from. Recording
 * it again after the transfer has moved on is a no-op (a resumed process
 * manager repeats its last step); recording it where it cannot follow is refused.
 */
const step = (state: TransferState, transferId: string, from: TransferStatus, done: readonly TransferStatus[]): Started | null => {
  if (state.status === 'none') throw new NotFoundError(`Transfer ${transferId} does not exist`, 'transfer_not_found');
  if (state.status === from) return state;
  if (done.includes(state.status)) return null;
  return reject('transfer_step_out_of_order');
};

export const decide = (command: TransferCommand, state: TransferState): TransferEvent[] => {
  const { now } = command.metadata;
  const transferId = state.status === 'none' ? (command.type === 'RequestTransfer' ? command.data.transferId : '') : state.details.transferId;
  switch (command.type) {
    case 'RequestTransfer': {
      if (state.status !== 'none') return reject('transfer_already_exists');
      const { from, to, amount, currency, description } = command.data;
      if (from === to) return reject('same_account');
      return [
        {
          type: 'TransferRequested',
          data: { transferId, fromAccountId: from, toAccountId: to, amount, currency, description: description || 'Transfer', requestedAt: now },
        },
      ];
    }
    case 'RecordDebit': {
      const transfer = step(state, transferId, 'requested', ['debited', 'credit_failed', 'completed']);
      if (!transfer) return [];
      return [{ type: 'SourceDebited', data: { transferId, ...command.data, debitedAt: now } }];
    }
    case 'RecordDebitRejected': {
      const transfer = step(state, transferId, 'requested', ['failed']);
      if (!transfer) return [];
      const { details } = transfer;
      const { reason } = command.data;
      return [
        { type: 'SourceDebitFailed', data: { transferId, accountId: details.fromAccountId, reason, failedAt: now } },
        { type: 'TransferFailed', data: { ...terminal(transfer), reason, refunded: false, failedAt: now } },
      ];
    }
    case 'RecordCredit': {
      const transfer = step(state, transferId, 'debited', ['completed']);
      if (!transfer) return [];
      return [
        { type: 'DestinationCredited', data: { transferId, ...command.data, creditedAt: now } },
        { type: 'TransferCompleted', data: { ...terminal(transfer), completedAt: now } },
      ];
    }
    case 'RecordCreditRejected': {
      const transfer = step(state, transferId, 'debited', ['credit_failed', 'failed']);
      if (!transfer) return [];
      return [{ type: 'DestinationCreditFailed', data: { transferId, accountId: transfer.details.toAccountId, reason: command.data.reason, failedAt: now } }];
    }
    case 'RecordRefund': {
      const transfer = step(state, transferId, 'credit_failed', ['failed']);
      if (!transfer) return [];
      const reason = transfer.reason ?? { code: 'credit_failed', message: 'The destination account refused the credit' };
      return [
        { type: 'SourceRefunded', data: { transferId, ...command.data, refundedAt: now } },
        { type: 'TransferFailed', data: { ...terminal(transfer), reason, refunded: true, failedAt: now } },
      ];
    }
    default: {
      const _never: never = command;
      return _never;
    }
  }
};

const terminal = ({ details }: Started) => ({
  transferId: details.transferId,
  fromAccountId: details.fromAccountId,
  toAccountId: details.toAccountId,
  amount: details.amount,
  currency: details.currency,
});
