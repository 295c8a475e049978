import { z } from 'zod';
import {
  ACCOUNT_SORTS,
  ACCOUNT_STATUSES,
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  SORT_DIRECTIONS,
} from '../../read/queries/account-queries';
import { DEFAULT_STATS_DAYS, MAX_STATS_DAYS } from '../../read/queries/bank-queries';
import { PROJECTIONS } from '../../projections/registry';
import { DEFAULT_WAIT_MS, MAX_WAIT_MS, RETRY_AFTER_SECONDS } from './read-query';
import {
  accountPageSchema,
  accountSummarySchema,
  bankStatsSchema,
  projectionsSchema,
  projectionStatusSchema,
  readModelBehindSchema,
  retryProjectionSchema,
  transactionPageSchema,
  transactionSchema,
} from './read-schemas';

/**
 * The read routes' part of the OpenAPI document, merged into the one built in
 * openapi.ts by `withReadApi`. It refers to that document's shared components
 * (AccountId, Error, BadRequest, AccountNotFound, InternalError).
 */
type JsonSchema = Record<string, unknown>;
type Operation = { operationId: string; summary: string; [key: string]: unknown };
type PathItems = Record<string, Record<string, Operation>>;
type Components = Record<string, Record<string, unknown>>;

const schemaOf = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
  return rest;
};

const ref = (kind: 'schemas' | 'parameters' | 'responses' | 'headers', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const query = (name: string, description: string, schema: JsonSchema) => ({ name, in: 'query', description, schema });

const propertiesOf = (schema: z.ZodType) => (schemaOf(schema).properties ?? {}) as Record<string, unknown>;

/** A page whose items refer to a named schema rather than repeating it. */
const pageProperties = (item: string) => ({ ...propertiesOf(accountPageSchema), items: { type: 'array', items: ref('schemas', item) } });

const CONSISTENCY = [ref('parameters', 'AfterPosition'), ref('parameters', 'WaitMs')];

const ok = (description: string, schema: string) => ({
  description,
  headers: { 'X-Read-Position': ref('headers', 'ReadPosition') },
  content: json(ref('schemas', schema)),
});

const readOperation = (operation: Operation & { parameters?: unknown[]; responses: Record<string, unknown> }): Operation => ({
  ...operation,
  parameters: [...(operation.parameters ?? []), ...CONSISTENCY],
  responses: {
    ...operation.responses,
    400: ref('responses', 'BadRequest'),
    500: ref('responses', 'InternalError'),
    503: ref('responses', 'ReadModelBehind'),
  },
});

export const readApiPaths = (): PathItems => ({
  '/api/accounts': {
    get: readOperation({
      operationId: 'listAccounts',
      summary: 'List accounts',
      description:
        'Account summaries, filtered by exact owner and status, sorted, one page at a time. Ties on the sort key are broken by account id, ' +
        'so walking `nextCursor` visits every account exactly once.',
      tags: ['read'],
      parameters: ['Owner', 'Status', 'Sort', 'Direction', 'PageLimit', 'Cursor'].map((name) => ref('parameters', name)),
      responses: { 200: ok('A page of account summaries', 'AccountPage') },
    }),
  },
  '/api/accounts/{accountId}/summary': {
    get: readOperation({
      operationId: 'getAccountSummary',
      summary: "An account's summary",
      tags: ['read'],
      parameters: [ref('parameters', 'AccountId')],
      responses: { 200: ok('Balance, status and dates of the account', 'AccountSummary'), 404: ref('responses', 'AccountNotFound') },
    }),
  },
  '/api/accounts/{accountId}/transactions': {
    get: readOperation({
      operationId: 'listAccountTransactions',
      summary: "An account's transactions",
      description: 'Money movements with the balance after each, by account version (newest first unless `direction=asc`).',
      tags: ['read'],
      parameters: [ref('parameters', 'AccountId'), ref('parameters', 'TransactionDirection'), ref('parameters', 'PageLimit'), ref('parameters', 'Cursor')],
      responses: { 200: ok('A page of transactions', 'TransactionPage'), 404: ref('responses', 'AccountNotFound') },
    }),
  },
  '/api/stats': {
    get: readOperation({
      operationId: 'getBankStats',
      summary: 'Bank-wide statistics',
      tags: ['read'],
      parameters: [ref('parameters', 'Days')],
      responses: { 200: ok('Accounts by status, balances by currency, daily flows (UTC days)', 'BankStats') },
    }),
  },
  '/api/projections': {
    get: readOperation({
      operationId: 'listProjections',
      summary: 'Projection status',
      description: 'Per projection: status, active generation, checkpoint, lag behind the event store, last error and any rebuild in progress.',
      tags: ['projections'],
      responses: { 200: ok('Every projection', 'Projections') },
    }),
  },
  '/api/projections/{name}/retry': {
    post: {
      operationId: 'retryProjection',
      summary: 'Retry a failed projection',
      description: 'Resumes the failed generation(s) of a projection from their checkpoint: the event it failed on is folded again.',
      tags: ['projections'],
      parameters: [ref('parameters', 'ProjectionName')],
      responses: {
        200: { description: 'Resumed', content: json(ref('schemas', 'RetryProjectionResult')) },
        404: { description: '`projection_not_found`', content: json(ref('schemas', 'Error')) },
        422: { description: '`projection_not_failed`: nothing to retry', content: json(ref('schemas', 'Error')) },
        500: ref('responses', 'InternalError'),
      },
    },
  },
});

export const readApiComponents = (): Components => ({
  schemas: {
    AccountSummary: schemaOf(accountSummarySchema),
    AccountPage: { ...schemaOf(accountPageSchema), properties: pageProperties('AccountSummary') },
    Transaction: schemaOf(transactionSchema),
    TransactionPage: { ...schemaOf(transactionPageSchema), properties: pageProperties('Transaction') },
    BankStats: schemaOf(bankStatsSchema),
    ProjectionStatus: schemaOf(projectionStatusSchema),
    Projections: { ...schemaOf(projectionsSchema), properties: { projections: { type: 'array', items: ref('schemas', 'ProjectionStatus') } } },
    RetryProjectionResult: { ...schemaOf(retryProjectionSchema), properties: { ...propertiesOf(retryProjectionSchema), projection: ref('schemas', 'ProjectionStatus') } },
    ReadModelBehind: schemaOf(readModelBehindSchema),
  },
  parameters: {
    AfterPosition: query(
      'after_position',
      'Read-your-writes: a `globalPosition` a command answered. The answer waits until every projection has folded it.',
      { type: 'integer', minimum: 0 },
    ),
    WaitMs: query('wait_ms', 'How long to wait for `after_position` before answering 503', {
      type: 'integer',
      minimum: 0,
      maximum: MAX_WAIT_MS,
      default: DEFAULT_WAIT_MS,
    }),
    Owner: query('owner', 'Exact owner name (case-sensitive)', { type: 'string', minLength: 1, maxLength: 100 }),
    Status: query('status', 'Account status', schemaOf(z.enum(ACCOUNT_STATUSES))),
    Sort: query('sort', 'Sort key', { ...schemaOf(z.enum(ACCOUNT_SORTS)), default: 'opened' }),
    Direction: query('direction', 'Default `desc` (newest, richest, most recently active first), `asc` for `sort=owner`', schemaOf(z.enum(SORT_DIRECTIONS))),
    TransactionDirection: query('direction', 'By account version', { ...schemaOf(z.enum(SORT_DIRECTIONS)), default: 'desc' }),
    PageLimit: query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT }),
    Cursor: query('cursor', 'Opaque: the `nextCursor` of the previous page, with the same sort and direction', {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]+$',
    }),
    Days: query('days', 'Daily flows of this many UTC days, ending today', {
      type: 'integer',
      minimum: 1,
      maximum: MAX_STATS_DAYS,
      default: DEFAULT_STATS_DAYS,
    }),
    ProjectionName: {
      name: 'name',
      in: 'path',
      required: true,
      schema: { type: 'string', enum: PROJECTIONS.map((projection) => projection.name) },
    },
  },
  headers: {
    ReadPosition: {
      description: 'The read models answered from had folded every event up to this global position (at least)',
      schema: { type: 'integer', minimum: 0 },
    },
    RetryAfter: { description: 'Seconds to wait before asking again', schema: { type: 'integer', minimum: 1 } },
  },
  responses: {
    ReadModelBehind: {
      description:
        `\`read_model_behind\`: the read models did not reach \`after_position\` within \`wait_ms\` (with each projection's lag; retry after ${RETRY_AFTER_SECONDS} s), ` +
        'or `unavailable`: the database could not be reached',
      headers: { 'Retry-After': ref('headers', 'RetryAfter'), 'X-Read-Position': ref('headers', 'ReadPosition') },
      content: json({ anyOf: [ref('schemas', 'ReadModelBehind'), ref('schemas', 'Error')] }),
    },
  },
});

export const READ_API_TAGS = [
  { name: 'read', description: 'Read models: accounts, transactions, statistics. Every answer carries X-Read-Position.' },
  { name: 'projections', description: 'The projections that build the read models' },
];

type MergeableDocument = { paths: PathItems; components?: unknown; tags?: unknown } & Record<string, unknown>;

/** The document with the read routes added (to path items that exist too, e.g. GET beside POST /api/accounts). Idempotent. */
export const withReadApi = <D extends MergeableDocument>(document: D): D => {
  const paths: PathItems = { ...document.paths };
  for (const [path, operations] of Object.entries(readApiPaths())) paths[path] = { ...paths[path], ...operations };
  const components = { ...((document.components ?? {}) as Components) };
  for (const [kind, entries] of Object.entries(readApiComponents())) components[kind] = { ...components[kind], ...entries };
  const tags = (Array.isArray(document.tags) ? document.tags : []) as Array<{ name: string }>;
  return {
    ...document,
    tags: [...tags, ...READ_API_TAGS.filter((tag) => !tags.some((existing) => existing.name === tag.name))],
    paths,
    components,
  };
};
