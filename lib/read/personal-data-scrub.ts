import { ERASED } from '../core/personal-data/sealed-field';
import type { ReadDb } from './read-db';

/** Inputs of refused commands that carry what a person typed (an account's owner, descriptions, reasons, a user's name). */
const PERSONAL_INPUTS = ['owner', 'description', 'reason', 'displayName'] as const;

export type ScrubCounts = { accounts: number; transactions: number; journalEntries: number };

/**
 * After a customer's key is destroyed, the read side still holds what projections folded from the
 * plain text. This writes `[erased]` where a rebuild would (every generation, so a rebuild in
 * progress is scrubbed too), and in the command journal's recorded inputs for their streams.
 */
export const scrubCustomerReadModels = async (db: ReadDb, customerId: string, streams: readonly string[]): Promise<ScrubCounts> => {
  const accountIds = streams.filter((stream) => stream.startsWith('account-')).map((stream) => stream.slice('account-'.length));
  const accounts = await db.accountSummary.updateMany({ where: { customerId }, data: { owner: ERASED } });
  const transactions = accountIds.length
    ? await db.accountTransaction.updateMany({ where: { accountId: { in: accountIds }, description: { not: '' } }, data: { description: ERASED } })
    : { count: 0 };
  let journalEntries = 0;
  const entries = await db.commandJournalEntry.findMany({ where: { streamId: { in: [...streams] } }, select: { id: true, input: true } });
  for (const entry of entries) {
    const input = JSON.parse(entry.input) as Record<string, unknown>;
    const personal = PERSONAL_INPUTS.filter((key) => typeof input[key] === 'string' && input[key] !== ERASED);
    if (personal.length === 0) continue;
    for (const key of personal) input[key] = ERASED;
    await db.commandJournalEntry.update({ where: { id: entry.id }, data: { input: JSON.stringify(input) } });
    journalEntries += 1;
  }
  return { accounts: accounts.count, transactions: transactions.count, journalEntries };
};
