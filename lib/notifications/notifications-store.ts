import { isUniqueViolation } from '../outbox/outbox-store';
import type { ReadDb } from '../read/read-db';
import type { Notice, NoticeKind } from './notice-for';

export type NotificationRecord = Notice & { id: number; recordedAt: Date };

export type NotificationPage = { items: NotificationRecord[]; nextCursor: number | null };

/** The notifications table: one row per event id, whatever the number of deliveries. */
export class NotificationsStore {
  constructor(
    private readonly db: ReadDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Records the notice unless its event was already noticed; true if this call recorded it. */
  async recordOnce(notice: Notice): Promise<boolean> {
    try {
      await this.db.notification.create({ data: { ...notice, amount: BigInt(notice.amount), recordedAt: this.clock() } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Newest first; `before` is the previous page's `nextCursor`. */
  async list(options: { limit?: number; before?: number } = {}): Promise<NotificationPage> {
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    const rows = await this.db.notification.findMany({
      where: options.before === undefined ? {} : { id: { lt: options.before } },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    const items = rows.slice(0, limit).map((row) => ({
      ...row,
      id: Number(row.id),
      kind: row.kind as NoticeKind,
      amount: Number(row.amount),
    }));
    return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
  }

  async count(): Promise<number> {
    return this.db.notification.count();
  }
}
