import { describeCommand } from '../../debugger/command-record';
import { commandIdSchema, issuesOf } from '../account-commands';
import { ValidationError } from '../../core/errors';
import { eventStore } from '../event-store';
import { errorResponse, jsonResponse } from './responses';

type Context = { params: Promise<{ commandId: string }> };

/** GET /api/commands/{commandId}: the command's type and input, who sent it, and the events it wrote. */
export const commandRecordRoute =
  () =>
  async (_request: Request, { params }: Context): Promise<Response> => {
    try {
      const parsed = commandIdSchema.safeParse(decodeURIComponent((await params).commandId));
      if (!parsed.success) throw new ValidationError('Invalid command id', issuesOf(parsed.error).map((issue) => ({ ...issue, path: 'commandId' })));
      return jsonResponse(await describeCommand(eventStore(), parsed.data));
    } catch (error) {
      return errorResponse(error);
    }
  };
