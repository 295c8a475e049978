import { defineCommand, type AggregateDefinition } from '../../core/aggregate';
import type { RecordedEvent } from '../../core/envelope';
import { UpcasterRegistry } from '../../core/upcasting';
import { accountStreamId } from '../account/decider';
import { requestTransferInput, type TransferCommand } from './commands';
import { TRANSFER_CATEGORY, transferDecider } from './decider';
import { TRANSFER_EVENT_TYPES, type TransferEvent } from './events';
import { TRANSFER_RULES } from './rules';
import type { TransferState } from './state';

/** The amount a transfer moves, on the events that carry it (requested, completed, failed): the debugger's amount column. */
export const transferAmount = (event: RecordedEvent): number | null => {
  const amount = (event.data as { amount?: unknown } | null)?.amount;
  return typeof amount === 'number' ? amount : null;
};

/**
 * A transfer between two accounts: its own stream, driven by the process manager. Clients send
 * it; its steps are recorded by the process manager alone, through its decider.
 */
export const transferAggregate: AggregateDefinition<TransferState, TransferCommand, TransferEvent> = {
  name: 'transfer',
  category: TRANSFER_CATEGORY,
  idField: 'transferId',
  collection: 'transfers',
  decider: transferDecider,
  upcasters: new UpcasterRegistry(),
  commands: {
    send: defineCommand({
      type: 'RequestTransfer',
      input: requestTransferInput,
      summary: 'Send money to another account',
      example: { from: 'ada-eur', to: 'grace-eur', amount: 25_00, currency: 'EUR', description: 'Rent' },
      creates: true,
      access: { customers: 'own' },
      // A customer sends from an account of theirs: the source account's holder owns the request.
      ownership: { from: 'stream', streamId: (input) => (typeof input.from === 'string' ? accountStreamId(input.from.trim()) : null) },
      rules: ['transfer_already_exists', 'same_account'],
    }),
  },
  // The transfer's id correlates every event it causes, on both accounts.
  toCommand: (name, id, input, metadata) =>
    ({ type: 'RequestTransfer', data: { ...input, transferId: id }, metadata: { ...metadata, correlationId: id } }) as TransferCommand,
  // The transfer's owner is its source account's: resolved through `ownership`, never from its own first event.
  ownerOf: () => null,
  rules: TRANSFER_RULES,
  debugger: {
    label: 'transfer',
    eventTypes: TRANSFER_EVENT_TYPES,
    signedAmount: transferAmount,
    presets: [
      { label: 'status == "failed"', expression: 'status == "failed"' },
      { label: 'status == "credit_failed"', expression: 'status == "credit_failed"' },
    ],
  },
};
