import { verifyChain } from '../../audit/verify-chain';
import { UpcastError } from '../../core/upcasting';
import { findCommandBurst } from '../../debugger/command-bursts';
import { BEYOND_LIMIT, detectFindings, findingsSchema, type StreamFindings } from '../../debugger/stream-findings';
import { findUpcasterGaps } from '../../debugger/upcaster-gaps';
import { MAX_JOURNAL_ENTRIES } from '../../read/prisma-command-journal';
import { aggregateForStream } from '../../runtime/debuggers';
import { defineRoute } from '../http/define-route';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The debugger header's findings: what deserves a look on this stream, each with the version to jump to. */

/** A fold that stops at an event no upcaster chain can read has nothing to say; the upcaster-gap finding says why. */
const unlessUpcastGap = (error: unknown): null => {
  if (error instanceof UpcastError) return null;
  throw error;
};

export const streamFindings = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/findings',
  operationId: 'getStreamFindings',
  summary: 'What deserves a look on a stream: overdrafts past the limit, hash chain breaks, snapshot drift, upcaster gaps, stuck transfers, bursts of refused commands, lagging projections',
  description:
    `Detectors over facts the debugger computes: an account's balance going below its own overdraft limit (breakpoint \`${BEYOND_LIMIT}\`), ` +
    "a break in the stream's hash chain, a snapshot that differs from the replayed state, a stored event no chain of upcasters brings to the current schema, " +
    'a transfer not finished five minutes after its last step, a burst of commands refused or lost to version conflicts (5 within 60 s, from the command journal), ' +
    'and (for staff) a projection more than 30 s behind the log. Each costs one pass over the stream.',
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  responses: { 200: { description: 'The findings, most serious first', schema: findingsSchema }, 404: '`stream_not_found`' },
  handle: async ({ principal, params: { streamId } }): Promise<StreamFindings> => {
    const runtime = webRuntime();
    const debug = runtime.debuggerFor(streamId);
    const head = await debug.head(streamId);
    const aggregate = aggregateForStream(runtime, streamId)?.name ?? null;
    const [overdrafts, chain, snapshots, transfer, projections, upcasterGaps, journal] = await Promise.all([
      aggregate === 'account' ? debug.breakpoints(streamId, BEYOND_LIMIT).catch(unlessUpcastGap) : null,
      verifyChain(runtime.store.stored, { streamId }),
      debug
        .snapshots(streamId)
        .then((found) => found.snapshots)
        .catch(unlessUpcastGap),
      aggregate === 'transfer'
        ? debug
            .stateView(streamId, { version: head })
            .then((view) => ({
              state: view.state as { status: string },
              lastEventAt: new Date(view.event!.recordedAt),
              lastVersion: head,
            }))
            .catch(unlessUpcastGap)
        : null,
      // How far the read models lag is the bank's business, not a customer's.
      principal && principal.role !== 'customer' ? runtime.projections.status() : null,
      findUpcasterGaps(runtime.store.stored, runtime.store.upcasters, streamId),
      runtime.journal.list({ streamId, limit: MAX_JOURNAL_ENTRIES }),
    ]);
    const commandBurst = findCommandBurst(journal);
    const findings = detectFindings({ overdrafts, chain, snapshots, transfer, projections, upcasterGaps, commandBurst, now: new Date() });
    findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return { streamId, head, findings, checkedAt: new Date().toISOString() };
  },
});
