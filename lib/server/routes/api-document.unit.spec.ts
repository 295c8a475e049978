import { describe, expect, it } from 'vitest';
import { isPublicCommand } from '../../core/aggregate';
import { AggregateRegistry } from '../../core/aggregate-registry';
import { AGGREGATES } from '../../runtime/aggregates';
import { consistencyParams } from '../http/read-your-writes';
import { accountTransactionsParams, bankStatsParams, listAccountsParams } from '../http/read-query';
import { apiDocument, apiQuickReference, openApiJson } from './api';

type Parameter = { name: string; in: string; required?: boolean };
type Operation = {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  security?: unknown[];
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  security?: unknown[];
  components: Record<string, Record<string, unknown>>;
};

const load = async (): Promise<Doc> => {
  const response = await openApiJson.handler(new Request('http://chronicle.test/api/openapi.json'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as Doc;
};

/** Every `$ref` in the document, with where it was found. */
const refsOf = (value: unknown, at = '#'): Array<{ at: string; ref: string }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' && typeof child === 'string' ? [{ at, ref: child }] : refsOf(child, `${at}/${key}`)));
};

const resolve = (doc: Doc, parameter: Parameter | { $ref: string }): Parameter => {
  if (!('$ref' in parameter)) return parameter;
  const [, kind, name] = /^#\/components\/(\w+)\/([\w-]+)$/.exec(parameter.$ref)!;
  return doc.components[kind!]![name!] as Parameter;
};

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document with one path per registered command and per route definition', async () => {
    const doc = await load();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBe('Chronicle API');
    expect(doc.paths['/api/accounts']?.post?.responses).toHaveProperty('201');
    expect(Object.keys(doc.paths['/api/accounts']!).sort()).toEqual(['get', 'post']);
    for (const command of ['deposit', 'withdraw', 'close', 'interest']) {
      const operation = doc.paths[`/api/accounts/{accountId}/${command}`]?.post;
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '415', '422', '503']));
      expect(operation?.requestBody).toBeDefined();
      expect(operation?.responses['200']?.headers).toHaveProperty('ETag');
    }
    expect(doc.paths['/api/transfers']?.post?.responses).toHaveProperty('202');
    expect(doc.paths['/api/transfers']?.post?.responses).not.toHaveProperty('409');
    expect(Object.keys(doc.paths['/api/streams/{streamId}/events']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(doc.security).toEqual([{ basicAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths['/api/openapi.json']?.get?.security).toEqual([]);
    expect(doc.paths['/api/session']?.post?.responses).toHaveProperty('429');
    expect(doc.paths['/api/stats']?.get?.responses).toHaveProperty('401');
    expect(doc.paths['/api/audit/events.csv']?.get?.responses['200']?.content).toHaveProperty(['text/csv']);
    expect(doc.paths['/api/events/stream']?.get?.responses['200']?.content).toHaveProperty(['text/event-stream']);
    const operationIds = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('documents each command with its rule codes, from the registry', async () => {
    const doc = await load();
    const registry = new AggregateRegistry(AGGREGATES);
    for (const { aggregate, name, spec } of registry.commands().filter((command) => isPublicCommand(command.spec))) {
      const path = spec.creates ? `/api/${aggregate.collection}` : `/api/${aggregate.collection}/{${aggregate.idField}}/${name}`;
      const operation = doc.paths[path]?.post;
      expect(operation?.operationId, path).toBeDefined();
      const refused = JSON.stringify(operation?.responses['422'] ?? {});
      for (const rule of spec.rules) expect(refused, `${path} ${rule}`).toContain(rule);
    }
  });

  it('derives request bodies from the command schemas, reserved fields included', async () => {
    const { components } = await load();
    const open = components.schemas?.OpenAccountRequest as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(open.required.sort()).toEqual(['currency', 'owner']);
    expect(open.additionalProperties).toBe(false);
    expect(Object.keys(open.properties)).toEqual(expect.arrayContaining(['owner', 'currency', 'overdraftLimit', 'commandId', 'expectedVersion']));
    const movement = components.schemas?.DepositMoneyRequest as { properties: { amount: Record<string, unknown> } };
    expect(movement.properties.amount).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(Object.keys((components.schemas?.RequestTransferRequest as { properties: object }).properties)).not.toContain('expectedVersion');
    expect(components.schemas?.Error).toMatchObject({ type: 'object', required: ['error'] });
  });

  it('documents exactly the query parameters each read route accepts, and the request headers of commands', async () => {
    const doc = await load();
    const names = (path: string, where = 'query', method = 'get') =>
      (doc.paths[path]![method]!.parameters ?? []).map((parameter) => resolve(doc, parameter)).filter((p) => p.in === where).map((p) => p.name).sort();
    const consistency = Object.keys(consistencyParams.shape);
    expect(names('/api/accounts')).toEqual([...Object.keys(listAccountsParams.shape), ...consistency].sort());
    expect(names('/api/accounts/{accountId}/transactions')).toEqual([...Object.keys(accountTransactionsParams.shape), ...consistency].sort());
    expect(names('/api/stats')).toEqual([...Object.keys(bankStatsParams.shape), ...consistency].sort());
    expect(names('/api/projections')).toEqual([...consistency].sort());
    expect(names('/api/accounts/{accountId}/deposit', 'header', 'post')).toEqual(['Idempotency-Key', 'If-Match']);
    expect(names('/api/accounts/{accountId}/deposit', 'path', 'post')).toEqual(['accountId']);
  });

  it('resolves every $ref and carries no JSON Schema dialect markers', async () => {
    const doc = await load();
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const { at, ref } of refs) {
      const [, kind, name] = /^#\/components\/(\w+)\/([\w-]+)$/.exec(ref) ?? [];
      expect(doc.components[kind ?? '']?.[name ?? ''], `${ref} at ${at}`).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('is built once per registry of aggregates', () => {
    const registry = new AggregateRegistry(AGGREGATES);
    expect(apiDocument(registry)).toBe(apiDocument(registry));
  });

  it('feeds the landing page quick reference', () => {
    expect(apiQuickReference()).toContainEqual({ method: 'POST', path: '/api/accounts', summary: 'Open an account' });
  });
});
