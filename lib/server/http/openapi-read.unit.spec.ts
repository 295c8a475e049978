import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';
import { readApiPaths, withReadApi } from './openapi-read';
import { accountTransactionsParams, bankStatsParams, consistencyParams, listAccountsParams } from './read-query';

type Parameter = { name: string; in: string };
type Doc = {
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, { operationId: string; parameters?: Array<Parameter | { $ref: string }>; responses: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
};

const merged = () => JSON.parse(JSON.stringify(withReadApi(openApiDocument()))) as Doc;

const refsOf = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' && typeof child === 'string' ? [child] : refsOf(child)));
};

const resolve = (doc: Doc, parameter: Parameter | { $ref: string }): Parameter => {
  if (!('$ref' in parameter)) return parameter;
  const [, kind, name] = /^#\/components\/(\w+)\/([\w-]+)$/.exec(parameter.$ref)!;
  return doc.components[kind!]![name!] as Parameter;
};

describe('the read routes in the OpenAPI document', () => {
  it('adds every read route beside the existing ones, GET and POST sharing /api/accounts', () => {
    const doc = merged();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([...Object.keys(openApiDocument().paths), ...Object.keys(readApiPaths())]));
    expect(Object.keys(doc.paths['/api/accounts']!).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/projections/{name}/retry']?.post?.responses).toHaveProperty('404');
    for (const path of ['/api/accounts', '/api/accounts/{accountId}/summary', '/api/accounts/{accountId}/transactions', '/api/stats', '/api/projections']) {
      expect(Object.keys(doc.paths[path]!.get!.responses)).toEqual(expect.arrayContaining(['200', '400', '503']));
    }
    const operationIds = Object.values(doc.paths).flatMap((operations) => Object.values(operations).map((op) => op.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(doc.tags.map((tag) => tag.name)).toEqual(expect.arrayContaining(['accounts', 'read', 'projections']));
  });

  it('resolves every $ref, and merging twice changes nothing', () => {
    const doc = merged();
    for (const ref of refsOf(doc)) {
      const [, kind, name] = /^#\/components\/(\w+)\/([\w-]+)$/.exec(ref) ?? [];
      expect(doc.components[kind ?? '']?.[name ?? ''], ref).toBeDefined();
    }
    expect(JSON.parse(JSON.stringify(withReadApi(withReadApi(openApiDocument()))))).toEqual(doc);
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });

  it('documents exactly the query parameters each route accepts', () => {
    const doc = merged();
    const names = (path: string) =>
      (doc.paths[path]!.get!.parameters ?? []).map((parameter) => resolve(doc, parameter)).filter((p) => p.in === 'query').map((p) => p.name).sort();
    const consistency = Object.keys(consistencyParams.shape);
    expect(names('/api/accounts')).toEqual([...Object.keys(listAccountsParams.shape), ...consistency].sort());
    expect(names('/api/accounts/{accountId}/transactions')).toEqual([...Object.keys(accountTransactionsParams.shape), ...consistency].sort());
    expect(names('/api/stats')).toEqual([...Object.keys(bankStatsParams.shape), ...consistency].sort());
    expect(names('/api/projections')).toEqual([...consistency].sort());
  });
});
