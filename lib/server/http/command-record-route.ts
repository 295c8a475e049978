import { describeCommand } from '../../debugger/command-record';
import { commandIdSchema, issuesOf } from '../../commands/account-commands';
import { ValidationError } from '../../core/errors';
import { authorizeStreamRead, requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { errorResponse, jsonResponse } from './responses';
import { webRuntime } from '../web-runtime';

type Context = { params: Promise<{ commandId: string }> };

/** GET /api/commands/{commandId}: the command's type and input, who sent it, and the events it wrote. */
export const commandRecordRoute =
  () =>
  async (request: Request, { params }: Context): Promise<Response> => {
    try {
      const principal = requireAllowed(await requestPrincipal(request), 'stream.read').principal;
      const parsed = commandIdSchema.safeParse(decodeURIComponent((await params).commandId));
      if (!parsed.success) throw new ValidationError('Invalid command id', issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'commandId' })));
      const record = await describeCommand(webRuntime().store, parsed.data);
      // A command is read with the stream it wrote to: a customer sees only her own accounts' commands.
      await authorizeStreamRead(principal, record.streamId);
      return jsonResponse(record);
    } catch (error) {
      return errorResponse(error);
    }
  };
