import { DecisionReplay, type Decide } from '../../debugger/decision-replay';
import { replayReportSchema, type StreamReplayReport } from '../../debugger/decision-replay-schemas';
import { deriveCommand } from '../../debugger/derived-commands';
import { MAX_JOURNAL_ENTRIES } from '../../read/prisma-command-journal';
import { aggregateForStream } from '../../runtime/debuggers';
import { defineRoute } from '../http/define-route';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* "Would today's code decide the same?": a stream's recorded commands decided again by today's decider. */

const CHUNK = 5_000;
const MAX_LISTED = 500;

export const streamDecisions = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/decisions',
  operationId: 'replayStreamDecisions',
  summary: "Would today's code decide the same? The stream's recorded commands decided again",
  description:
    "Each recorded command is decided again by today's decider on the state the stream had when it was decided, and compared with what was recorded; " +
    'events written past the decider (a legacy import) are decided one by one on a command derived from the event, and commands the journal kept as refused are decided again on the version they saw. Nothing is written. ' +
    `At most ${MAX_LISTED} differing decisions are listed (\`differing\` counts all). A candidate decider can be tried from the CLI: \`chronicle replay-decisions --decider PATH\`.`,
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  responses: { 200: { description: 'The commands decided differently', schema: replayReportSchema }, 404: '`stream_not_found`' },
  handle: async ({ params: { streamId } }): Promise<StreamReplayReport> => {
    const runtime = webRuntime();
    const head = await runtime.debuggerFor(streamId).head(streamId);
    const replay = new DecisionReplay({
      aggregateFor: (id) => aggregateForStream(runtime, id),
      decideFor: (aggregate) => aggregate.decider.decide as Decide,
      derive: deriveCommand,
      maxFindings: MAX_LISTED,
    });
    // Commands the journal kept as refused are decided again on the version they saw: refused then, accepted now.
    replay.addRefused(await runtime.journal.list({ streamId, limit: MAX_JOURNAL_ENTRIES }));
    for (let from = 1; from <= head; from += CHUNK) replay.add(await runtime.store.readStream(streamId, { fromVersion: from, toVersion: Math.min(head, from + CHUNK - 1) }));
    return { streamId, ...replay.finish() };
  },
});
