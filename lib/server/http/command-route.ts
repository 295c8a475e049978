import { dispatchAccountCommand, type AccountCommandName, type CommandResult } from '../account-commands';
import { authorizeCommand, requireAllowed } from '../auth/authorize';
import { COMMAND_ACTION, commandTarget } from '../auth/command-target';
import { requestPrincipal } from '../auth/request-auth';
import { accountLoader } from '../account-loader';
import { eventStore } from '../event-store';
import { readJsonObject } from './json-body';
import { commandRequest } from './request-context';
import { errorResponse, jsonResponse } from './responses';
import { commandResultBody } from './schemas';

type AccountParams = { params: Promise<{ accountId: string }> };

const commandResponse = (result: CommandResult, status: number): Response =>
  jsonResponse(commandResultBody(result), status, {
    ETag: `"${result.version}"`,
    ...(result.duplicate ? { 'Idempotent-Replayed': 'true' } : {}),
  });

const runCommand = async (request: Request, name: AccountCommandName, accountId: string | undefined, status: number) => {
  try {
    // Who is asking comes first: an anonymous or read-only caller learns nothing about the body or the account.
    const principal = requireAllowed(await requestPrincipal(request), COMMAND_ACTION[name]).principal;
    const body = await readJsonObject(request);
    const { input, context } = commandRequest(request, body, principal.id);
    await authorizeCommand(principal, commandTarget(name, accountId, input));
    const result = await dispatchAccountCommand(eventStore(), name, accountId, input, context, accountLoader());
    return commandResponse(result, status);
  } catch (error) {
    return errorResponse(error);
  }
};

/** POST /api/accounts: the server chooses the account id. */
export const openAccountRoute =
  () =>
  (request: Request): Promise<Response> =>
    runCommand(request, 'open', undefined, 201);

/** POST /api/accounts/{accountId}/{command} */
export const accountCommandRoute =
  (name: Exclude<AccountCommandName, 'open'>) =>
  async (request: Request, { params }: AccountParams): Promise<Response> =>
    runCommand(request, name, (await params).accountId, 200);
