import { streamCategory, type EventMetadata } from '../core/envelope';
import type { UpcasterRegistry } from '../core/upcasting';
import type { BusMessage } from './message-bus';
import type { OutboxEventRow } from './outbox-store';
import { subjectFor } from './subjects';

const json = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

/** The stored event as the bus carries it: upcast to today's schema version, like every other reader sees it. */
export const toBusMessage = (event: OutboxEventRow, upcasters: UpcasterRegistry): BusMessage => {
  const current = upcasters.upcast({
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: json(event.data),
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    metadata: json(event.metadata) as EventMetadata,
    recordedAt: event.recordedAt,
  });
  const category = streamCategory(event.streamId);
  return {
    id: event.eventId,
    subject: subjectFor(category, event.type),
    category,
    type: event.type,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: Number(event.position),
    schemaVersion: current.schemaVersion,
    data: current.data,
    metadata: current.metadata as EventMetadata,
    recordedAt: event.recordedAt.toISOString(),
  };
};
