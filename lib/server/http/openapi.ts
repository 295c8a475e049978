import { z } from 'zod';
import { ACCOUNT_RULES, type AccountRuleCode } from '../../domain/account/rules';
import { ACCOUNT_COMMANDS, accountIdSchema, commandIdSchema, type AccountCommandName } from '../../commands/account-commands';
import { MAX_BODY_BYTES } from './json-body';
import { withAuthApi } from './openapi-auth';
import { jsonResponse } from './responses';
import { expectedVersionSchema } from './request-context';
import { commandResultSchema, errorBodySchema, recordedEventSchema, STREAM_EVENT_FORMS, streamEventSchema, streamEventsSchema } from './schemas';
import { DEFAULT_EVENTS_LIMIT, MAX_EVENTS_LIMIT, streamIdSchema } from './stream-query';
import { withAuditApi } from './openapi-audit';
import { withDebuggerApi } from './openapi-debugger';
import { withReadApi } from './openapi-read';
import { EVENTS_STREAM_PATH, eventsStreamPathItem } from './openapi-events';
import { withTransfersApi } from './openapi-transfers';
import { OPERATIONS_PATHS, OPERATIONS_TAG } from './openapi-operations';

/**
 * The OpenAPI 3.1 description of the JSON API, generated from the zod schemas
 * that validate requests and shape responses, so the two cannot drift apart.
 */
type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };
type Document = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };
type Operation = { operationId: string; summary: string; [key: string]: unknown };

const schemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest as JsonSchema;
};

const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });

type CommandDoc = { path: string; operationId: string; summary: string; request: string; status: 200 | 201; rules: AccountRuleCode[] };

const COMMAND_DOCS: Record<AccountCommandName, CommandDoc> = {
  open: {
    path: '/api/accounts',
    operationId: 'openAccount',
    summary: 'Open an account',
    request: 'OpenAccountRequest',
    status: 201,
    rules: ['account_already_exists'],
  },
  deposit: {
    path: '/api/accounts/{accountId}/deposit',
    operationId: 'depositMoney',
    summary: 'Deposit money',
    request: 'MoneyMovementRequest',
    status: 200,
    rules: ['account_closed', 'currency_mismatch', 'balance_limit_exceeded'],
  },
  withdraw: {
    path: '/api/accounts/{accountId}/withdraw',
    operationId: 'withdrawMoney',
    summary: 'Withdraw money',
    request: 'MoneyMovementRequest',
    status: 200,
    rules: ['account_closed', 'currency_mismatch', 'insufficient_funds'],
  },
  close: {
    path: '/api/accounts/{accountId}/close',
    operationId: 'closeAccount',
    summary: 'Close an account',
    request: 'CloseAccountRequest',
    status: 200,
    rules: ['account_closed', 'balance_not_zero'],
  },
  interest: {
    path: '/api/accounts/{accountId}/interest',
    operationId: 'applyInterest',
    summary: 'Apply interest for a period',
    request: 'ApplyInterestRequest',
    status: 200,
    rules: ['account_closed', 'interest_already_applied', 'no_interest_due', 'balance_limit_exceeded'],
  },
};

/** The command's own schema plus the reserved fields the edge strips before validating it. */
const commandRequestSchema = (name: AccountCommandName): JsonSchema => {
  const base = schemaOf(ACCOUNT_COMMANDS[name].input, 'input');
  return {
    ...base,
    properties: {
      ...base.properties,
      commandId: { ...schemaOf(commandIdSchema), description: 'Idempotency key; same as the Idempotency-Key header' },
      expectedVersion: { ...schemaOf(expectedVersionSchema), description: 'Optimistic concurrency; same as the If-Match header' },
    },
  };
};

const commandOperation = (name: AccountCommandName): Operation => {
  const doc = COMMAND_DOCS[name];
  const rules = doc.rules.map((code) => `\`${code}\`: ${ACCOUNT_RULES[code]}`).join('; ');
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    tags: ['accounts'],
    parameters: [
      ...(name === 'open' ? [] : [ref('parameters', 'AccountId')]),
      ref('parameters', 'IdempotencyKey'),
      ref('parameters', 'IfMatch'),
    ],
    requestBody: { required: name !== 'close', content: json(ref('schemas', doc.request)) },
    responses: {
      [doc.status]: {
        description: name === 'open' ? 'Account opened' : 'Command applied',
        headers: { ETag: ref('headers', 'ETag'), 'Idempotent-Replayed': ref('headers', 'IdempotentReplayed') },
        content: json(ref('schemas', 'CommandResult')),
      },
      400: ref('responses', 'BadRequest'),
      ...(name === 'open' ? {} : { 404: ref('responses', 'AccountNotFound') }),
      409: ref('responses', 'Conflict'),
      413: ref('responses', 'PayloadTooLarge'),
      415: ref('responses', 'UnsupportedMediaType'),
      422: { description: `A business rule refused the command. Codes: ${rules}`, content: json(ref('schemas', 'Error')) },
      500: ref('responses', 'InternalError'),
      503: ref('responses', 'Unavailable'),
    },
  };
};

const errorResponse = (description: string) => ({ description, content: json(ref('schemas', 'Error')) });

const buildDocument = (): Document => ({
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'Chronicle API',
    version: '0.1.0',
    description:
      'Commands on bank accounts and the raw event streams they produce. Amounts are integers in minor units (cents). ' +
      'Every command may carry an idempotency key and an expected stream version.',
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'accounts', description: 'Account commands' },
    { name: 'streams', description: 'Recorded events' },
    { name: 'meta', description: 'This document' },
    OPERATIONS_TAG,
  ],
  paths: {
    [EVENTS_STREAM_PATH]: eventsStreamPathItem,
    ...OPERATIONS_PATHS,
    ...Object.fromEntries(
      (Object.keys(COMMAND_DOCS) as AccountCommandName[]).map((name) => [COMMAND_DOCS[name].path, { post: commandOperation(name) }]),
    ),
    '/api/streams/{streamId}/events': {
      get: {
        operationId: 'getStreamEvents',
        summary: "Read a stream's events",
        description:
          'Stored events never change; older schema versions are upcast on read, one version at a time, to the version ' +
          'this application writes today. By default events come upcast (`form: current`), each with the `storedSchemaVersion` ' +
          'it was recorded at; `raw=1` returns them exactly as stored (`form: stored`), e.g. to compare both forms. ' +
          "An event's `hash` always covers its stored form, so verify the chain over `raw=1`.",
        tags: ['streams'],
        parameters: [
          ref('parameters', 'StreamId'),
          ref('parameters', 'FromVersion'),
          ref('parameters', 'ToVersion'),
          ref('parameters', 'Limit'),
          ref('parameters', 'Raw'),
        ],
        responses: {
          200: { description: 'Events in version order', content: json(ref('schemas', 'StreamEvents')) },
          400: ref('responses', 'BadRequest'),
          404: errorResponse('`stream_not_found`: the stream has no events'),
          500: ref('responses', 'InternalError'),
          503: ref('responses', 'Unavailable'),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI document',
        tags: ['meta'],
        responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    schemas: {
      OpenAccountRequest: commandRequestSchema('open'),
      MoneyMovementRequest: commandRequestSchema('deposit'),
      CloseAccountRequest: commandRequestSchema('close'),
      ApplyInterestRequest: commandRequestSchema('interest'),
      CommandResult: schemaOf(commandResultSchema),
      Error: schemaOf(errorBodySchema),
      RecordedEvent: schemaOf(recordedEventSchema),
      StreamEvent: schemaOf(streamEventSchema),
      StreamEvents: {
        ...schemaOf(streamEventsSchema),
        properties: {
          streamId: { type: 'string' },
          form: { ...schemaOf(streamEventsSchema.shape.form) },
          events: { type: 'array', items: ref('schemas', 'StreamEvent') },
        },
      },
    },
    parameters: {
      AccountId: { name: 'accountId', in: 'path', required: true, schema: schemaOf(accountIdSchema) },
      StreamId: {
        name: 'streamId',
        in: 'path',
        required: true,
        description: '`{category}-{id}`, e.g. `account-<accountId>`',
        schema: schemaOf(streamIdSchema),
      },
      IdempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        description: 'Command id. Sending it again returns the first answer and writes nothing.',
        schema: schemaOf(commandIdSchema),
      },
      IfMatch: {
        name: 'If-Match',
        in: 'header',
        description: 'Expected stream version: `3`, `"3"` (the ETag of a previous answer) or `*` (the stream must exist). A mismatch is 409.',
        schema: { type: 'string', pattern: '^(\\d+|"\\d+"|\\*)$' },
      },
      FromVersion: { name: 'fromVersion', in: 'query', description: 'First version, inclusive (default 1)', schema: { type: 'integer', minimum: 1 } },
      ToVersion: { name: 'toVersion', in: 'query', description: 'Last version, inclusive', schema: { type: 'integer', minimum: 1 } },
      Raw: {
        name: 'raw',
        in: 'query',
        description: `\`1\`: the events as stored, schema versions as recorded. Default \`0\`: upcast to the current versions. Forms: ${STREAM_EVENT_FORMS.join(', ')}.`,
        schema: { type: 'string', enum: ['0', '1', 'false', 'true'], default: '0' },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        schema: { type: 'integer', minimum: 1, maximum: MAX_EVENTS_LIMIT, default: DEFAULT_EVENTS_LIMIT },
      },
    },
    headers: {
      ETag: { description: 'The stream version after the command, quoted; usable as If-Match', schema: { type: 'string' } },
      IdempotentReplayed: { description: '`true` when the command id had been handled before and nothing was written', schema: { type: 'string', enum: ['true'] } },
    },
    responses: {
      BadRequest: errorResponse('`validation_failed` (with per-field `issues`) or `invalid_json`; nothing was written'),
      AccountNotFound: errorResponse('`account_not_found`'),
      Conflict: errorResponse('`version_conflict`: the stream is not at the expected version; nothing was written'),
      PayloadTooLarge: errorResponse(`\`payload_too_large\`: the body exceeds ${MAX_BODY_BYTES} bytes`),
      UnsupportedMediaType: errorResponse('`unsupported_media_type`: send application/json'),
      InternalError: errorResponse('`internal_error`: unexpected; no detail is given'),
      Unavailable: errorResponse('`unavailable`: the database could not be reached; retry later'),
    },
  },
});

let cached: Document | undefined;

export const openApiDocument = (): Document => (cached ??= withAuthApi(withDebuggerApi(withTransfersApi(withAuditApi(withReadApi(buildDocument()))))));

/** Method, path and summary of every operation, for the landing page. */
export const apiQuickReference = (): Array<{ method: string; path: string; summary: string }> =>
  Object.entries(openApiDocument().paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, summary: operation.summary })),
  );

/** GET /api/openapi.json */
export const openApiRoute = () => (): Response => jsonResponse(openApiDocument());
