import { z } from 'zod';
import type { DispatchResult } from '../../commands/dispatch';
import { NotFoundError } from '../../core/errors';
import { isEntityId } from '../../core/ids';
import type { Principal } from '../../auth/principal';
import { transferStreamId } from '../../domain/transfer/decider';
import { transferStatus, transferStatusSchema } from '../../transfer/transfer-view';
import { authorizeAccountRead } from '../auth/authorize';
import { defineRoute } from '../http/define-route';
import { entityId } from '../http/query';
import { jsonResponse } from '../http/responses';
import { webRuntime } from '../web-runtime';
import type { CommandAnswer } from './command-answers';

/*
 * Transfers: POST /api/transfers is the transfer aggregate's `send` command, generated from the
 * registry like every command (commands.ts), with the answer below: 202 at once, the process
 * manager moves the money. GET /api/transfers/{transferId} shows its progress.
 */

const STEPS =
  'The process manager debits the source, credits the destination and completes ' +
  '(TransferRequested → SourceDebited → DestinationCredited → TransferCompleted). If the destination refuses the credit ' +
  '(closed, unknown, another currency) or a step keeps failing past its timeout, the source is refunded ' +
  '(→ DestinationCreditFailed → SourceRefunded → TransferFailed). A source that refuses the debit (insufficient funds) ' +
  'ends it at once (→ SourceDebitFailed → TransferFailed) with no money moved.';

const linksSchema = z.object({ self: z.string(), events: z.string(), page: z.string(), debugger: z.string() });

export const transferLinks = (transferId: string): z.infer<typeof linksSchema> => ({
  self: `/api/transfers/${transferId}`,
  events: `/api/streams/${transferStreamId(transferId)}/events`,
  page: `/transfers/${transferId}`,
  debugger: `/debugger/${transferStreamId(transferId)}`,
});

const loadStatus = async (transferId: string) => {
  if (!isEntityId(transferId)) return null;
  return transferStatus(await webRuntime().store.readStream(transferStreamId(transferId)));
};

const acceptedSchema = z
  .object({
    transferId: z.string(),
    status: transferStatusSchema.shape.status,
    globalPosition: z.number().int().describe('Position of the TransferRequested event'),
    links: linksSchema,
  })
  .meta({ id: 'TransferAccepted' });

/** POST /api/transfers answers 202 at once, with where to follow the transfer. */
export const transferAccepted: CommandAnswer = {
  status: 202,
  description: `Transfer accepted; the money moves shortly. Follow \`links.self\` for progress. ${STEPS}`,
  schema: acceptedSchema,
  headers: z.object({
    Location: z.string().meta({ description: 'The transfer status' }),
    'Idempotent-Replayed': z.literal('true').optional().meta({ description: '`true` when the command id had been handled before and nothing was written' }),
  }),
  takesExpectedVersion: false,
  respond: async (sent: DispatchResult) => {
    const status = (await loadStatus(sent.id))?.status ?? 'requested';
    return jsonResponse({ transferId: sent.id, status, globalPosition: sent.globalPosition, links: transferLinks(sent.id) }, 202, {
      Location: `/api/transfers/${sent.id}`,
      ...(sent.duplicate ? { 'Idempotent-Replayed': 'true' } : {}),
    });
  },
};

const involves = async (principal: Principal, status: { fromAccountId: string; toAccountId: string }): Promise<boolean> => {
  for (const accountId of [status.fromAccountId, status.toAccountId]) {
    if (await authorizeAccountRead(principal, accountId).then(() => true, () => false)) return true;
  }
  return false;
};

const notFound = (transferId: string) => new NotFoundError(`Transfer ${transferId} does not exist`, 'transfer_not_found');

export const transferStatusRoute = defineRoute({
  method: 'GET',
  path: '/api/transfers/{transferId}',
  operationId: 'getTransfer',
  summary: "A transfer's status and steps",
  description: `Read from the transfer's own event stream. Each step names the account stream and version of its money movement. ${STEPS}`,
  tag: 'transfers',
  auth: { action: 'stream.read' },
  params: z.object({ transferId: entityId }),
  invalidParams: (raw) => notFound(raw.transferId ?? ''),
  responses: {
    200: { description: 'The transfer', schema: transferStatusSchema.extend({ links: linksSchema }).meta({ id: 'TransferStatus' }) },
    404: '`transfer_not_found`',
  },
  handle: async ({ principal, scope, params: { transferId } }) => {
    const status = await loadStatus(transferId);
    // A customer sees a transfer that leaves or reaches one of their accounts, and no other (not even that it exists).
    if (!status || (scope === 'own' && !(await involves(principal, status)))) throw notFound(transferId);
    return { ...status, links: transferLinks(transferId) };
  },
});
