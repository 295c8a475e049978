import { ValidationError } from '../../core/errors';
import { runFork } from '../../debugger/fork-runner';
import { FORK_ROWS_AROUND, forkRequestSchema, forkResultSchema, forkTestCaseSchema, MAX_FORK_EDITS, MAX_FORK_HITS, MAX_FORK_INSERTS, type ForkRequest, type ForkResult } from '../../debugger/fork-schemas';
import { forkTestCase } from '../../debugger/fork-test-case';
import { MAX_TEST_CASE_EVENTS } from '../../debugger/debugger-service';
import { forkSourceFor } from '../../runtime/forks';
import { defineRoute } from '../http/define-route';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/*
 * What-if forks: a sandbox copy of a stream with events skipped or edited and commands inserted,
 * folded beside the original. Computed per request from the stored events; nothing is written
 * (no event, no snapshot, no journal entry): the fork lives in the asker's URL.
 */

const forkRoute = {
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  body: { schema: forkRequestSchema, required: true, what: 'fork' },
} as const;

const rules =
  `At most ${MAX_FORK_EDITS} edits, of which ${MAX_FORK_INSERTS} inserted commands; each names a version the stream has (one skip or edit per event), ` +
  "an inserted command is one the stream's aggregate declares with an input its schema accepts, and edited data must meet the event type's schema. " +
  'Readable by whoever may read the stream; nothing is written.';

const forkOf = async (streamId: string, body: ForkRequest, collect?: number) => {
  const runtime = webRuntime();
  const head = await runtime.debuggerFor(streamId).head(streamId);
  return { head, run: await runFork(forkSourceFor(runtime, streamId), streamId, head, body, collect) };
};

export const streamFork = defineRoute({
  ...forkRoute,
  method: 'POST',
  path: '/api/streams/{streamId}/fork',
  operationId: 'forkStream',
  summary: 'What if…: the stream with events skipped or edited, or commands inserted, beside the original',
  description:
    "The stream's events are folded twice by its aggregate's evolve: as recorded, and with the edits (an event skipped, an event's data replaced, " +
    "a command inserted after a version and decided by the aggregate's real decider on the fork's state there, its events joining the fork or its refusal shown with its rule code). " +
    'Events after an edit are applied as recorded. The answer has both states at `at`, the first version after which they differ, ' +
    `the fork's timeline ${FORK_ROWS_AROUND} versions either side of \`at\` with the edits marked, and the breakpoint's hits in both timelines (at most ${MAX_FORK_HITS} listed each). ` +
    rules,
  responses: {
    200: { description: 'Both timelines at the position, the divergence and the breakpoint hits', schema: forkResultSchema },
    404: '`stream_not_found`, or `version_not_found` when `at` is beyond the head',
  },
  handle: async ({ params: { streamId }, body }): Promise<ForkResult> => (await forkOf(streamId, body)).run.finish(),
});

export const streamForkTestCase = defineRoute({
  ...forkRoute,
  method: 'POST',
  path: '/api/streams/{streamId}/fork/test-case',
  operationId: 'forkTestCase',
  summary: 'A what-if fork as a vitest file: given its events, when each inserted command, then its outcome and the state',
  description:
    `The fork up to \`at\` (the head by default): at most its last ${MAX_TEST_CASE_EVENTS} events are given, after the state they start from. ` +
    "The test imports the aggregate's decider from the registry, so it fails when today's code decides or folds differently. " +
    rules,
  responses: {
    200: { description: 'The test file', schema: forkTestCaseSchema },
    400: 'also: a stream no aggregate decides has no decider to test',
    404: '`stream_not_found`, or `version_not_found` when `at` is beyond the head',
  },
  handle: async ({ params: { streamId }, body }) => {
    const source = forkSourceFor(webRuntime(), streamId);
    if (!source.aggregate) throw new ValidationError('Invalid fork', [{ path: 'streamId', message: 'No aggregate decides this stream: there is no decider to test against' }]);
    const { run } = await forkOf(streamId, body, MAX_TEST_CASE_EVENTS);
    const result = run.finish();
    return forkTestCase({
      streamId,
      aggregate: source.aggregate.name,
      at: result.at,
      forkVersion: result.fork.version,
      edits: body.edits,
      outcomes: result.edits,
      parts: run.testCaseParts(),
      then: result.fork.state,
    });
  },
});
