import { verifyChain } from '../../audit/verify-chain';
import { BEYOND_LIMIT, detectFindings, findingsSchema, type StreamFindings } from '../../debugger/stream-findings';
import { aggregateForStream } from '../../runtime/debuggers';
import { defineRoute } from '../http/define-route';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The debugger header's findings: what deserves a look on this stream, each with the version to jump to. */

export const streamFindings = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/findings',
  operationId: 'getStreamFindings',
  summary: 'What deserves a look on a stream: overdrafts past the limit, hash chain breaks, snapshot drift, stuck transfers, lagging projections',
  description:
    `Detectors over facts the debugger computes: an account's balance going below its own overdraft limit (breakpoint \`${BEYOND_LIMIT}\`), ` +
    "a break in the stream's hash chain, a snapshot that differs from the replayed state, a transfer not finished five minutes after its last step, " +
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
    const [overdrafts, chain, snapshots, transfer, projections] = await Promise.all([
      aggregate === 'account' ? debug.breakpoints(streamId, BEYOND_LIMIT) : null,
      verifyChain(runtime.store.stored, { streamId }),
      debug.snapshots(streamId).then((found) => found.snapshots),
      aggregate === 'transfer'
        ? debug.stateView(streamId, { version: head }).then((view) => ({
            state: view.state as { status: string },
            lastEventAt: new Date(view.event!.recordedAt),
            lastVersion: head,
          }))
        : null,
      // How far the read models lag is the bank's business, not a customer's.
      principal && principal.role !== 'customer' ? runtime.projections.status() : null,
    ]);
    const findings = detectFindings({ overdrafts, chain, snapshots, transfer, projections, now: new Date() });
    findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return { streamId, head, findings, checkedAt: new Date().toISOString() };
  },
});
