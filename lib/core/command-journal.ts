/*
 * Commands that did not become events: refused by the decider, or lost to a concurrent writer.
 * They are not facts of the domain (nothing happened to the account), so they are kept apart from
 * the event log, in a journal the debugger's causality lane and decision replay read. Accepted
 * commands need no entry: their events carry the command in their metadata.
 */

export type CommandOutcome = 'rejected' | 'conflicted';

export type JournalEntry = {
  commandId: string;
  aggregate: string;
  command: string;
  /** The command's type as the decider sees it: `WithdrawMoney`. */
  type: string;
  streamId: string;
  actor: string;
  correlationId: string | null;
  causationId: string | null;
  /** The stream's version the decision was made on (the state it saw). */
  decidedAtVersion: number;
  outcome: CommandOutcome;
  /** The refusal's machine code (`insufficient_funds`, `version_conflict`) and plain words. */
  code: string;
  message: string;
  /** The validated input, as the accepted commands record theirs. */
  input: Record<string, unknown>;
  at: Date;
};

export type JournalQuery = { streamId?: string; correlationId?: string; from?: Date; to?: Date; limit: number };

/** The port; adapters keep it in the database beside the event store. Recording never fails a command. */
export interface CommandJournal {
  record(entry: JournalEntry): Promise<void>;
  /** Oldest first. */
  list(query: JournalQuery): Promise<JournalEntry[]>;
}
