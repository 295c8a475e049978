import { z } from 'zod';
import { requestTransferInput } from '../../domain/transfer/commands';
import { commandIdSchema } from '../../commands/account-commands';
import { transferStatusSchema } from '../../transfer/transfer-view';

/* The transfer routes' part of the OpenAPI document, merged by `withTransfersApi`; uses the shared components of openapi.ts. */

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };
type MergeableDocument = { paths: Record<string, Record<string, unknown>>; components?: unknown; tags?: unknown };

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest as JsonSchema;
};
const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });

const linksSchema = z.object({ self: z.string(), events: z.string(), page: z.string(), debugger: z.string() });
const acceptedSchema = z.object({
  transferId: z.string(),
  status: transferStatusSchema.shape.status,
  globalPosition: z.number().int().describe('Position of the TransferRequested event'),
  links: linksSchema,
});

const requestSchema = (): JsonSchema => {
  const base = schemaOf(requestTransferInput, 'input');
  return { ...base, properties: { ...base.properties, commandId: { ...schemaOf(commandIdSchema), description: 'Idempotency key; same as the Idempotency-Key header' } } };
};

const STEPS =
  'The process manager debits the source, credits the destination and completes ' +
  '(TransferRequested → SourceDebited → DestinationCredited → TransferCompleted). If the destination refuses the credit ' +
  '(closed, unknown, another currency) or a step keeps failing past its timeout, the source is refunded ' +
  '(→ DestinationCreditFailed → SourceRefunded → TransferFailed). A source that refuses the debit (insufficient funds) ' +
  'ends it at once (→ SourceDebitFailed → TransferFailed) with no money moved.';

export const withTransfersApi = <D extends MergeableDocument>(document: D): D => {
  const components = { ...((document.components ?? {}) as Record<string, Record<string, unknown>>) };
  components.schemas = {
    ...components.schemas,
    TransferRequest: requestSchema(),
    TransferAccepted: schemaOf(acceptedSchema),
    TransferStatus: { ...schemaOf(transferStatusSchema.extend({ links: linksSchema })) },
  };
  const tags = (Array.isArray(document.tags) ? document.tags : []) as Array<{ name: string }>;
  return {
    ...document,
    tags: [...tags, { name: 'transfers', description: 'Money between two accounts, moved by a process manager' }],
    components,
    paths: {
      ...document.paths,
      '/api/transfers': {
        post: {
          operationId: 'requestTransfer',
          summary: 'Transfer money between accounts',
          description: `Records the request and answers 202 at once; follow \`links.self\` for progress. ${STEPS}`,
          tags: ['transfers'],
          parameters: [ref('parameters', 'IdempotencyKey')],
          requestBody: { required: true, content: json(ref('schemas', 'TransferRequest')) },
          responses: {
            202: {
              description: 'Transfer accepted; the money moves shortly',
              headers: { Location: { description: 'The transfer status', schema: { type: 'string' } }, 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') },
              content: json(ref('schemas', 'TransferAccepted')),
            },
            400: ref('responses', 'BadRequest'),
            413: ref('responses', 'PayloadTooLarge'),
            415: ref('responses', 'UnsupportedMediaType'),
            500: ref('responses', 'InternalError'),
            503: ref('responses', 'Unavailable'),
          },
        },
      },
      '/api/transfers/{transferId}': {
        get: {
          operationId: 'getTransfer',
          summary: "A transfer's status and steps",
          description: `Read from the transfer's own event stream. Each step names the account stream and version of its money movement. ${STEPS}`,
          tags: ['transfers'],
          parameters: [{ name: 'transferId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } }],
          responses: {
            200: { description: 'The transfer', content: json(ref('schemas', 'TransferStatus')) },
            404: { description: '`transfer_not_found`', content: json(ref('schemas', 'Error')) },
            500: ref('responses', 'InternalError'),
            503: ref('responses', 'Unavailable'),
          },
        },
      },
    },
  };
};
