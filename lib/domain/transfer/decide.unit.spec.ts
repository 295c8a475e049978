import { describe, expect, it } from 'vitest';
import { fold } from '../../core/decider';
import { deciderSpec } from '../../core/testing/decider-spec';
import type { TransferCommand } from './commands';
import { nextStep, transferDecider } from './decider';
import type { TransferEvent } from './events';
import { inFlightAmount } from './state';

const NOW = '2026-03-01T10:00:00.000Z';
const metadata = { commandId: 'c', now: NOW, actor: 'customer:ada' };
const leg = (accountId: string, accountVersion: number) => ({ accountId, accountVersion, eventId: `e-${accountId}-${accountVersion}` });
const closed = { code: 'account_closed', message: 'The account is closed' };
const details = { transferId: 't1', fromAccountId: 'a', toAccountId: 'b', amount: 25_00, currency: 'EUR' as const };

const request = (from = 'a', to = 'b'): TransferCommand => ({
  type: 'RequestTransfer',
  data: { transferId: 't1', from, to, amount: 25_00, currency: 'EUR', description: 'Rent' },
  metadata,
});
const recordDebit: TransferCommand = { type: 'RecordDebit', data: leg('a', 4), metadata };
const rejectDebit: TransferCommand = { type: 'RecordDebitRejected', data: { reason: { code: 'insufficient_funds', message: 'no' } }, metadata };
const recordCredit: TransferCommand = { type: 'RecordCredit', data: leg('b', 7), metadata };
const rejectCredit: TransferCommand = { type: 'RecordCreditRejected', data: { reason: closed }, metadata };
const recordRefund: TransferCommand = { type: 'RecordRefund', data: leg('a', 5), metadata };

const requested: TransferEvent = {
  type: 'TransferRequested',
  data: { ...details, description: 'Rent', requestedAt: NOW },
};
const debited: TransferEvent = { type: 'SourceDebited', data: { transferId: 't1', ...leg('a', 4), debitedAt: NOW } };
const creditFailed: TransferEvent = { type: 'DestinationCreditFailed', data: { transferId: 't1', accountId: 'b', reason: closed, failedAt: NOW } };

const given = deciderSpec(transferDecider);
const after = (events: TransferEvent[]) => fold(transferDecider, events);

describe('transfer decider', () => {
  it('requests a transfer once, between two different accounts', () => {
    given([]).when(request()).then([requested]);
    given([requested]).when(request()).thenRejects('transfer_already_exists');
    given([]).when(request('a', 'a')).thenRejects('same_account');
  });

  it('completes: debit, then credit and completion together', () => {
    given([requested]).when(recordDebit).then([debited]);
    given([requested, debited]).when(recordCredit).then([
      { type: 'DestinationCredited', data: { transferId: 't1', ...leg('b', 7), creditedAt: NOW } },
      { type: 'TransferCompleted', data: { ...details, completedAt: NOW } },
    ]);
    const done = after([requested, debited, ...transferDecider.decide(recordCredit, after([requested, debited]))]);
    expect(done).toMatchObject({ status: 'completed', debit: { accountVersion: 4 }, credit: { accountVersion: 7 }, finishedAt: NOW });
    expect(nextStep(done)).toBeNull();
  });

  it('fails without moving money when the source refuses the debit', () => {
    const reason = { code: 'insufficient_funds', message: 'no' };
    given([requested]).when(rejectDebit).then([
      { type: 'SourceDebitFailed', data: { transferId: 't1', accountId: 'a', reason, failedAt: NOW } },
      { type: 'TransferFailed', data: { ...details, reason, refunded: false, failedAt: NOW } },
    ]);
  });

  it('refunds the source when the destination refuses the credit, keeping the reason', () => {
    given([requested, debited]).when(rejectCredit).then([creditFailed]);
    given([requested, debited, creditFailed]).when(recordRefund).then([
      { type: 'SourceRefunded', data: { transferId: 't1', ...leg('a', 5), refundedAt: NOW } },
      { type: 'TransferFailed', data: { ...details, reason: closed, refunded: true, failedAt: NOW } },
    ]);
  });

  it('treats a repeated step as done and a step out of order as a rejection', () => {
    given([requested, debited]).when(recordDebit).then([]);
    given([requested, debited, creditFailed]).when(rejectCredit).then([]);
    given([requested]).when(recordCredit).thenRejects('transfer_step_out_of_order');
    given([requested]).when(recordRefund).thenRejects('transfer_step_out_of_order');
    given([requested, debited]).when(rejectDebit).thenRejects('transfer_step_out_of_order');
    given([requested, debited, creditFailed]).when(recordCredit).thenRejects('transfer_step_out_of_order');
    given([]).when(recordDebit).thenRejects('transfer_not_found');
  });

  it('names the next leg and the money in flight at each state', () => {
    expect([[requested], [requested, debited], [requested, debited, creditFailed]].map((h) => [nextStep(after(h)), inFlightAmount(after(h))])).toEqual([
      ['debit', 0],
      ['credit', 25_00],
      ['refund', 25_00],
    ]);
  });
});
