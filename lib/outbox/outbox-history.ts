import type { ReadDb } from '../read/read-db';
import type { OutboxRow, OutboxStatus } from './outbox-store';

export type SentRecord = { position: number; eventId: string };

const PAGE = 5_000;

/**
 * The outbox's sent rows, kept for OUTBOX_SENT_RETENTION: what reconciliation
 * compares with the broker (the outbox stays the source of truth), then pruned.
 * Both queries select by sent_at alone: only marking a row sent sets it, and the partial index over
 * rows that have one (outbox_sent_idx, see its migration) serves a condition on it; adding the status
 * would lead the planner to the (status, position) index and every sent row.
 */
export class OutboxHistory {
  constructor(
    readonly db: ReadDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.clock();
  }

  /** Every row marked sent in [since, until], oldest position first, with its event id only (cheap to hold many). */
  async sentBetween(since: Date, until: Date): Promise<SentRecord[]> {
    const records: SentRecord[] = [];
    for (let after = -1; ; ) {
      const page = await this.db.outboxMessage.findMany({
        where: { sentAt: { gte: since, lte: until }, position: { gt: after } },
        select: { position: true, event: { select: { eventId: true } } },
        orderBy: { position: 'asc' },
        take: PAGE,
      });
      for (const row of page) records.push({ position: Number(row.position), eventId: row.event.eventId });
      if (page.length < PAGE) return records;
      after = records.at(-1)!.position;
    }
  }

  /** The rows at these positions with their events, to publish again. */
  async withEvents(positions: readonly number[]): Promise<OutboxRow[]> {
    const rows: OutboxRow[] = [];
    for (let start = 0; start < positions.length; start += PAGE) {
      const page = await this.db.outboxMessage.findMany({
        where: { position: { in: positions.slice(start, start + PAGE) } },
        include: { event: true },
        orderBy: { position: 'asc' },
      });
      rows.push(...page.map((row) => ({ ...row, position: Number(row.position), status: row.status as OutboxStatus })));
    }
    return rows;
  }

  /** Deletes sent rows older than `before`, a page at a time (short transactions beside a busy relay); returns how many. */
  async pruneSentBefore(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const page = await this.db.outboxMessage.findMany({
        where: { sentAt: { lt: before } },
        select: { position: true },
        orderBy: { sentAt: 'asc' }, // the index's order: the page is its first rows, whatever else the outbox holds
        take: PAGE,
      });
      if (page.length === 0) return total;
      const { count } = await this.db.outboxMessage.deleteMany({
        where: { position: { in: page.map((row) => row.position) }, status: 'sent' },
      });
      total += count;
      if (page.length < PAGE) return total;
    }
  }
}
