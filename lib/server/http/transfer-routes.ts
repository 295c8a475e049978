import { NotFoundError, ValidationError } from '../../core/errors';
import { isEntityId } from '../../core/ids';
import { transferStreamId } from '../../domain/transfer/decider';
import { transferStatus } from '../../transfer/transfer-view';
import { commandAction } from '../../auth/policy';
import { readJsonObject } from './json-body';
import type { Principal } from '../../auth/principal';
import { authorizeAccountRead, requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { commandRequest } from './request-context';
import { errorResponse, jsonResponse } from './responses';
import { webRuntime } from '../web-runtime';


export const transferLinks = (transferId: string) => ({
  self: `/api/transfers/${transferId}`,
  events: `/api/streams/${transferStreamId(transferId)}/events`,
  page: `/transfers/${transferId}`,
  debugger: `/debugger/${transferStreamId(transferId)}`,
});

const loadStatus = async (transferId: string) => {
  if (!isEntityId(transferId)) return null;
  return transferStatus(await webRuntime().store.readStream(transferStreamId(transferId)));
};

/** POST /api/transfers: records the request and answers at once; the process manager moves the money. */
export const requestTransferRoute = () => async (request: Request): Promise<Response> => {
  try {
    // Who is asking comes first; then the source account must be theirs (customers) before anything is written.
    const runtime = webRuntime();
    const principal = await requestPrincipal(request);
    requireAllowed(principal, commandAction(runtime.aggregates.named('transfer'), 'send'));
    const body = await readJsonObject(request);
    const { input, context } = commandRequest(request, body, principal!.id);
    if (context.expectedVersion !== undefined) {
      throw new ValidationError('Invalid request', [{ path: 'expectedVersion', message: 'A transfer is a new stream; it takes no expected version' }]);
    }
    const sent = await runtime.sendAs(principal, 'transfer', 'send', undefined, input, { commandId: context.commandId });
    const result = { transferId: sent.id, globalPosition: sent.globalPosition, duplicate: sent.duplicate };
    const status = (await loadStatus(result.transferId))?.status ?? 'requested';
    return jsonResponse(
      { transferId: result.transferId, status, globalPosition: result.globalPosition, links: transferLinks(result.transferId) },
      202,
      { Location: `/api/transfers/${result.transferId}`, ...(result.duplicate ? { 'Idempotent-Replayed': 'true' } : {}) },
    );
  } catch (error) {
    return errorResponse(error);
  }
};

const involves = async (principal: Principal, status: { fromAccountId: string; toAccountId: string }): Promise<boolean> => {
  for (const accountId of [status.fromAccountId, status.toAccountId]) {
    if (await authorizeAccountRead(principal, accountId).then(() => true, () => false)) return true;
  }
  return false;
};

type TransferParams = { params: Promise<{ transferId: string }> };

/** GET /api/transfers/{transferId}: status and steps, read from the transfer's own stream. */
export const transferStatusRoute = () => async (request: Request, { params }: TransferParams): Promise<Response> => {
  try {
    const { scope, principal } = requireAllowed(await requestPrincipal(request), 'stream.read');
    const { transferId } = await params;
    const status = await loadStatus(transferId);
    if (!status) throw new NotFoundError(`Transfer ${transferId} does not exist`, 'transfer_not_found');
    // A customer sees a transfer that leaves or reaches one of their accounts, and no other (not even that it exists).
    if (scope === 'own' && !(await involves(principal, status))) throw new NotFoundError(`Transfer ${transferId} does not exist`, 'transfer_not_found');
    return jsonResponse({ ...status, links: transferLinks(transferId) });
  } catch (error) {
    return errorResponse(error);
  }
};
