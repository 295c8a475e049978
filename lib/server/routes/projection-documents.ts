import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { isEntityId } from '../../core/ids';
import type { Principal } from '../../auth/principal';
import { blamePathSchema } from '../../debugger/blame-schemas';
import { documentScope, scopeChunks } from '../../debugger/projection-documents';
import { blameProjectionDocument, DEFAULT_STEPS_LIMIT, MAX_SCANNED_EVENTS, MAX_STEPS_LIMIT, projectionSteps } from '../../debugger/projection-steps';
import { projectionBlameSchema, projectionStepsSchema, type ProjectionBlame, type ProjectionSteps } from '../../debugger/projection-steps-schemas';
import { authorizeStreamRead, requireAllowed } from '../auth/authorize';
import { defineRoute } from '../http/define-route';
import { wholeNumber } from '../http/query';
import { webRuntime } from '../web-runtime';

/* A projection's document scrubbed like an aggregate: the stepper and blame on documents. */

const documentPath = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/).meta({ description: 'A projection, e.g. `account-summary` or `bank-totals`' }),
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/)
    .meta({ description: "The document's id: an account id for an account's documents, `currency:EUR`, `status:open` or `flow:2026-12-03:EUR` for the bank's totals" }),
});

const projectionOf = (name: string) => {
  const projection = webRuntime().projectionList.find((candidate) => candidate.name === name);
  if (!projection) throw new NotFoundError(`There is no projection named ${name}`, 'projection_not_found');
  return projection;
};

/**
 * Who may step a document: whoever may read its stream (an account's own documents); the bank's
 * documents gather every customer's movements, so only those who may see the bank's books.
 * The API and the stepper's page ask the same.
 */
export const authorizeDocumentRead = async (principal: Principal | null, name: string, id: string): Promise<Principal> => {
  projectionOf(name);
  const scope = documentScope(name, id);
  if (scope.kind === 'log') return requireAllowed(principal, 'bank.history').principal;
  if (!isEntityId(id)) throw new NotFoundError(`Projection ${name} has no document ${id}`, 'document_not_found');
  return authorizeStreamRead(principal, scope.streamId);
};

const documentReaders = {
  action: 'stream.read',
  resource: (principal: Principal, { name, id }: { name: string; id: string }) => authorizeDocumentRead(principal, name, id),
} as const;

const invalidDocument = () => new NotFoundError('There is no such projection document', 'document_not_found');

const BOUND =
  `One request reads at most ${MAX_SCANNED_EVENTS.toLocaleString('en')} candidate events (\`complete\` is false when it stopped there): ` +
  "an account's documents read its stream; the bank's totals read the whole log and are for staff (as the bank's books at a past instant are).";

export const projectionDocumentSteps = defineRoute({
  method: 'GET',
  path: '/api/projections/{name}/documents/{id}/steps',
  operationId: 'getProjectionDocumentSteps',
  summary: 'Each event that touched one projection document, with the document before and after and the time the apply took',
  description:
    "The events the projection handles whose document ids (the projection's own `documentIds`) name this document, folded from the first with the projection's " +
    `own \`evolve\`: one step per event. A page is \`from\` (0-based) and \`limit\` steps (at most ${MAX_STEPS_LIMIT}). ${BOUND}`,
  tag: 'debugger',
  auth: documentReaders,
  params: documentPath,
  invalidParams: invalidDocument,
  query: z.object({
    from: wholeNumber('from', 0).default(0).meta({ description: 'The first step of the page (0-based)' }),
    limit: wholeNumber('limit', 1, MAX_STEPS_LIMIT).default(DEFAULT_STEPS_LIMIT).meta({ description: 'Steps in the page' }),
  }),
  responses: {
    200: { description: 'A page of steps, oldest first', schema: projectionStepsSchema },
    404: '`projection_not_found`, `document_not_found` (no event touched it), or `account_not_found`',
  },
  handle: async ({ params: { name, id }, query: { from, limit } }): Promise<ProjectionSteps> => {
    const started = performance.now();
    const projection = projectionOf(name);
    const scope = documentScope(name, id);
    const page = await projectionSteps(projection, id, scopeChunks(webRuntime().store, scope), { from, limit });
    if (page.total === 0 && page.complete && !page.failure) throw new NotFoundError(`No event touched document ${id} of projection ${name}`, 'document_not_found');
    return { projection: name, documentId: id, scope, from, limit, ...page, elapsedMs: Math.round(performance.now() - started) };
  },
});

export const projectionDocumentBlame = defineRoute({
  method: 'GET',
  path: '/api/projections/{name}/documents/{id}/blame',
  operationId: 'getProjectionDocumentBlame',
  summary: 'Every event that changed one field of a projection document',
  description: `The instrumented fold of the stream blame (\`/api/streams/{streamId}/blame\`) over the projection's own \`evolve\`: each change with its event, stream and step. ${BOUND}`,
  tag: 'debugger',
  auth: documentReaders,
  params: documentPath,
  invalidParams: invalidDocument,
  query: z.object({ path: blamePathSchema.meta({ description: 'A field of the document, e.g. `balance`' }) }),
  responses: {
    200: { description: 'The changes, oldest first', schema: projectionBlameSchema },
    404: '`projection_not_found`, `document_not_found` (no event touched it), or `account_not_found`',
  },
  handle: async ({ params: { name, id }, query: { path } }): Promise<ProjectionBlame> => {
    const started = performance.now();
    const projection = projectionOf(name);
    const { touched, ...blamed } = await blameProjectionDocument(projection, id, scopeChunks(webRuntime().store, documentScope(name, id)), path);
    if (touched === 0 && blamed.complete) throw new NotFoundError(`No event touched document ${id} of projection ${name}`, 'document_not_found');
    return { projection: name, documentId: id, ...blamed, elapsedMs: Math.round(performance.now() - started) };
  },
});
