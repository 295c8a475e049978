import type { DispatchResult } from '../../commands/dispatch';
import { commandAction } from '../../auth/policy';
import { requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { webRuntime } from '../web-runtime';
import { readJsonObject } from './json-body';
import { commandRequest } from './request-context';
import { errorResponse, jsonResponse } from './responses';

type CommandParams = { params: Promise<Record<string, string>> };

const commandResponse = (idField: string, result: DispatchResult, status: number): Response =>
  jsonResponse({ [idField]: result.id, version: result.version, globalPosition: result.globalPosition }, status, {
    ETag: `"${result.version}"`,
    ...(result.duplicate ? { 'Idempotent-Replayed': 'true' } : {}),
  });

/** Principal → body → the one authorisation and dispatch every entry point shares → answer. */
export const runCommand = async (request: Request, aggregateName: string, command: string, id: string | undefined): Promise<Response> => {
  try {
    const runtime = webRuntime();
    const aggregate = runtime.aggregates.named(aggregateName);
    const principal = await requestPrincipal(request);
    // Who is asking comes first: an anonymous or read-only caller learns nothing about the body or the stream.
    requireAllowed(principal, commandAction(aggregate, command));
    const body = await readJsonObject(request);
    const { input, context } = commandRequest(request, body, principal!.id);
    const result = await runtime.sendAs(principal, aggregateName, command, id, input, context);
    return commandResponse(aggregate.idField, result, aggregate.commands[command]!.creates ? 201 : 200);
  } catch (error) {
    return errorResponse(error);
  }
};

/** POST /api/accounts: the server chooses the account id. */
export const openAccountRoute =
  () =>
  (request: Request): Promise<Response> =>
    runCommand(request, 'account', 'open', undefined);

/** POST /api/accounts/{accountId}/{command} */
export const accountCommandRoute =
  (name: 'deposit' | 'withdraw' | 'close' | 'interest') =>
  async (request: Request, { params }: CommandParams): Promise<Response> =>
    runCommand(request, 'account', name, (await params).accountId);
