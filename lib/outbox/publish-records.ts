import type { ReadDb } from '../read/read-db';

/** The most rows one call reads: the debugger's causality lane asks for a window's events at a time. */
const MAX_POSITIONS = 1_000;

/**
 * The outbox rows of these events: whether each was published and when. The relay marks a row
 * sent only after the bus acknowledged it, so `sentAt` is the ack as well as the publish. A
 * position with no row was sent and then pruned (OUTBOX_SENT_RETENTION).
 */
export const publishRecords = async (db: ReadDb, positions: readonly number[]) => {
  const rows = await db.outboxMessage.findMany({
    where: { position: { in: [...new Set(positions)].slice(0, MAX_POSITIONS) } },
    select: { position: true, status: true, sentAt: true, attempts: true, lastError: true },
    orderBy: { position: 'asc' },
  });
  return rows.map((row) => ({ ...row, position: Number(row.position) }));
};
