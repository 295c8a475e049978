import { trailPage, trailRows } from '../../audit/audit-trail';
import { EXPORT_MEDIA_TYPES, renderExport, type ExportFormat } from '../../audit/trail-export';
import { isChronicleError } from '../../core/errors';
import {
  accountStateAt,
  auditQueries,
  bankTotalsAsOf,
  checkStoreFingerprint,
  eventInclusionProof,
  storeFingerprint,
  verifyStore,
  verifyStream,
} from '../audit-service';
import {
  exportParams,
  fingerprintParams,
  parseQuery,
  proofParams,
  stateAtParams,
  totalsAtParams,
  trailFilterOf,
  trailPageParams,
} from './audit-query';
import type { Principal } from '../../auth/principal';
import { authorizeAccountRead, authorizeStreamRead, requireAllowed } from '../auth/authorize';
import { requestPrincipal } from '../auth/request-auth';
import { accountNotFound, knownAccountId } from './read-query';
import { errorResponse, jsonResponse } from './responses';
import { parseStreamId } from './stream-query';

/*
 * Routes for auditors. Every one goes through `auditRoute`, which checks who
 * is asking before anything is read: auditors and tellers by default; a
 * stream's verification and an account's past state follow the stream's and
 * the account's own readers; the bank's totals whoever may see its stats.
 */

type Handler<Params> = (request: Request, searchParams: URLSearchParams, params: Params) => Promise<Response>;
type Guard<Params> = (principal: Principal | null, params: Params) => Promise<unknown>;

const auditorsAndStaff: Guard<unknown> = async (principal) => requireAllowed(principal, 'audit.read');

const auditRoute =
  <Params = Record<string, never>>(handle: Handler<Params>, guard: Guard<Params> = auditorsAndStaff) =>
  async (request: Request, context?: { params: Promise<Params> }): Promise<Response> => {
    try {
      const params = (await context?.params) as Params;
      await guard(await requestPrincipal(request), params);
      return await handle(request, new URL(request.url).searchParams, params);
    } catch (error) {
      return errorResponse(error);
    }
  };

/** GET /api/streams/{streamId}/verification: the stream's hash chain recomputed. */
export const streamVerificationRoute = () =>
  auditRoute<{ streamId: string }>(
    async (_request, _searchParams, { streamId }) => jsonResponse(await verifyStream(parseStreamId(streamId))),
    (principal, { streamId }) => authorizeStreamRead(principal, parseStreamId(streamId)),
  );

/** GET /api/audit/verification: the whole store's chains, positions and commands. */
export const storeVerificationRoute = () => auditRoute(async () => jsonResponse(await verifyStore()));

/** GET /api/audit/fingerprint[?position=N] → a Merkle root to write down; with &root=HEX, the check of one written down. */
export const fingerprintRoute = () =>
  auditRoute(async (_request, searchParams) => {
    const { position, root } = parseQuery(fingerprintParams, searchParams, ['position', 'root']);
    return jsonResponse(root !== undefined && position !== undefined ? await checkStoreFingerprint({ position, root }) : await storeFingerprint(position));
  });

/** GET /api/audit/proof?position=N[&treePosition=M]: that one event is in the tree fingerprinted at M. */
export const inclusionProofRoute = () =>
  auditRoute(async (_request, searchParams) => {
    const { position, treePosition } = parseQuery(proofParams, searchParams, ['position', 'treePosition']);
    return jsonResponse(await eventInclusionProof(position, treePosition));
  });

/** GET /api/audit/events: one page of the audit trail. */
export const auditEventsRoute = () =>
  auditRoute(async (_request, searchParams) => {
    const filter = trailFilterOf(searchParams);
    const page = parseQuery(trailPageParams, searchParams, ['cursor', 'limit', 'order']);
    return jsonResponse(await trailPage(auditQueries(), filter, page));
  });

const encoder = new TextEncoder();

/** GET /api/audit/events.csv | .jsonl: every matching event, streamed as it is read. */
export const auditExportRoute = (format: ExportFormat) =>
  auditRoute(async (_request, searchParams) => {
    const filter = trailFilterOf(searchParams);
    const { order } = parseQuery(exportParams, searchParams, ['order']);
    const chunks = renderExport(trailRows(auditQueries(), filter, order), format);
    // The first chunk is read before answering, so a broken database still gets a proper error status.
    const first = await chunks.next();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (!first.done) controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    return new Response(body, {
      headers: {
        'Content-Type': EXPORT_MEDIA_TYPES[format],
        'Content-Disposition': `attachment; filename="chronicle-audit-${stamp}.${format}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

/** GET /api/accounts/{accountId}/state?at=ISO | ?version=N */
export const accountStateAtRoute = () =>
  auditRoute<{ accountId: string }>(async (_request, searchParams, params) => {
    const accountId = knownAccountId(params.accountId);
    const query = parseQuery(stateAtParams, searchParams, ['version', 'at']);
    try {
      return jsonResponse(await accountStateAt(accountId, query.version !== undefined ? { version: query.version } : { at: query.at! }));
    } catch (error) {
      if (isChronicleError(error) && error.code === 'stream_not_found') throw accountNotFound(accountId);
      throw error;
    }
  }, (principal, params) => authorizeAccountRead(principal, knownAccountId(params.accountId)));

/** GET /api/bank/totals?at=ISO: accounts and balances as the books stood then, folded from the events. */
export const bankTotalsAtRoute = () =>
  auditRoute(
    async (_request, searchParams) => jsonResponse(await bankTotalsAsOf(parseQuery(totalsAtParams, searchParams, ['at']).at)),
    async (principal) => requireAllowed(principal, 'bank.stats'),
  );
