import type { z } from 'zod';
import { auditQueriesOf, type AuditQueries } from '../core/audit-queries';
import { UnavailableError } from '../core/errors';
import { bankTotalsAt, type BankTotalsAt } from '../audit/bank-totals-at';
import { checkFingerprint, fingerprintAt, inclusionProofAt } from '../audit/fingerprints';
import { verifyChain, type VerificationReport } from '../audit/verify-chain';
import type { AccountState } from '../domain/account/state';
import type { StateView } from '../debugger/types';
import type { accountStateAtSchema } from '../audit/schemas';
import { edgeState, webRuntime } from './web-runtime';

/* What the audit routes and pages ask: the server's store, read as stored. */

export const auditQueries = (): AuditQueries => {
  const queries = auditQueriesOf(webRuntime().store);
  if (!queries) throw new UnavailableError('This event store offers no audit queries');
  return queries;
};

const REUSE_MS = 30_000;
/** Reports recently computed, by stream: one cache per process, held by its runtime. */
const recentReports = () => edgeState('verified-streams', () => new Map<string, { head: number; report: VerificationReport; at: number }>());

/**
 * A stream's chain recomputed (about 40–110 µs an event here). Pages ask on
 * every load, so a report is reused for 30 s while the stream's newest
 * position is unchanged; it carries `checkedAt`, so a reader sees its age.
 */
export const verifyStream = async (streamId: string): Promise<VerificationReport> => {
  const recent = recentReports();
  const known = recent.get(streamId);
  const headPosition = known ? await newestPosition(streamId) : 0;
  if (known && known.head === headPosition && Date.now() - known.at < REUSE_MS) return known.report;
  const report = await verifyChain(webRuntime().store, { streamId });
  if (recent.size > 1_000) recent.clear();
  recent.set(streamId, { head: report.headPosition, report, at: Date.now() });
  return report;
};

const newestPosition = async (streamId: string): Promise<number> =>
  (await auditQueries().queryEvents({ streamId, order: 'desc', limit: 1 }))[0]?.globalPosition ?? 0;

export const verifyStore = (): Promise<VerificationReport> => verifyChain(webRuntime().store);

export const storeFingerprint = (position?: number) => fingerprintAt(webRuntime().store, position);

export const checkStoreFingerprint = (expected: { position: number; root: string }) => checkFingerprint(webRuntime().store, expected);

export const eventInclusionProof = (position: number, treePosition?: number) => inclusionProofAt(webRuntime().store, position, treePosition);

export const bankTotalsAsOf = (at: Date): Promise<BankTotalsAt> => {
  const store = webRuntime().store;
  return bankTotalsAt(auditQueries(), (event) => store.upcasters.upcast(event), at);
};

/** An account as it stood then; its state is the account decider's (the schema in lib/audit/schemas.ts leaves it open). */
export type AccountStateAt = Omit<z.infer<typeof accountStateAtSchema>, 'state'> & { state: AccountState };

/** An account as it stood at a moment or a version, from its events (snapshots speed it up, never decide it). */
export const accountStateAt = async (accountId: string, asOf: { at: Date } | { version: number }): Promise<AccountStateAt> => {
  const view: StateView = await webRuntime().debuggerFor(`account-${accountId}`).stateView(`account-${accountId}`, asOf);
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
