import type { EventStore } from '../core/event-store';
import { transferAggregate } from '../domain/transfer/aggregate';
import { dispatchCommand, type CommandContext } from './dispatch';

export type TransferRequestResult = { transferId: string; globalPosition: number; duplicate: boolean };

/**
 * Records a transfer request: the first event of its stream. The process manager takes it from
 * there; nothing has moved yet. Idempotent by command id: a repeat answers with the transfer the
 * first request created. The transfer's id correlates every event it causes, on both accounts.
 */
export const requestTransfer = async (
  store: EventStore,
  input: unknown,
  context: Pick<CommandContext, 'actor' | 'commandId' | 'now'> & { transferId?: string },
): Promise<TransferRequestResult> => {
  const result = await dispatchCommand(store, transferAggregate, 'send', context.transferId, input, context);
  return { transferId: result.id, globalPosition: result.globalPosition, duplicate: result.duplicate };
};
