import { refusedCommandsSchema, type RefusedCommandsBody } from '../../debugger/refused-commands-schemas';
import { MAX_JOURNAL_ENTRIES } from '../../read/prisma-command-journal';
import { defineRoute } from '../http/define-route';
import { webRuntime } from '../web-runtime';
import { invalidStreamId, streamPath, streamReaders } from './streams';

/* The commands on a stream that did not become events: refused by the decider, or lost to another writer. */

export const streamRefusedCommands = defineRoute({
  method: 'GET',
  path: '/api/streams/{streamId}/refused-commands',
  operationId: 'getRefusedCommands',
  summary: 'Commands on a stream that did not become events',
  description:
    'From the command journal, kept apart from the event log (a refusal is not a fact of the domain): each command the decider refused or that ' +
    `lost to a concurrent writer, with its rule code, input, actor and the version it was decided on. Oldest first, at most ${MAX_JOURNAL_ENTRIES}.`,
  tag: 'debugger',
  auth: streamReaders,
  params: streamPath,
  invalidParams: invalidStreamId,
  responses: { 200: { description: 'The refused and conflicted commands', schema: refusedCommandsSchema } },
  handle: async ({ params: { streamId } }): Promise<RefusedCommandsBody> => {
    const entries = await webRuntime().journal.list({ streamId, limit: MAX_JOURNAL_ENTRIES + 1 });
    const listed = entries.slice(0, MAX_JOURNAL_ENTRIES);
    return {
      streamId,
      truncated: entries.length > MAX_JOURNAL_ENTRIES,
      entries: listed.map(({ commandId, command, type, actor, correlationId, decidedAtVersion, outcome, code, message, input, at }) => ({
        commandId,
        command,
        type,
        actor,
        correlationId,
        decidedAtVersion,
        outcome,
        code,
        message,
        input,
        at: at.toISOString(),
      })),
    };
  },
});
