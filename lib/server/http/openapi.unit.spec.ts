import { describe, expect, it } from 'vitest';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { apiQuickReference } from './openapi';

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown>; security?: unknown[] }>>;
  security?: unknown[];
  components: Record<string, Record<string, unknown>>;
};

const load = async (): Promise<Doc> => {
  const response = openApiRoute();
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as Doc;
};

/** Every `$ref` in the document, with where it was found. */
const refsOf = (value: unknown, at = '#'): Array<{ at: string; ref: string }> => {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${at}/${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [{ at, ref: child }] : refsOf(child, `${at}/${key}`),
  );
};

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document describing every route', async () => {
    const doc = await load();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBe('Chronicle API');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/accounts',
        '/api/accounts/{accountId}/close',
        '/api/accounts/{accountId}/deposit',
        '/api/accounts/{accountId}/interest',
        '/api/accounts/{accountId}/state',
        '/api/accounts/{accountId}/summary',
        '/api/accounts/{accountId}/transactions',
        '/api/accounts/{accountId}/withdraw',
        '/api/audit/events',
        '/api/audit/events.csv',
        '/api/audit/events.jsonl',
        '/api/audit/fingerprint',
        '/api/audit/proof',
        '/api/audit/verification',
        '/api/bank/totals',
        '/api/events/stream',
        '/api/notifications',
        '/api/openapi.json',
        '/api/outbox',
        '/api/outbox/parked',
        '/api/outbox/parked/{position}/retry',
        '/api/projections',
        '/api/projections/{name}/retry',
        '/api/session',
        '/api/stats',
        '/api/streams/{streamId}/events',
        '/api/streams/{streamId}/verification',
        '/api/transfers',
        '/api/transfers/{transferId}',
        '/api/streams/{streamId}/state',
        '/api/streams/{streamId}/state/snapshots',
        '/api/streams/{streamId}/state/test-case',
        '/api/streams/{streamId}/timeline',
        '/api/streams/{streamId}/timeline/breakpoints',
        '/api/commands/{commandId}',
      ].sort(),
    );
    expect(doc.paths['/api/accounts']?.post?.responses).toHaveProperty('201');
    for (const command of ['deposit', 'withdraw', 'close', 'interest']) {
      const operation = doc.paths[`/api/accounts/{accountId}/${command}`]?.post;
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '422', '503']));
      expect(operation?.requestBody).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/streams/{streamId}/events']?.get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '404']),
    );
    expect(doc.security).toEqual([{ basicAuth: [] }, { sessionCookie: [] }]);
    expect(doc.paths['/api/openapi.json']?.get?.security).toEqual([]);
    expect(doc.paths['/api/session']?.post?.responses).toHaveProperty('429');
    expect(doc.paths['/api/stats']?.get?.responses).toHaveProperty('401');
    const operationIds = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
  });

  it('derives request bodies from the command schemas, reserved fields included', async () => {
    const { components } = await load();
    const open = components.schemas?.OpenAccountRequest as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(open.required.sort()).toEqual(['currency', 'owner']);
    expect(open.additionalProperties).toBe(false);
    expect(Object.keys(open.properties)).toEqual(expect.arrayContaining(['owner', 'currency', 'overdraftLimit', 'commandId', 'expectedVersion']));
    const movement = components.schemas?.MoneyMovementRequest as { properties: { amount: Record<string, unknown> } };
    expect(movement.properties.amount).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(components.schemas?.Error).toMatchObject({ type: 'object', required: ['error'] });
  });

  it('documents the shared headers and resolves every $ref', async () => {
    const doc = await load();
    const headerNames = Object.values(doc.components.parameters ?? {}).map((parameter) => (parameter as { name: string }).name);
    expect(headerNames).toEqual(expect.arrayContaining(['Idempotency-Key', 'If-Match']));
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const { at, ref } of refs) {
      const [, kind, name] = /^#\/components\/(\w+)\/([\w-]+)$/.exec(ref) ?? [];
      expect(doc.components[kind ?? '']?.[name ?? ''], `${ref} at ${at}`).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('feeds the landing page quick reference', () => {
    expect(apiQuickReference()).toContainEqual({ method: 'POST', path: '/api/accounts', summary: 'Open an account' });
  });
});
