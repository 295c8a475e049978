import { z } from 'zod';
import { ValidationError } from '../../core/errors';
import { compileCondition, ExpressionError, type Condition } from '../../debugger/expression';
import { MAX_SCAN_STREAMS, scanHistory } from '../../debugger/history-scan';
import { scanResultSchema } from '../../debugger/history-scan-schemas';
import { streamFolds } from '../../runtime/stream-folds';
import { defineRoute } from '../http/define-route';
import { text, wholeNumber } from '../http/query';
import { ScanSlots } from '../../debugger/scan-slots';
import { edgeState, webRuntime } from '../web-runtime';

/* The breakpoint language over the whole log: which streams ever met a condition. */

const compiled = (expression: string): Condition => {
  try {
    return compileCondition(expression);
  } catch (error) {
    if (error instanceof ExpressionError) throw new ValidationError('Invalid breakpoint expression', [{ path: 'expr', message: error.message }]);
    throw error;
  }
};

export const historyScan = defineRoute({
  method: 'GET',
  path: '/api/debugger/scan',
  operationId: 'scanHistory',
  summary: 'Every stream where a breakpoint condition ever became true',
  description:
    "One pass over the whole log in global order, each event folded into its own stream's state by its aggregate's decider and the condition tested after it " +
    '(the language of `/api/streams/{streamId}/timeline/breakpoints`, e.g. `balance < 0` or `status == "closed" && balance != 0`). ' +
    `Streams are listed by their first hit's position, at most ${MAX_SCAN_STREAMS} (\`streamsHit\` counts all), each with its first and last hit and hit count. ` +
    'Events appended after the scan starts are not read. Staff only: it reads every customer\'s history.',
  tag: 'debugger',
  auth: { action: 'audit.read' },
  query: z.object({
    expr: text('expr', 500).meta({ description: 'The condition' }),
    category: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'category must be a stream category such as account')
      .optional()
      .meta({ description: 'Only streams of this category, e.g. `account`' }),
    fromPosition: wholeNumber('fromPosition', 0)
      .optional()
      .meta({ description: 'Scan events after this global position; streams then start from their initial state' }),
  }),
  responses: {
    200: { description: 'The streams hit', schema: scanResultSchema },
    429: '`too_many_scans`: a scan is already running on this server (one at a time); wait Retry-After seconds',
  },
  handle: async ({ query }) => {
    const runtime = webRuntime();
    const condition = compiled(query.expr);
    const release = edgeState('history-scan-slots', () => new ScanSlots()).take();
    try {
      return await scanHistory(
        { readAll: (options) => runtime.store.readAll(options), headPosition: () => runtime.store.headPosition(), foldFor: streamFolds(runtime) },
        condition,
        { category: query.category ?? null, fromPosition: query.fromPosition },
      );
    } finally {
      release();
    }
  },
});
