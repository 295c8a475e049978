import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webRuntime } from '../web-runtime';
import { catalogueRoutes, fillPattern, type CataloguedRoute } from './testing/route-catalogue';
import { hostileBody, hostileHeaders, hostileQuery, hostileText } from './testing/hostile-input';
import { BASE, jsonRequest, params, signedInAs, useTemporaryEventStore, type TemporaryStore } from './test-support';

/*
 * Property-based fuzzing of every route handler under app/api: malformed,
 * oversized, wrongly typed, negative, enormous, unicode and injection-shaped
 * input. Never a 500, never a leaked stack trace, and a refused request
 * writes no event. FUZZ_RUNS raises the number of cases per route
 * (npm run test:reliability runs many more than the normal suite).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** A limit for a hang, not for a busy machine: at FUZZ_RUNS=1000 the ~45 routes take 8–10 minutes on two loaded cores. */
const TIME_LIMIT_MS = 600_000 + RUNS * 2_000;
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Text that gives away internals: stack frames, file paths, driver messages. */
const LEAK = /\n\s+at |node_modules|\/work\/|\.tsx?:\d+|SQLITE_|syntax error at or near|PrismaClient|TypeError|ReferenceError/;

let db: TemporaryStore;
let routes: CataloguedRoute[];
const known: Record<string, string[]> = {
  accountId: [],
  streamId: [],
  name: ['account-summary', 'bank-totals'],
  // The registry's command routes (app/api/[collection]/…): real collections and commands, so bodies reach the decider.
  collection: ['accounts', 'transfers'],
  command: ['deposit', 'withdraw', 'close', 'interest'],
  id: [],
};
const unexpected: unknown[] = [];
/** Who sends the request: mostly the teller (who may do everything, so inputs reach deep), sometimes others. */
const callers: Record<string, Record<string, string>> = { anonymous: {} };

beforeAll(async () => {
  delete process.env.CHRONICLE_IN_PROCESS_PROJECTIONS;
  db = await useTemporaryEventStore();
  await webRuntime().projections.start();
  routes = await catalogueRoutes(ROOT);
  for (const username of ['ann', 'amir', 'ada-lovelace']) callers[username] = await signedInAs(username);
  // Real accounts, so that fuzzed bodies also reach the decider and not only the id check.
  const open = routes.find((route) => route.pattern === '/api/accounts' && route.method === 'POST')!;
  for (const owner of ['Ada Lovelace', 'Grace Hopper']) {
    const response = await open.handler(jsonRequest('/api/accounts', { owner, currency: 'EUR' }, callers.ann), params({}));
    const { accountId } = (await response.json()) as { accountId: string };
    known.accountId!.push(accountId);
    known.id!.push(accountId);
    known.streamId!.push(`account-${accountId}`);
  }
  const original = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    // toErrorResponse logs what it maps to 500: every such call is a finding.
    if (args[0] === 'Unexpected error') unexpected.push(args[1]);
    else original(...args);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await webRuntime().projections.stop();
  await webRuntime().readDb.$disconnect();
  await db?.release();
});

const paramValue = (name: string): fc.Arbitrary<string> =>
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...(known[name] ?? ['x'])) }, { weight: 3, arbitrary: hostileText() });

const requestArbitrary = (route: CataloguedRoute) =>
  fc.record({
    params: fc.record(Object.fromEntries(route.paramNames.map((name) => [name, paramValue(name)]))) as fc.Arbitrary<Record<string, string>>,
    query: hostileQuery(),
    headers: hostileHeaders(),
    body: hostileBody(),
    caller: fc.oneof({ weight: 5, arbitrary: fc.constant('ann') }, { weight: 1, arbitrary: fc.constantFrom('amir', 'ada-lovelace', 'anonymous') }),
  });

/** Reads at most a little of a streaming answer (SSE) and then lets go. */
const readSome = async (response: Response, abort: AbortController): Promise<string> => {
  if (!response.headers.get('content-type')?.includes('text/event-stream')) return response.text();
  const reader = response.body!.getReader();
  const first = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 200))]);
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return first && first.value ? new TextDecoder().decode(first.value) : '';
};

describe('every API route under hostile input', () => {
  it('finds the routes (a route tree that moved would otherwise make this test pass vacuously)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes.some((route) => route.pattern === '/api/[collection]/[id]/[command]' && route.method === 'POST')).toBe(true);
    expect(routes.some((route) => route.pattern === '/api/accounts' && route.method === 'POST')).toBe(true);
  });

  it('answers every request with a deliberate status, leaks nothing and writes nothing it refused', async () => {
    const seen = new Map<string, Set<number>>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route), async (input) => {
          // A position ahead of the store is a fair question whose honest answer (503 read_model_behind) takes wait_ms.
          const query = input.query.includes('after_position') && !input.query.includes('wait_ms') ? `${input.query}&wait_ms=0` : input.query;
          const path = fillPattern(route.pattern, input.params) + query;
          const abort = new AbortController();
          const init: RequestInit = { method: route.method, headers: { ...input.headers, ...callers[input.caller] }, signal: abort.signal };
          if (route.method !== 'GET') init.body = input.body;
          const before = db.rowCount();
          const response = await route.handler(new Request(`${BASE}${path}`, init), params(input.params));
          const text = await readSome(response, abort);
          const label = `${route.method} ${route.pattern}`;
          if (!seen.has(label)) seen.set(label, new Set());
          seen.get(label)!.add(response.status);

          expect(unexpected, `${label} hit an unexpected error for ${path}`).toEqual([]);
          const deliberate503 = response.status === 503 && text.includes('"read_model_behind"');
          if (!deliberate503) expect(response.status, `${label} → ${response.status} for ${path}: ${text.slice(0, 300)}`).toBeLessThan(500);
          expect(text, `${label} leaked internals for ${path}`).not.toMatch(LEAK);
          if (response.status >= 400) expect(db.rowCount(), `${label} refused ${path} but wrote events`).toBe(before);
          if (response.status >= 400 && !response.headers.get('content-type')?.includes('text/event-stream')) {
            const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
            expect(typeof body.error?.code, `${label} error without a code`).toBe('string');
            expect(typeof body.error?.message, `${label} error without a message`).toBe('string');
          }
        }),
        { numRuns: RUNS },
      );
    }
    // Every route that takes input refused something: the inputs were hostile enough to matter.
    const takesInput = new Set(routes.filter((r) => r.paramNames.length > 0 || r.method !== 'GET').map((r) => `${r.method} ${r.pattern}`));
    for (const [label, statuses] of seen) if (takesInput.has(label)) expect([...statuses].some((status) => status >= 400), `${label} never refused anything`).toBe(true);
  }, TIME_LIMIT_MS);
});
