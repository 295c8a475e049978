import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { CommandJournal, JournalEntry, JournalQuery } from '../core/command-journal';

/** A journal whose old entries can be removed: entries are evidence for a while, not events. */
export interface PrunableCommandJournal extends CommandJournal {
  /** Removes entries recorded before `before`; how many. */
  pruneBefore(before: Date): Promise<number>;
}

export type JournalBounds = {
  /** Refused commands one customer may add to the journal per minute (CHRONICLE_JOURNAL_CUSTOMER_PER_MINUTE). */
  customerEntriesPerMinute: number;
  /** How long entries are kept (CHRONICLE_JOURNAL_RETENTION); older ones are pruned at most once an hour. */
  retentionMs: number;
};

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Keeps what one signed-in customer can make the bank store bounded: each refused request of
 * theirs would otherwise add a row for ever (withdrawing a billion, again and again). Beyond
 * the per-minute allowance a customer's refusals are still refused, just not kept; staff and
 * the bank's own processes (the transfer saga's refused legs) are always kept, because the
 * debugger's causality lane shows them. Entries older than the retention are pruned.
 */
export class BoundedCommandJournal implements CommandJournal {
  private readonly perCustomer: RateLimiterMemory;
  private lastPrune = Number.NEGATIVE_INFINITY;
  private dropped = 0;

  constructor(
    private readonly inner: PrunableCommandJournal,
    private readonly bounds: JournalBounds,
    private readonly clock: () => Date = () => new Date(),
    private readonly log: (line: string) => void = (line) => console.warn(line),
  ) {
    this.perCustomer = new RateLimiterMemory({ keyPrefix: 'command-journal', points: Math.max(0, bounds.customerEntriesPerMinute), duration: 60 });
  }

  async record(entry: JournalEntry): Promise<void> {
    if (entry.actor.startsWith('customer:') && !(await this.allowed(entry.actor))) {
      if (this.dropped++ % 100 === 0) this.log(`command journal: ${entry.actor} is over ${this.bounds.customerEntriesPerMinute} refused commands a minute; not keeping more of them for now (${this.dropped} dropped so far)`);
      return;
    }
    await this.inner.record(entry);
    await this.pruneNowAndThen();
  }

  list(query: JournalQuery): Promise<JournalEntry[]> {
    return this.inner.list(query);
  }

  private async allowed(actor: string): Promise<boolean> {
    if (this.bounds.customerEntriesPerMinute <= 0) return false;
    return this.perCustomer.consume(actor).then(
      () => true,
      () => false,
    );
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const pruned = await this.inner.pruneBefore(new Date(now - this.bounds.retentionMs));
    if (pruned > 0) this.log(`command journal: pruned ${pruned} entries recorded before ${new Date(now - this.bounds.retentionMs).toISOString()}`);
  }
}
