import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AggregateRegistry } from '../../core/aggregate-registry';
import { AGGREGATES } from '../../runtime/aggregates';
import { catalogueRoutes, type CataloguedRoute } from '../http/testing/route-catalogue';
import { apiDocument, apiRoutes } from './api';

/*
 * The document and the route files agree: every documented operation is served by a route file
 * under app/api (found as Next finds it: static segments before dynamic ones), and every handler a
 * route file exports serves at least one documented operation.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const segments = (pattern: string) => pattern.split('/').filter(Boolean);
const isDynamic = (segment: string) => /^\[\w+\]$/.test(segment);

/** Next's order: at the first segment where two patterns differ, a static segment wins over a dynamic one. */
const bySpecificity = (a: CataloguedRoute, b: CataloguedRoute): number => {
  const [left, right] = [segments(a.pattern), segments(b.pattern)];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const order = Number(isDynamic(left[index]!)) - Number(isDynamic(right[index]!));
    if (order !== 0) return order;
  }
  return left.length - right.length;
};

const matches = (pattern: string, path: string): boolean => {
  const [want, have] = [segments(pattern), segments(path)];
  return want.length === have.length && want.every((segment, index) => isDynamic(segment) || segment === have[index]);
};

/** The route file Next would pick for a documented path; `{param}` stands for any value. */
const servedBy = (files: CataloguedRoute[], path: string): string | undefined => {
  const concrete = path.replace(/\{(\w+)\}/g, 'sample-$1');
  return [...new Set(files.sort(bySpecificity).map((file) => file.pattern))].find((pattern) => matches(pattern, concrete));
};

let files: CataloguedRoute[];
beforeAll(async () => {
  files = await catalogueRoutes(ROOT);
}, 60_000);

describe('app/api and the API document', () => {
  const registry = new AggregateRegistry(AGGREGATES);
  const document = apiDocument(registry) as unknown as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ path, method: method.toUpperCase() })));

  it('serves every documented operation from a route file that exports its method', () => {
    expect(documented.length).toBe(apiRoutes(registry).length);
    for (const { path, method } of documented) {
      const pattern = servedBy(files, path);
      expect(pattern, `${method} ${path} has no route file`).toBeDefined();
      expect(files.some((file) => file.pattern === pattern && file.method === method), `${method} ${path}: ${pattern} exports no ${method}`).toBe(true);
    }
  });

  it('documents every handler a route file exports', () => {
    const served = new Set(documented.map(({ path, method }) => `${method} ${servedBy(files, path)}`));
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const file of files) expect(served.has(`${file.method} ${file.pattern}`), `${file.method} ${file.pattern} is not in the document`).toBe(true);
  });

  it('routes the registry commands to the dynamic command routes, and reads to their own files', () => {
    expect(servedBy(files, '/api/accounts/{accountId}/deposit')).toBe('/api/[collection]/[id]/[command]');
    expect(servedBy(files, '/api/accounts/{accountId}/summary')).toBe('/api/accounts/[accountId]/summary');
    expect(servedBy(files, '/api/transfers')).toBe('/api/[collection]');
    expect(servedBy(files, '/api/accounts')).toBe('/api/accounts');
  });
});
