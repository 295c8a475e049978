import type { CommandOutcome, JournalEntry, JournalQuery } from '../core/command-journal';
import type { PrunableCommandJournal } from './bounded-command-journal';
import type { ReadDb } from './read-db';

/** The most a caller may ask for at once: a journal read is bounded work. */
export const MAX_JOURNAL_ENTRIES = 1_000;

/** The command journal in the database beside the store (table `command_journal`), append-only by use. */
export class PrismaCommandJournal implements PrunableCommandJournal {
  constructor(private readonly db: ReadDb) {}

  async record(entry: JournalEntry): Promise<void> {
    await this.db.commandJournalEntry.create({ data: { ...entry, input: JSON.stringify(entry.input) } });
  }

  async pruneBefore(before: Date): Promise<number> {
    return (await this.db.commandJournalEntry.deleteMany({ where: { at: { lt: before } } })).count;
  }

  async list({ streamId, correlationId, from, to, limit }: JournalQuery): Promise<JournalEntry[]> {
    const rows = await this.db.commandJournalEntry.findMany({
      where: {
        ...(streamId !== undefined ? { streamId } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
        ...(from !== undefined || to !== undefined ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
      },
      orderBy: { id: 'asc' },
      take: Math.min(Math.max(limit, 0), MAX_JOURNAL_ENTRIES),
    });
    return rows.map(({ id: _id, input, outcome, ...row }) => ({ ...row, outcome: outcome as CommandOutcome, input: JSON.parse(input) as Record<string, unknown> }));
  }
}
