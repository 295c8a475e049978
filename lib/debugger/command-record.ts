import { NotFoundError } from '../core/errors';
import type { EventStore } from '../core/event-store';
import type { CommandRecord } from './types';

export type { CommandRecord } from './types';

/** A command's batch is contiguous and ends at the version the commands table recorded; batches are small. */
const MAX_BATCH = 50;

const commandOf = (metadata: Record<string, unknown>): { type: string | null; input: unknown } => {
  const command = metadata.command;
  if (command && typeof command === 'object' && typeof (command as { type?: unknown }).type === 'string') {
    return { type: (command as { type: string }).type, input: (command as { input?: unknown }).input ?? null };
  }
  return { type: null, input: null };
};

export const describeCommand = async (store: EventStore, commandId: string): Promise<CommandRecord> => {
  const result = await store.findCommand(commandId);
  if (!result) throw new NotFoundError(`No command ${commandId} was recorded`, 'command_not_found');
  const tail = await store.readStream(result.streamId, { fromVersion: Math.max(1, result.nextExpectedVersion - MAX_BATCH + 1), toVersion: result.nextExpectedVersion });
  const events = tail.filter((event) => event.metadata.commandId === commandId);
  const last = events.at(-1);
  if (!last) throw new NotFoundError(`Command ${commandId} wrote no events that can be read`, 'command_not_found');
  return {
    commandId,
    streamId: result.streamId,
    version: result.nextExpectedVersion,
    globalPosition: result.lastGlobalPosition,
    ...commandOf(last.metadata),
    actor: last.metadata.actor,
    recordedAt: last.recordedAt.toISOString(),
    correlationId: last.metadata.correlationId,
    causationId: last.metadata.causationId,
    events: events.map((event) => ({ version: event.streamVersion, globalPosition: event.globalPosition, type: event.type })),
  };
};
