import { NotFoundError, RuleViolation } from '../core/errors';
import type { NotificationPage } from '../notifications/notifications-store';
import type { OutboxRow } from '../outbox/outbox-store';
import { streamCategory } from '../core/envelope';
import { webRuntime } from './web-runtime';

export type OutboxStatusView = {
  pending: number;
  sent: number;
  parked: number;
  /** pending messages held behind a parked message of their stream */
  blocked: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  relay: { holder: string; active: boolean; leaseExpiresAt: string; busError: string | null; busErrorAt: string | null } | null;
};

export type ParkedMessageView = {
  position: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  category: string;
  type: string;
  attempts: number;
  lastError: string | null;
  parkedAt: string | null;
  recordedAt: string;
};

export const outboxStatus = async (now = new Date()): Promise<OutboxStatusView> => {
  const store = webRuntime().outbox;
  const [counts, blocked, oldest, lease] = await Promise.all([store.counts(), store.blockedCount(), store.oldestPendingRecordedAt(), store.lease()]);
  return {
    ...counts,
    blocked,
    oldestPendingAt: oldest?.toISOString() ?? null,
    oldestPendingAgeSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 100) / 10) : null,
    relay: lease && {
      holder: lease.holder,
      active: lease.expiresAt > now,
      leaseExpiresAt: lease.expiresAt.toISOString(),
      busError: lease.busError,
      busErrorAt: lease.busErrorAt?.toISOString() ?? null,
    },
  };
};

const parkedView = (row: OutboxRow): ParkedMessageView => ({
  position: row.position,
  eventId: row.event.eventId,
  streamId: row.streamId,
  streamVersion: row.event.streamVersion,
  category: streamCategory(row.streamId),
  type: row.event.type,
  attempts: row.attempts,
  lastError: row.lastError,
  parkedAt: row.parkedAt?.toISOString() ?? null,
  recordedAt: row.event.recordedAt.toISOString(),
});

export const parkedMessages = async (limit = 100): Promise<ParkedMessageView[]> => (await webRuntime().outbox.listParked(limit)).map(parkedView);

/** Puts a parked message back in line; the relay tries it (and then its stream's later events) again. */
export const retryParkedMessage = async (position: number): Promise<{ position: number; status: 'pending' }> => {
  const store = webRuntime().outbox;
  if (!(await store.retry(position))) {
    const exists = await store.db.outboxMessage.findUnique({ where: { position }, select: { status: true } });
    if (!exists) throw new NotFoundError(`There is no outbox message at position ${position}`, 'outbox_message_not_found');
    throw new RuleViolation('outbox_message_not_parked', `The outbox message at position ${position} is ${exists.status}, not parked`);
  }
  await webRuntime().wakeRelay();
  return { position, status: 'pending' };
};

export type NotificationView = Omit<NotificationPage['items'][number], 'occurredAt' | 'recordedAt'> & { occurredAt: string; recordedAt: string };

export const notificationsPage = async (options: { limit?: number; before?: number }): Promise<{ items: NotificationView[]; nextCursor: number | null }> => {
  const page = await webRuntime().notifications.list(options);
  return {
    items: page.items.map((item) => ({ ...item, occurredAt: item.occurredAt.toISOString(), recordedAt: item.recordedAt.toISOString() })),
    nextCursor: page.nextCursor,
  };
};
