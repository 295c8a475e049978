import { randomUUID } from 'node:crypto';
import { handleCommand } from '../core/command-handler';
import { ValidationError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import { requestTransferInput, type RequestTransfer } from '../domain/transfer/commands';
import { transferDecider, transferIdOf, transferStreamId } from '../domain/transfer/decider';
import { commandIdSchema, issuesOf, type CommandContext } from './account-commands';

export type TransferRequestResult = { transferId: string; globalPosition: number; duplicate: boolean };

/**
 * Records a transfer request: the first event of its stream. The process
 * manager takes it from there; nothing has moved yet. Idempotent by command id:
 * a repeat answers with the transfer the first request created.
 */
export const requestTransfer = async (
  store: EventStore,
  input: unknown,
  context: Pick<CommandContext, 'actor' | 'commandId' | 'now'> & { transferId?: string },
): Promise<TransferRequestResult> => {
  const parsed = requestTransferInput.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError('Invalid transfer', issuesOf(parsed.error));
  if (context.commandId !== undefined && !commandIdSchema.safeParse(context.commandId).success) {
    throw new ValidationError('Invalid command id', [{ path: 'commandId', message: 'Command id must be 1 to 128 printable ASCII characters' }]);
  }
  const transferId = context.transferId ?? randomUUID();
  const commandId = context.commandId ?? `transfer:${transferId}:request`;
  const command: RequestTransfer = {
    type: 'RequestTransfer',
    data: { ...parsed.data, transferId },
    // The transfer's id correlates every event it causes, on both accounts.
    metadata: { commandId, now: (context.now ?? new Date()).toISOString(), actor: context.actor, correlationId: transferId },
  };
  const handled = await handleCommand(store, transferDecider, transferStreamId(transferId), command);
  return { transferId: transferIdOf(handled.streamId), globalPosition: handled.globalPosition, duplicate: handled.duplicate };
};
