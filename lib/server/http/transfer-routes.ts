import { NotFoundError, ValidationError } from '../../core/errors';
import { transferStreamId } from '../../domain/transfer/decider';
import { transferStatus } from '../../transfers/transfer-view';
import { eventStore } from '../event-store';
import { requestTransfer } from '../transfer-commands';
import { readJsonObject } from './json-body';
import { commandRequest } from './request-context';
import { errorResponse, jsonResponse } from './responses';

const transferIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const transferLinks = (transferId: string) => ({
  self: `/api/transfers/${transferId}`,
  events: `/api/streams/${transferStreamId(transferId)}/events`,
  page: `/transfers/${transferId}`,
  debugger: `/debugger/${transferStreamId(transferId)}`,
});

const loadStatus = async (transferId: string) => {
  if (!transferIdPattern.test(transferId)) return null;
  return transferStatus(await eventStore().readStream(transferStreamId(transferId)));
};

/** POST /api/transfers: records the request and answers at once; the process manager moves the money. */
export const requestTransferRoute = () => async (request: Request): Promise<Response> => {
  try {
    const body = await readJsonObject(request);
    const { input, context } = commandRequest(request, body);
    if (context.expectedVersion !== undefined) {
      throw new ValidationError('Invalid request', [{ path: 'expectedVersion', message: 'A transfer is a new stream; it takes no expected version' }]);
    }
    const result = await requestTransfer(eventStore(), input, { actor: context.actor, commandId: context.commandId });
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

type TransferParams = { params: Promise<{ transferId: string }> };

/** GET /api/transfers/{transferId}: status and steps, read from the transfer's own stream. */
export const transferStatusRoute = () => async (_request: Request, { params }: TransferParams): Promise<Response> => {
  try {
    const { transferId } = await params;
    const status = await loadStatus(transferId);
    if (!status) throw new NotFoundError(`Transfer ${transferId} does not exist`, 'transfer_not_found');
    return jsonResponse({ ...status, links: transferLinks(transferId) });
  } catch (error) {
    return errorResponse(error);
  }
};
