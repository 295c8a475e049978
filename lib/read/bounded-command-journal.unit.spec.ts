import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalQuery } from '../core/command-journal';
import { BoundedCommandJournal, type PrunableCommandJournal } from './bounded-command-journal';

class MemoryJournal implements PrunableCommandJournal {
  entries: JournalEntry[] = [];
  prunes: Date[] = [];
  async record(entry: JournalEntry) {
    this.entries.push(entry);
  }
  async list(_query: JournalQuery) {
    return this.entries;
  }
  async pruneBefore(before: Date) {
    this.prunes.push(before);
    const kept = this.entries.filter((entry) => entry.at >= before);
    const pruned = this.entries.length - kept.length;
    this.entries = kept;
    return pruned;
  }
}

const entry = (actor: string, at = new Date('2026-12-03T10:00:00Z')): JournalEntry => ({
  commandId: `c-${Math.random()}`,
  aggregate: 'account',
  command: 'withdraw',
  type: 'WithdrawMoney',
  streamId: 'account-a',
  actor,
  correlationId: null,
  causationId: null,
  decidedAtVersion: 1,
  outcome: 'rejected',
  code: 'insufficient_funds',
  message: 'Insufficient funds',
  input: { amount: 1e9 },
  at,
});

describe('BoundedCommandJournal', () => {
  const quiet = () => undefined;

  it("keeps a customer's refusals up to the allowance a minute and no more", async () => {
    const inner = new MemoryJournal();
    const journal = new BoundedCommandJournal(inner, { customerEntriesPerMinute: 5, retentionMs: 86_400_000 }, () => new Date('2026-12-03T10:00:00Z'), quiet);
    for (let i = 0; i < 50; i++) await journal.record(entry('customer:ada'));
    expect(inner.entries).toHaveLength(5);
    // Another customer has an allowance of her own.
    for (let i = 0; i < 3; i++) await journal.record(entry('customer:grace'));
    expect(inner.entries.filter((kept) => kept.actor === 'customer:grace')).toHaveLength(3);
  });

  it("always keeps staff's and the bank's own refused commands (the causality lane shows them)", async () => {
    const inner = new MemoryJournal();
    const journal = new BoundedCommandJournal(inner, { customerEntriesPerMinute: 1, retentionMs: 86_400_000 }, () => new Date('2026-12-03T10:00:00Z'), quiet);
    for (let i = 0; i < 30; i++) await journal.record(entry('teller:ann'));
    for (let i = 0; i < 30; i++) await journal.record(entry('system:transfer-saga'));
    expect(inner.entries).toHaveLength(60);
  });

  it('prunes entries older than the retention, at most once an hour', async () => {
    const inner = new MemoryJournal();
    inner.entries.push(entry('teller:ann', new Date('2026-10-01T00:00:00Z')), entry('teller:ann', new Date('2026-12-02T00:00:00Z')));
    let now = new Date('2026-12-03T10:00:00Z');
    const journal = new BoundedCommandJournal(inner, { customerEntriesPerMinute: 5, retentionMs: 30 * 86_400_000 }, () => now, quiet);
    await journal.record(entry('teller:ann', now));
    expect(inner.entries.map((kept) => kept.at.toISOString())).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-03T10:00:00.000Z']);
    now = new Date('2026-12-03T10:30:00Z');
    await journal.record(entry('teller:ann', now));
    expect(inner.prunes).toHaveLength(1);
    now = new Date('2026-12-03T11:00:01Z');
    await journal.record(entry('teller:ann', now));
    expect(inner.prunes).toHaveLength(2);
  });
});
