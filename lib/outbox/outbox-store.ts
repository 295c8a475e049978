import { Prisma } from '../generated/prisma-sqlite/client';
import type { HashedFields } from '../core/hash-chain';
import { WorkerLease } from '../workers/worker-lease';
import type { ReadDb } from '../read/read-db';

export type OutboxStatus = 'pending' | 'sent' | 'parked';

/** The stored event an outbox row points at, as Prisma returns it on either provider (data and metadata: JSON text on SQLite, parsed on PostgreSQL). */
export type OutboxEventRow = HashedFields & { position: number | bigint };

export type OutboxRow = {
  position: number;
  streamId: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  parkedAt: Date | null;
  event: OutboxEventRow;
};

export type OutboxCounts = Record<OutboxStatus, number>;

export type LeaseState = { holder: string; expiresAt: Date; busError: string | null; busErrorAt: Date | null };

/** The relay's row in the workers' lease table. */
export const RELAY_LEASE = 'outbox-relay';

/** The outbox table's operations, through the read side's Prisma client (same SQL on both providers). */
export class OutboxStore {
  constructor(
    readonly db: ReadDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * The oldest pending rows of every stream that may move: a stream waits while
   * one of its rows is parked or backing off after a failure (per-stream order);
   * other streams carry on. Every earlier pending row of a stream in the batch is
   * in the batch too, so each stream's rows come in order from its first.
   * Costs O(batch + held rows), whatever the backlog: an index range on (status, position), and the
   * held streams from the rows that hold them only (parked ones by status, backing-off ones from the
   * partial index over rows with a retry time; a query on status alone for those would read every pending row).
   */
  async nextBatch(limit: number): Promise<OutboxRow[]> {
    const now = this.clock();
    const [parked, backingOff] = await Promise.all([
      this.db.outboxMessage.findMany({ where: { status: 'parked' }, select: { streamId: true }, distinct: ['streamId'] }),
      // Only a failed publish sets a retry time, and only on a pending row (sending or parking clears it).
      this.db.outboxMessage.findMany({ where: { nextAttemptAt: { gt: now } }, select: { streamId: true }, distinct: ['streamId'] }),
    ]);
    const held = [...new Set([...parked, ...backingOff].map((row) => row.streamId))];
    return this.findWithEvents({ status: 'pending', streamId: { notIn: held } }, limit);
  }

  async markSent(positions: number[]): Promise<void> {
    if (positions.length === 0) return;
    await this.db.outboxMessage.updateMany({
      where: { position: { in: positions }, status: 'pending' },
      data: { status: 'sent', sentAt: this.clock(), attempts: { increment: 1 }, nextAttemptAt: null },
    });
  }

  /** Counts a failed publish; parks the row once it has failed `maxAttempts` times. Returns whether it was parked. */
  async recordFailure(position: number, error: string, maxAttempts: number, backoffMs: (attempts: number) => number): Promise<boolean> {
    const row = await this.db.outboxMessage.findUnique({ where: { position } });
    if (!row || row.status !== 'pending') return false;
    const attempts = row.attempts + 1;
    const now = this.clock();
    const park = attempts >= maxAttempts;
    await this.db.outboxMessage.updateMany({
      where: { position, status: 'pending' },
      data: park
        ? { status: 'parked', attempts, lastError: error, parkedAt: now, nextAttemptAt: null }
        : { attempts, lastError: error, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) },
    });
    return park;
  }

  async listParked(limit = 100): Promise<OutboxRow[]> {
    return this.findWithEvents({ status: 'parked' }, limit);
  }

  /** A parked row back to pending with a fresh count of attempts; false if it is not parked. */
  async retry(position: number): Promise<boolean> {
    const { count } = await this.db.outboxMessage.updateMany({
      where: { position, status: 'parked' },
      data: { status: 'pending', attempts: 0, parkedAt: null, nextAttemptAt: null },
    });
    return count === 1;
  }

  async counts(): Promise<OutboxCounts> {
    const groups = await this.db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: OutboxCounts = { pending: 0, sent: 0, parked: 0 };
    for (const group of groups) counts[group.status as OutboxStatus] = group._count._all;
    return counts;
  }

  /** When the oldest event still waiting to be published was recorded. */
  async oldestPendingRecordedAt(): Promise<Date | null> {
    const [oldest] = await this.findWithEvents({ status: 'pending' }, 1);
    return oldest?.event.recordedAt ?? null;
  }

  /**
   * Pending rows held behind a parked row of their stream: after the stream's first parked row. One pass
   * over the pending rows and one over the parked ones (no index leads with the stream for pending rows).
   */
  async blockedCount(): Promise<number> {
    const [row] = await this.db.$queryRaw<Array<{ blocked: number | bigint }>>(Prisma.sql`
      SELECT count(*) AS blocked FROM "outbox" o
      JOIN (SELECT "stream_id", min("position") AS "first" FROM "outbox" WHERE "status" = 'parked' GROUP BY "stream_id") p
        ON p."stream_id" = o."stream_id"
      WHERE o."status" = 'pending' AND o."position" > p."first"`);
    return Number(row?.blocked ?? 0);
  }

  /** The lease that lets one relay at a time publish (a row of the workers' lease table). */
  relayLease(holder: string, leaseMs: number): WorkerLease {
    return new WorkerLease(this.db, RELAY_LEASE, holder, leaseMs, this.clock);
  }

  /** Who holds the relay lease, until when, and what the relay last heard from the bus. */
  async lease(): Promise<LeaseState | null> {
    const state = await new WorkerLease(this.db, RELAY_LEASE, '', 0).state();
    if (!state || state.holder === null || state.expiresAt === null) return null;
    return { holder: state.holder, expiresAt: state.expiresAt, busError: state.lastError, busErrorAt: state.lastErrorAt };
  }

  private async findWithEvents(where: Prisma.OutboxMessageWhereInput, take?: number): Promise<OutboxRow[]> {
    const rows = await this.db.outboxMessage.findMany({ where, include: { event: true }, orderBy: { position: 'asc' }, take });
    return rows.map((row) => ({ ...row, position: Number(row.position), status: row.status as OutboxStatus }));
  }
}

export { isUniqueViolation } from '../read/read-db-errors';
