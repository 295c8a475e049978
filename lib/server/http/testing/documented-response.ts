import { expect } from 'vitest';
import type { RouteDefinition } from '../define-route';

/**
 * Checks a real answer against what its route definition documents for that status: the status
 * is documented, a JSON body meets its schema (a non-JSON one has the documented media type), and
 * every documented header that is not optional is there. Returns the parsed JSON body, if any.
 */
export const expectDocumented = async <T = unknown>(route: RouteDefinition, response: Response): Promise<T> => {
  const label = `${route.method} ${route.path} → ${response.status}`;
  const doc = route.responses[response.status];
  expect(doc, `${label} is not documented`).toBeDefined();
  for (const [name, schema] of Object.entries(doc!.headers?.shape ?? {})) {
    if (!(schema as { safeParse: (value: unknown) => { success: boolean } }).safeParse(undefined).success) {
      expect(response.headers.get(name), `${label} lacks the ${name} header`).not.toBeNull();
    }
  }
  if (doc!.contentType) {
    expect(response.headers.get('content-type'), label).toContain(doc!.contentType);
    return undefined as T;
  }
  const text = await response.clone().text();
  if (!doc!.schema) {
    expect(text, `${label} should have no body`).toBe('');
    return undefined as T;
  }
  expect(response.headers.get('content-type'), label).toContain('application/json');
  const body = JSON.parse(text) as unknown;
  const parsed = doc!.schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${label}: ${text.slice(0, 300)}`).toEqual([]);
  return body as T;
};
