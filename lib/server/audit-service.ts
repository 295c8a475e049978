import { auditQueriesOf, type AuditQueries } from '../core/audit-queries';
import { UnavailableError } from '../core/errors';
import { bankTotalsAt, type BankTotalsAt } from '../audit/bank-totals-at';
import { checkFingerprint, fingerprintAt, inclusionProofAt } from '../audit/checkpoints';
import { verifyChain, type VerificationReport } from '../audit/verify-chain';
import type { AccountState } from '../domain/account/state';
import type { StateView } from '../debugger/types';
import { eventStore } from './event-store';
import { accountDebugger } from './http/debugger-service';

/* What the audit routes and pages ask: the server's store, read as stored. */

export const auditQueries = (): AuditQueries => {
  const queries = auditQueriesOf(eventStore());
  if (!queries) throw new UnavailableError('This event store offers no audit queries');
  return queries;
};

export const verifyStream = (streamId: string): Promise<VerificationReport> => verifyChain(eventStore(), { streamId });

export const verifyStore = (): Promise<VerificationReport> => verifyChain(eventStore());

export const storeFingerprint = (position?: number) => fingerprintAt(eventStore(), position);

export const checkStoreFingerprint = (expected: { position: number; root: string }) => checkFingerprint(eventStore(), expected);

export const eventInclusionProof = (position: number, treePosition?: number) => inclusionProofAt(eventStore(), position, treePosition);

export const bankTotalsAsOf = (at: Date): Promise<BankTotalsAt> => {
  const store = eventStore();
  return bankTotalsAt(auditQueries(), (event) => store.upcasters.upcast(event), at);
};

export type AccountStateAt = {
  accountId: string;
  streamId: string;
  /** What was asked: a moment or a version. */
  asOf: { at: string } | { version: number };
  /** The account's version at that point (0: not yet opened). */
  version: number;
  head: number;
  /** When the event that made this version was recorded; null at version 0. */
  recordedAt: string | null;
  opened: boolean;
  state: AccountState;
  message: string;
};

/** An account as it stood at a moment or a version, from its events (snapshots speed it up, never decide it). */
export const accountStateAt = async (accountId: string, asOf: { at: Date } | { version: number }): Promise<AccountStateAt> => {
  const view: StateView = await accountDebugger().stateView(`account-${accountId}`, asOf);
  const state = view.state as AccountState;
  const when = 'at' in asOf ? `at ${asOf.at.toISOString()}` : `at version ${asOf.version}`;
  return {
    accountId,
    streamId: view.streamId,
    asOf: 'at' in asOf ? { at: asOf.at.toISOString() } : { version: asOf.version },
    version: view.version,
    head: view.head,
    recordedAt: view.event?.recordedAt ?? null,
    opened: state.status !== 'none',
    state,
    message:
      state.status === 'none'
        ? `Account ${accountId} was not yet opened ${when}`
        : `Account ${accountId} ${when}: version ${view.version} of ${view.head}, ${state.status}`,
  };
};
